import './review.css';
import type { Answers } from '../core/answers';
import { isVisible, QUESTIONS } from '../core/allQuestions';
import { STEPS, type SizingField } from '../core/questions';
import { fmt } from '../core/reasoned';

function show(a: Answers, field: SizingField): string {
  const q = QUESTIONS[field];
  const v = a[field];
  if (q.kind === 'choice') return q.options.find((o) => o.value === v)?.label ?? String(v);
  // As the reasons print it (fmt); 3 decimals keep a think time of 0.125 s as typed.
  if (q.kind === 'number') return `${fmt(Number(v), 3)}${q.unit ? ` ${q.unit}` : ''}`;
  return String(v);
}

export function Review({ values, goTo }: { values: Answers; goTo: (step: number) => void }) {
  return (
    <div className="review">
      {STEPS.map((s, i) => (
        <section key={s.id} className="review-step" aria-labelledby={`review-${s.id}`}>
          <div className="review-head">
            <h3 id={`review-${s.id}`}>{s.title}</h3>
            <button type="button" className="btn link" onClick={() => goTo(i)} aria-label={`Edit ${s.title}`}>
              Edit
            </button>
          </div>
          <dl>
            {s.fields
              .filter((f) => isVisible(f, values))
              .map((f) => (
                <div key={f} className="review-row">
                  <dt>{QUESTIONS[f].label}</dt>
                  <dd>{show(values, f)}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
