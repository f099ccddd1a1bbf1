import type { Reasoned } from '../../core/reasoned';
import type { Recommendation } from '../../core/recommend';

export function GunicornTable({ rec }: { rec: Recommendation }) {
  const p = rec.chosen.plan;
  const rows: Array<[string, Reasoned<string | number | boolean> | null]> = [
    ['workers', p.workers],
    ['threads', p.threads],
    ['worker_class', p.workerClass],
    ['worker_connections', p.workerConnections],
    ['timeout', p.timeout],
    ['graceful_timeout', p.gracefulTimeout],
    ['keepalive', p.keepalive],
    ['max_requests', p.maxRequests],
    ['max_requests_jitter', p.maxRequestsJitter],
    ['preload_app', p.preloadApp],
    ['worker_tmp_dir', p.workerTmpDir],
    ['forwarded_allow_ips', p.forwardedAllowIps],
  ];
  return (
    <section aria-labelledby="gunicorn-title">
      <h3 id="gunicorn-title">Gunicorn settings</h3>
      <div className="table-scroll">
        <table className="settings" data-testid="gunicorn-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, v]) =>
              v ? (
                <tr key={name} data-setting={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td className="value">
                    <code>
                      {typeof v.value === 'boolean' ? (v.value ? 'True' : 'False') : String(v.value)}
                    </code>
                  </td>
                  <td>{v.reason}</td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
