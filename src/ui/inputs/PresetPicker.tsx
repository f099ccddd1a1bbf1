import './inputs.css';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';
import { applyPreset, PRESET_FIELDS, PRESETS, SOURCES, type Preset } from '../../core/presets';
import { answerText, recognisedPreset } from '../../core/provenance';
import { isVisible, QUESTIONS } from '../../core/allQuestions';

interface Props {
  form: UseFormReturn<Answers>;
  values: Answers;
}

/**
 * Presets on the first step: a click fills the answers people rarely know; the list below says what was set and
 * why. It reads the preset back from the answers (provenance.ts), so it also shows for a permalink.
 */
export default function PresetPicker({ form, values }: Props) {
  const current = recognisedPreset(values);
  const apply = (p: Preset) => {
    const next = applyPreset(form.getValues(), p);
    for (const f of [...PRESET_FIELDS, 'measuredFields'] as const)
      form.setValue(f, next[f], { shouldValidate: true, shouldDirty: true });
  };
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h3 id="presets-title">Start from a typical app (optional)</h3>
      <p className="help">
        Fills response time, I/O share, static share, worker memory, think time and Celery with sourced values
        for that kind of app. Every answer stays editable; the link records the answers, not the preset.
      </p>
      <div className="preset-buttons">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="btn small preset"
            aria-pressed={current?.id === p.id}
            title={p.summary}
            onClick={() => apply(p)}
          >
            {p.name}
          </button>
        ))}
      </div>
      {current && (
        <div className="preset-set" data-testid="preset-set" role="status">
          <p>
            <strong>{current.name}</strong> — {current.summary} It set:
          </p>
          <ul>
            {PRESET_FIELDS.filter((f) => current.values[f] && isVisible(f, values)).map((f) => {
              const pv = current.values[f]!;
              const kept = values[f] === pv.value;
              const src = SOURCES[pv.source];
              return (
                <li key={f} data-field={f}>
                  <strong>
                    {QUESTIONS[f].label}: {answerText(f, { ...values, [f]: pv.value })}
                  </strong>
                  {kept ? '' : ` (you changed it to ${answerText(f, values)})`}. {pv.reason}{' '}
                  <span className="muted">
                    {src.url ? (
                      <a href={src.url} target="_blank" rel="noreferrer">
                        {src.title}
                      </a>
                    ) : (
                      src.title
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
