import type { Recommendation } from '../../core/recommend';

const ICON = { danger: '⛔', warning: '⚠️', info: 'ℹ️' } as const;

export function Warnings({ rec }: { rec: Recommendation }) {
  if (!rec.warnings.length) return null;
  return (
    <section aria-labelledby="warn-title">
      <h3 id="warn-title">Warnings and notes</h3>
      <ul className="warnings" data-testid="warnings">
        {rec.warnings.map((w) => (
          <li key={w.id} className={`warning ${w.severity}`}>
            <span aria-hidden="true">{ICON[w.severity]}</span>
            <div>
              <strong>
                <span className="sr-only">{w.severity}: </span>
                {w.title}
              </strong>
              <p>{w.detail}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
