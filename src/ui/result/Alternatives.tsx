import type { Recommendation } from '../../core/recommend';
import { gib, usd } from './format';

export function Alternatives({ rec }: { rec: Recommendation }) {
  if (!rec.alternatives.length) return null;
  return (
    <section aria-labelledby="alt-title">
      <h3 id="alt-title">Alternatives</h3>
      <div className="table-scroll">
        <table data-testid="alternatives">
          <thead>
            <tr>
              <th scope="col">Option</th>
              <th scope="col">Type</th>
              <th scope="col">vCPU / memory</th>
              <th scope="col">Gunicorn</th>
              <th scope="col" className="num">
                $/month
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rec.alternatives.map((a) => {
              const e = a.evaluation;
              return (
                <tr key={a.label}>
                  <th scope="row">{a.label}</th>
                  <td>
                    <code>{e.instance.type}</code>
                  </td>
                  <td>
                    {e.instance.vcpu} / {gib(e.instance.memoryGib)}
                  </td>
                  <td>
                    {e.plan.workers.value} × {e.plan.threads.value}
                  </td>
                  <td className="num">{usd(e.usdPerMonth)}</td>
                  <td>{a.note}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
