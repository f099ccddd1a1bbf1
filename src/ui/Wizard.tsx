import { lazy, Suspense, useEffect, useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../core/answers';
import {
  FIRST_STEP_QUESTIONS,
  helpFor,
  STEPS,
  visible,
  type QuestionDef,
  type SizingField,
} from '../core/questions';
import { loadValidation } from './loadValidation';
import { Question } from './Question';
import { preloadable, useFirstScreenPart } from './preloadable';
import { REVIEW } from './url';

interface Props {
  form: UseFormReturn<Answers>;
  values: Answers;
  step: number;
  goTo: (step: number) => void;
  /** Every step's questions, once the validation chunk has brought them; the first step's are always here. */
  questions: Record<SizingField, QuestionDef> | undefined;
}

// Presets and the measure helper carry long texts and their models: they load after the first screen.
const PresetPicker = preloadable(() => import('./inputs/PresetPicker'), true);
const MeasureHelper = lazy(() => import('./inputs/MeasureHelper'));
const LogImportLauncher = preloadable(() => import('./logs/LogImportLauncher'), true);
// The review list shows only on the last step: not part of the first screen's JS (npm run size).
const Review = lazy(() => import('./Review').then((m) => ({ default: m.Review })));

const titles = [...STEPS.map((s) => s.title), 'Review'];

export function Wizard({ form, values, step, goTo, questions }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const mounted = useRef(false);
  // Move focus to the new step's heading so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (mounted.current) heading.current?.focus();
    mounted.current = true;
  }, [step]);

  // The first step's lazy parts: hydrated when their code arrives, their prerendered HTML kept meanwhile.
  const presets = useFirstScreenPart(
    PresetPicker,
    () => (
      <Suspense fallback={null}>
        <PresetPicker form={form} values={values} />
      </Suspense>
    ),
    [form, values],
  );
  const logImport = useFirstScreenPart(
    LogImportLauncher,
    () => (
      <Suspense fallback={null}>
        <LogImportLauncher form={form} values={values} />
      </Suspense>
    ),
    [form, values],
  );
  const def = STEPS[step];
  const defs: Partial<Record<SizingField, QuestionDef>> = questions ?? FIRST_STEP_QUESTIONS;
  // A later step opened before its texts arrived (a #step link): they come with the validation chunk.
  const waiting = def ? def.fields.some((f) => !defs[f]) : false;
  useEffect(() => {
    if (waiting) void loadValidation();
  }, [waiting]);
  const fields: SizingField[] = def && !waiting ? def.fields.filter((f) => visible(defs[f]!, values)) : [];
  const errors = form.formState.errors;
  // Only a shown field can be edited into an error: hidden ones keep their last valid values.
  const stepHasError = (i: number) => (STEPS[i]?.fields ?? []).some((f) => errors[f]);

  const next = async () => {
    const ok = await form.trigger(fields, { shouldFocus: true });
    if (ok) goTo(step + 1);
  };

  return (
    <section className="wizard card" aria-labelledby="step-title">
      <nav aria-label="Wizard steps">
        <ol className="progress">
          {titles.map((t, i) => (
            <li key={t} className={i < step ? 'done' : undefined}>
              <button
                type="button"
                onClick={() => goTo(i)}
                aria-current={i === step ? 'step' : undefined}
                className={stepHasError(i) ? 'has-error' : undefined}
              >
                <span className="num" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="label">{t}</span>
                {stepHasError(i) && <span className="sr-only"> (has errors)</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step < REVIEW) void next();
        }}
      >
        <p className="step-count">
          Step {step + 1} of {titles.length}
        </p>
        <h2 id="step-title" ref={heading} tabIndex={-1}>
          {titles[step]}
        </h2>
        <p className="intro">
          {def?.intro ?? 'Check your answers. The recommendation follows every change you make.'}
        </p>
        {def?.id === 'traffic' && presets}
        {waiting && (
          <p className="muted" aria-busy="true">
            Loading the questions…
          </p>
        )}
        {def ? (
          fields.map((f) => (
            <Question key={f} field={f} q={defs[f]!} form={form} help={helpFor(defs[f]!, values)} />
          ))
        ) : (
          <Suspense fallback={null}>
            <Review values={values} goTo={goTo} />
          </Suspense>
        )}
        {def?.id === 'app' && (
          <Suspense fallback={null}>
            <MeasureHelper form={form} />
          </Suspense>
        )}
        {def?.id === 'traffic' && logImport}
        <div className="step-nav">
          <button type="button" className="btn" onClick={() => goTo(step - 1)} disabled={step === 0}>
            Back
          </button>
          {step < REVIEW && (
            <button type="submit" className="btn primary">
              {step === REVIEW - 1 ? 'Review' : 'Next'}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
