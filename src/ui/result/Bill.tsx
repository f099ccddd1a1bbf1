import type { Recommendation } from '../../core/recommend';
import { usd } from './format';

/** The month's bill: lines, sources and dates come from the core (rec.bill); this only lays them out. */
export default function Bill({ rec }: { rec: Recommendation }) {
  const b = rec.bill;
  return (
    <section aria-labelledby="bill-title" data-testid="bill">
      <h3 id="bill-title">The whole bill</h3>
      <p className="muted">
        Everything this plan runs, a month at a time, each price with where it was read and when.
      </p>
      <div className="table-scroll">
        <table className="bill">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="num">
                On demand
              </th>
              <th scope="col">1-year Savings Plan</th>
              <th scope="col">Price source (as of)</th>
            </tr>
          </thead>
          <tbody>
            {b.lines.map((l) => (
              <tr key={l.id} data-testid={`bill-${l.id}`}>
                <th scope="row">
                  {l.label}
                  <span className="why-line">{l.reason}</span>
                </th>
                <td className="num">{usd(l.usdPerMonth)}</td>
                <td>
                  {l.savingsPlanUsdPerMonth === null ? (
                    <span className="muted" title={b.savingsPlan.text}>
                      —
                    </span>
                  ) : (
                    usd(l.savingsPlanUsdPerMonth)
                  )}
                </td>
                <td className="source">
                  {l.source} ({l.asOf})
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total a month</th>
              <td className="num" data-testid="bill-total">
                <strong>{usd(b.onDemandUsdPerMonth.value)}</strong>
              </td>
              <td>
                {b.savingsPlan.usdPerMonth === null ? b.savingsPlan.text : usd(b.savingsPlan.usdPerMonth)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="fineprint">{b.savingsPlan.note}</p>
      {b.sources.length > 0 && (
        <details>
          <summary>Sources cited</summary>
          <ul className="sources">
            {b.sources.map((s) => (
              <li key={s.key}>
                <strong>{s.key}</strong> ({s.asOf}): {s.description}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
