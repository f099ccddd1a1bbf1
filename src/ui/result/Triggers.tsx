import type { Recommendation } from '../../core/recommend';

export function Triggers({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="triggers-title">
      <h3 id="triggers-title">When to upgrade</h3>
      <p className="muted">The guide’s Step 7 triggers, made concrete for this box.</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Watch</th>
              <th scope="col">Act when</th>
              <th scope="col">Expected at peak</th>
              <th scope="col">Then</th>
            </tr>
          </thead>
          <tbody>
            {rec.triggers.map((t) => (
              <tr key={t.signal}>
                <th scope="row">{t.signal}</th>
                <td>{t.threshold}</td>
                <td>{t.expected}</td>
                <td>{t.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
