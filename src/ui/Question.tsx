import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../core/answers';
import type { AskedField, QuestionDef } from '../core/questions';

interface Props {
  field: AskedField;
  /** Its question (questions.ts on the wizard, deployQuestions.ts beside the configs). */
  q: QuestionDef;
  form: UseFormReturn<Answers>;
  /** The help true for the current answers (questions.ts helpText). */
  help: string;
}

export function Question({ field, q, form, help }: Props) {
  const error = form.formState.errors[field]?.message;
  const id = `q-${field}`;
  const helpId = `${id}-help`;
  const errId = `${id}-error`;
  // The starting value in the markup too (react-hook-form sets it only from a ref after hydration), so the
  // prerendered first screen (scripts/vite-prerender.ts) shows the defaults before any script runs.
  const initial = form.formState.defaultValues?.[field];
  const describedBy = error ? `${helpId} ${errId}` : helpId;
  const errorLine = (
    <p id={errId} className="error" role={error ? 'alert' : undefined}>
      {error ?? ''}
    </p>
  );
  if (q.kind === 'choice') {
    return (
      <fieldset className="question" aria-describedby={describedBy}>
        <legend>{q.label}</legend>
        <p id={helpId} className="help">
          {help}
        </p>
        <div className="choices">
          {q.options.map((o) => (
            <label key={o.value} className="choice">
              <input
                type="radio"
                value={o.value}
                defaultChecked={initial === o.value}
                {...form.register(field)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
        {errorLine}
      </fieldset>
    );
  }
  const isNumber = q.kind === 'number';
  const reg = form.register(field, isNumber ? { valueAsNumber: true } : {});
  // A measured answer the user edits is theirs now: drop it from the measured list.
  const onChange: typeof reg.onChange = (e) => {
    const measured = form.getValues('measuredFields');
    if (measured.split(',').includes(field))
      form.setValue(
        'measuredFields',
        measured
          .split(',')
          .filter((f) => f !== field)
          .join(','),
      );
    return reg.onChange(e);
  };
  const step = q.kind === 'number' ? q.step : undefined;
  const unit = q.kind === 'number' ? q.unit : undefined;
  return (
    <div className="question">
      <label htmlFor={id}>{q.label}</label>
      <p id={helpId} className="help">
        {help}
      </p>
      <div className="input-row">
        <input
          id={id}
          type={isNumber ? 'number' : 'text'}
          inputMode={isNumber ? 'decimal' : undefined}
          step={step}
          autoComplete="off"
          spellCheck={false}
          defaultValue={initial === undefined ? undefined : String(initial)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...reg}
          onChange={onChange}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
      {errorLine}
    </div>
  );
}
