import { planSettings } from '../../core/generators/gunicornSettings';
import type { Recommendation } from '../../core/recommend';

/** The settings gunicorn.conf.py writes, from the same list (the core spells each value as Python does). */
export function GunicornTable({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="gunicorn-title" id="gunicorn">
      <h3 id="gunicorn-title">Gunicorn settings</h3>
      <div className="table-scroll">
        <table className="settings" data-testid="gunicorn-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col" className="why">
                Why
              </th>
            </tr>
          </thead>
          <tbody>
            {planSettings(rec.chosen.plan).map((s) => (
              <tr key={s.name} data-setting={s.name}>
                <th scope="row">
                  <code>{s.name}</code>
                </th>
                <td className="value">
                  <code>{s.display}</code>
                </td>
                <td className="why">{s.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
