import { isVisible, QUESTIONS } from '../../core/allQuestions';
import type { Answers } from '../../core/answers';
import { PRESET_FIELDS, SOURCES, type Preset } from '../../core/presets';
import { answerText } from '../../core/provenance';

/**
 * What a recognised preset set, each value with its reason and source. Its own chunk: the first screen's preset
 * buttons (loaded before hydration) need none of the question texts it names.
 */
export default function PresetSet({ current, values }: { current: Preset; values: Answers }) {
  return (
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
  );
}
