import { useMemo } from 'react';
import type { Answers } from '../../core/answers';
import { answerOrigins, originsSummary, type Origin } from '../../core/provenance';

const BADGE: Record<Origin, string> = { assumed: 'assumed', given: 'yours', measured: 'measured' };

/** Every answer the recommendation rests on, marked assumed, given or measured (provenance.ts). */
export function Origins({ answers }: { answers: Answers }) {
  const list = useMemo(() => answerOrigins(answers), [answers]);
  return (
    <section aria-labelledby="origins-title">
      <h3 id="origins-title">What this rests on</h3>
      <p className="muted">{originsSummary(list)}</p>
      <div className="table-scroll">
        <table className="origins" data-testid="origins">
          <thead>
            <tr>
              <th scope="col">Answer</th>
              <th scope="col">Value</th>
              <th scope="col">Origin</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => (
              <tr key={o.field} data-field={o.field} data-origin={o.origin}>
                <th scope="row">{o.label}</th>
                <td>{o.shown}</td>
                <td>
                  <span className={`badge ${o.origin}`}>{BADGE[o.origin]}</span>
                </td>
                <td className="why">{o.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
