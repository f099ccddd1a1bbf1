import type { GunicornPlan } from '../gunicorn';
import { py, type PyValue } from './text';

/** One Gunicorn setting as gunicorn.conf.py writes it and the result's table shows it. */
export interface SettingRow {
  name: string;
  value: PyValue;
  /** The Python literal written to gunicorn.conf.py: 'gthread', True, 30. */
  python: string;
  /** How a person reads it in a table: gthread, True, 30 (Python's spelling, without a string's quotes). */
  display: string;
  reason: string;
}

const row = (name: string, value: PyValue, reason: string): SettingRow => ({
  name,
  value,
  python: py(value),
  display: typeof value === 'string' ? value : py(value),
  reason,
});

/**
 * The plan's settings, in the order gunicorn.conf.py lists them: the one list both the file and the result's
 * table read, so they cannot disagree. worker_connections only for the worker classes that read it.
 */
export function planSettings(plan: GunicornPlan): SettingRow[] {
  return [
    row('workers', plan.workers.value, plan.workers.reason),
    row('threads', plan.threads.value, plan.threads.reason),
    row('worker_class', plan.workerClass.value, plan.workerClass.reason),
    ...(plan.workerConnections
      ? [row('worker_connections', plan.workerConnections.value, plan.workerConnections.reason)]
      : []),
    row('timeout', plan.timeout.value, plan.timeout.reason),
    row('graceful_timeout', plan.gracefulTimeout.value, plan.gracefulTimeout.reason),
    row('keepalive', plan.keepalive.value, plan.keepalive.reason),
    row('max_requests', plan.maxRequests.value, plan.maxRequests.reason),
    row('max_requests_jitter', plan.maxRequestsJitter.value, plan.maxRequestsJitter.reason),
    row('preload_app', plan.preloadApp.value, plan.preloadApp.reason),
    row('worker_tmp_dir', plan.workerTmpDir.value, plan.workerTmpDir.reason),
    row('forwarded_allow_ips', plan.forwardedAllowIps.value, plan.forwardedAllowIps.reason),
  ];
}
