import './inputs.css';
import type { UseFormReturn } from 'react-hook-form';
import type { Answers } from '../../core/answers';
import { lazy, Suspense } from 'react';
import { useReplayEarlyClicks } from '../earlyClicks';
import { applyPreset, PRESET_FIELDS, PRESETS, recognisedPreset, type Preset } from '../../core/presets';

// What a recognised preset set: shown after a click (or from a link), so not loaded with the buttons.
const PresetSet = lazy(() => import('./PresetSet'));

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
  const early = useReplayEarlyClicks<HTMLElement>();
  const apply = (p: Preset) => {
    const next = applyPreset(form.getValues(), p);
    for (const f of [...PRESET_FIELDS, 'measuredFields'] as const)
      form.setValue(f, next[f], { shouldValidate: true, shouldDirty: true });
  };
  return (
    <section ref={early} className="presets" aria-labelledby="presets-title">
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
            data-early={`preset:${p.id}`}
            aria-pressed={current?.id === p.id}
            title={p.summary}
            onClick={() => apply(p)}
          >
            {p.name}
          </button>
        ))}
      </div>
      {current && (
        <Suspense fallback={null}>
          <PresetSet current={current} values={values} />
        </Suspense>
      )}
    </section>
  );
}
