import { HEADROOM_TEXT } from '../../core/memory';
import type { Recommendation } from '../../core/recommend';
import { int, pct } from './format';

export function MemoryBreakdown({ rec }: { rec: Recommendation }) {
  const m = rec.chosen.memory;
  return (
    <section aria-labelledby="memory-title">
      <h3 id="memory-title">Memory budget</h3>
      <p>
        {int(m.usedMib)} MB of {int(m.visibleMib)} MB used by processes ({pct(m.usedShare)})
        {m.reclaimableMib > 0 &&
          `, plus ${int(m.reclaimableMib)} MB of page cache the OS hands back under pressure`}
        ; the whole budget, {int(m.totalMib)} MB, stays under {int(m.limitMib)} MB to keep {HEADROOM_TEXT}{' '}
        free for the page cache, deploys and spikes.
      </p>
      <div
        className="membar"
        role="img"
        aria-label={`Memory: ${m.items.map((i) => `${i.label} ${int(i.mib)} MB`).join(', ')}; limit ${int(m.limitMib)} MB of ${int(m.visibleMib)} MB`}
      >
        {m.items.map((i, k) => (
          <span
            key={i.label}
            className={`seg s${k % 6}`}
            style={{ width: `${(i.mib / m.visibleMib) * 100}%` }}
          />
        ))}
        <span className="limit" style={{ left: `${(m.limitMib / m.visibleMib) * 100}%` }} />
      </div>
      <div className="table-scroll">
        <table className="breakdown">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col" className="num">
                MB
              </th>
              <th scope="col" className="why">
                Why
              </th>
            </tr>
          </thead>
          <tbody>
            {m.items.map((i, k) => (
              <tr key={i.label}>
                <th scope="row">
                  <span className={`swatch s${k % 6}`} aria-hidden="true" /> {i.label}
                  {i.reclaimable && <span className="muted"> (reclaimable)</span>}
                </th>
                <td className="num">{int(i.mib)}</td>
                <td className="why">{i.reason}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{int(m.totalMib)}</td>
              <td>of {int(m.limitMib)} MB allowed</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
