import type { Recommendation } from '../recommend';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { answerLines, comment, header, pyStr } from './text';

/** `<module>.wsgi:application` or `.asgi:application`: Django's startproject layout. */
export function appSpec(input: GenInput): string {
  return `${input.a.djangoModule}.${input.a.appInterface}:application`;
}

type PyValue = string | number | boolean;
type Setting = [name: string, value: PyValue, why: string];

function py(v: PyValue): string {
  if (typeof v === 'string') return pyStr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  // Python has no NaN or Infinity literal; a non-finite number here is a bug in the plan.
  if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
  return String(v);
}

/**
 * gunicorn.conf.py with every setting the plan recommends, each under the plan's reason. Only names that
 * gunicorn 20.1 knows: it silently ignores any other (the server tests check each against KNOWN_SETTINGS).
 */
export function generateGunicornConf(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { plan, t } = input;
  const settings: Setting[] = [
    [
      'bind',
      `unix:${t.socketPath}`,
      'The socket gunicorn.socket listens on (systemd hands it over); without systemd Gunicorn binds it itself.',
    ],
    ['workers', plan.workers.value, plan.workers.reason],
    ['threads', plan.threads.value, plan.threads.reason],
    ['worker_class', plan.workerClass.value, plan.workerClass.reason],
    ...(plan.workerConnections
      ? [['worker_connections', plan.workerConnections.value, plan.workerConnections.reason] as Setting]
      : []),
    ['timeout', plan.timeout.value, plan.timeout.reason],
    ['graceful_timeout', plan.gracefulTimeout.value, plan.gracefulTimeout.reason],
    ['keepalive', plan.keepalive.value, plan.keepalive.reason],
    ['max_requests', plan.maxRequests.value, plan.maxRequests.reason],
    ['max_requests_jitter', plan.maxRequestsJitter.value, plan.maxRequestsJitter.reason],
    ['preload_app', plan.preloadApp.value, plan.preloadApp.reason],
    ['worker_tmp_dir', plan.workerTmpDir.value, plan.workerTmpDir.reason],
    [
      'forwarded_allow_ips',
      plan.forwardedAllowIps.value,
      t.loadBalancer
        ? `${plan.forwardedAllowIps.reason} Behind the load balancer too: the proxy decides which X-Forwarded-For entries to believe (only ${t.loadBalancer.trustedCidr}'s), not Gunicorn.`
        : plan.forwardedAllowIps.reason,
    ],
    ['accesslog', `${t.logDir}/access.log`, 'One line per request, for latency and error rates.'],
    ['errorlog', `${t.logDir}/error.log`, 'Worker timeouts, crashes and restarts are logged here.'],
    ['loglevel', 'info', 'Logs worker starts and exits, which shows max_requests recycling at work.'],
  ];
  const lines = [
    ...header(input, `Gunicorn 20.1 settings for ${input.a.djangoModule} (${input.a.domain}).`, [
      `Install as ${t.gunicornConfPath}; check with: ${t.venvPath}/bin/gunicorn --check-config -c ${t.gunicornConfPath} ${appSpec(input)}`,
    ]),
    comment('Answers:'),
    ...answerLines(input),
  ];
  for (const [name, value, why] of settings) lines.push('', comment(why), `${name} = ${py(value)}`);
  return `${lines.join('\n')}\n`;
}
