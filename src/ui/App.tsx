import { lazy, startTransition, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useForm, useWatch, type Resolver, type UseFormReturn } from 'react-hook-form';
import { FIRST_STEP_QUESTIONS, type FirstStepField, type QuestionDef } from '../core/questions';
import type { Answers } from '../core/answers';
import type { FieldProblem } from '../core/checkAnswers';
import type { Summary } from '../core/summary';
import { Wizard } from './Wizard';
import { whenIdle } from './idle';
import { loadSizing } from './summary/loadSizing';
import type { Sizer } from './summary/sizingChunk';
import { SummaryBar, type SizingState } from './summary/SummaryBar';
import { preloadable, useFirstScreenPart } from './preloadable';
import { loadValidation, whenValidationLoaded, type Validation } from './loadValidation';
import { REVIEW, stepFromHash, urlFor } from './url';

// Disabled until the validation chunk (idle-loaded) encodes the answers: its code can come later. The build
// prerenders the button (react-dom/static waits for it), and main.tsx loads it before the first render.
const CopyLink = preloadable(() => import('./CopyLink').then((m) => ({ default: m.CopyLink })), true);
// Shown only when a permalink had problems or notes: not part of the first screen's JS (npm run size).
const LinkNotice = lazy(() => import('./LinkNotice').then((m) => ({ default: m.LinkNotice })));
// The result view pulls in the sizing models, react-query and (later) recharts: not needed for the first screen.
const ResultPanel = lazy(() => import('./result/ResultPanel'));

export interface Initial {
  answers: Answers;
  problems: string[];
  /** Not problems: e.g. the link is from an earlier link version (and keeps its meaning). */
  notes: string[];
  step: number;
  showResult: boolean;
  /** The core's summary of `answers`, when the page already holds it (the prerendered default answers). */
  summary?: Summary;
}

// zodResolver over the core's schema, fetched with the validation chunk on first use.
const resolver: Resolver<Answers> = async (values, context, options) => {
  const v = await loadValidation();
  return v.zodResolver(v.answersSchema)(values, context, options);
};

/**
 * The sizing core and the catalog for the live summary: loaded in idle time after the first paint, or at once
 * when an answer changes (the prerendered summary covers the default answers until then).
 */
function useSizer(wanted: boolean): { sizer: Sizer | undefined; state: SizingState; retry: () => void } {
  const [sizer, setSizer] = useState<Sizer>();
  const [state, setState] = useState<SizingState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (sizer) return;
    let live = true;
    const load = () =>
      void loadSizing().then(
        (s) =>
          live &&
          startTransition(() => {
            setSizer(s);
            setState({ kind: 'ready' });
          }),
        (e: unknown) =>
          live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    const cancel = wanted || attempt > 0 ? (load(), undefined) : whenIdle(load);
    return () => {
      live = false;
      cancel?.();
    };
  }, [sizer, wanted, attempt]);
  const retry = () => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  };
  return { sizer, state, retry };
}

function useValidation(): Validation | undefined {
  const [v, setV] = useState<Validation>();
  // As a transition: the re-render that first validates and encodes the answers yields to input.
  useEffect(() => whenValidationLoaded((m) => startTransition(() => setV(m))), []);
  return v;
}

type Edits = Record<string, string>;

/**
 * Replays the edits made on the prerendered first step before React hydrated it (recorded by index.html's
 * inline script, scripts/vite-prerender.ts): react-hook-form writes its own values into the inputs when it
 * registers them, which would silently undo what the person typed or picked.
 */
function replayEarlyEdits(form: UseFormReturn<Answers>) {
  const w = window as { rsEdits?: Edits | null };
  const edits = w.rsEdits;
  w.rsEdits = null;
  const early: Partial<Record<FirstStepField, string | number>> = {};
  for (const [name, raw] of Object.entries(edits ?? {})) {
    const q = FIRST_STEP_QUESTIONS[name as FirstStepField] as QuestionDef | undefined;
    if (q)
      early[name as FirstStepField] =
        q.kind === 'number' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw;
  }
  for (const f of Object.keys(early) as FirstStepField[]) {
    // Registering may already have read the edit from its input, and then setValue would tell no watcher
    // (useWatch): the starting value goes back first, so the edit arrives as a change.
    if (Object.is(form.getValues(f), early[f])) form.setValue(f, form.formState.defaultValues?.[f] as never);
    form.setValue(f, early[f] as never, { shouldDirty: true, shouldValidate: true });
  }
}

export function App({ initial, onStarted }: { initial: Initial; onStarted?: () => void }) {
  const [step, setStep] = useState(initial.step);
  const [showResult, setShowResult] = useState(initial.showResult);
  const [linkProblems, setLinkProblems] = useState(initial.problems);
  const [linkNotes, setLinkNotes] = useState(initial.notes);
  const form = useForm<Answers>({ resolver, mode: 'onChange', defaultValues: initial.answers });
  const values = useWatch({ control: form.control }) as Answers;
  const v = useValidation();

  // Once React has hydrated (or rendered) the page and registered every input: early edits, then "started".
  useEffect(() => {
    replayEarlyEdits(form);
    onStarted?.();
    // Once, on mount: onStarted is main.tsx's, fixed for the page's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Each answer is checked on its own (core/checkAnswers.ts): a bad field keeps its last valid value and is
  // named in the summary, and every other edit still takes effect. Invalid values never reach the URL.
  const [lastValid, setLastValid] = useState<Answers>(initial.answers);
  const checked = useMemo(() => v?.checkAnswers(values, lastValid), [v, values, lastValid]);
  // Remember the last valid answers (React's "store information from previous renders" pattern).
  if (checked && !v!.sameAnswers(checked.answers, lastValid)) setLastValid(checked.answers);
  const answers = lastValid;
  const problems: FieldProblem[] = checked?.problems ?? [];
  const invalidCount = problems.length;
  const { sizer, state: sizing, retry } = useSizer(answers !== initial.answers);
  // The prerendered summary already holds the starting answers' figures: the core runs once they change (its
  // first, cold run is a long task at 4× CPU that the first screen need not pay).
  const prerendered = answers === initial.answers ? initial.summary : undefined;
  const live = useMemo(
    () => (prerendered ? undefined : sizer?.summaryFor(answers)),
    [prerendered, sizer, answers],
  );
  const summary = prerendered ?? live;
  // The address bar stays clean for today's defaults; the link people share names its version even then.
  const query = useMemo(() => v?.addressQuery(answers), [v, answers]);
  const link = useMemo(() => v?.encodePermalink(answers), [v, answers]);

  // Edits replace the current history entry (no flood); step changes push one, so Back/Forward walk the steps.
  useEffect(() => {
    if (query === undefined) return;
    const t = window.setTimeout(() => window.history.replaceState(null, '', urlFor(query, step)), 250);
    return () => window.clearTimeout(t);
  }, [query, step]);

  const goTo = useCallback(
    (next: number) => {
      if (next === step || next < 0 || next > REVIEW) return;
      // Both the entry left behind and the new one carry the answers as they are now: the 250 ms URL update
      // and the idle-loaded validation chunk may not have caught up with the last edit (Back restores them).
      void loadValidation().then((m) => {
        const now = m.answersSchema.safeParse(form.getValues());
        const q = now.success ? m.addressQuery(now.data) : (query ?? window.location.search.slice(1));
        window.history.replaceState(null, '', urlFor(q, step));
        window.history.pushState(null, '', urlFor(q, next));
      });
      setStep(next);
      if (next === REVIEW) setShowResult(true);
    },
    [query, step, form],
  );

  useEffect(() => {
    const onPop = () => {
      const s = stepFromHash(window.location.hash) ?? 0;
      setStep(s);
      if (s === REVIEW) setShowResult(true);
      void loadValidation().then((m) => {
        const decoded = m.decodePermalink(window.location.search);
        form.reset(decoded.answers);
        setLinkProblems(decoded.problems);
        setLinkNotes(decoded.notes);
      });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [form]);

  const linkDisabled = query === undefined || invalidCount > 0;
  const copyLink = useFirstScreenPart(
    CopyLink,
    () => (
      <Suspense fallback={null}>
        <CopyLink query={link ?? ''} disabled={linkDisabled} />
      </Suspense>
    ),
    [link, linkDisabled],
  );

  return (
    <div className={showResult ? 'app wide' : 'app'}>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◧
          </span>
          <div>
            <h1>Rightsize</h1>
            <p className="tagline">Size a Django deployment: instance, Gunicorn, Nginx or Caddy.</p>
          </div>
        </div>
        {copyLink}
      </header>
      {(linkProblems.length > 0 || linkNotes.length > 0) && (
        <Suspense fallback={null}>
          <LinkNotice
            problems={linkProblems}
            notes={linkNotes}
            onDismiss={() => {
              setLinkProblems([]);
              setLinkNotes([]);
            }}
          />
        </Suspense>
      )}
      <SummaryBar
        summary={summary}
        // With the result shown, its own message and Retry cover a catalog that failed (one place to act).
        sizing={showResult && sizing.kind === 'error' ? { kind: 'loading' } : sizing}
        problems={problems}
        notes={checked?.notes ?? []}
        goTo={goTo}
        onRetry={retry}
        onShowResult={step === REVIEW ? undefined : () => goTo(REVIEW)}
      />
      <main className={showResult ? 'layout with-result' : 'layout'}>
        <Wizard form={form} values={values} step={step} goTo={goTo} questions={v?.QUESTIONS} />
        {showResult && (
          <Suspense
            fallback={
              <div
                className="result-skeleton card"
                aria-busy="true"
                aria-label="Loading the recommendation"
              />
            }
          >
            <ResultPanel
              answers={answers}
              link={link ?? ''}
              form={form}
              values={values}
              onCatalogReady={sizing.kind === 'error' ? retry : undefined}
            />
          </Suspense>
        )}
      </main>
      <footer className="foot">
        <p>
          Every number comes with its reason. Estimates from published figures and your answers — confirm with
          a load test before you buy.
        </p>
      </footer>
    </div>
  );
}
