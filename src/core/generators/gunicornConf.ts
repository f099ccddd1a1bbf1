import type { Recommendation } from '../recommend';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { planSettings } from './gunicornSettings';
import { answerLines, comment, header, py, type PyValue } from './text';

type Setting = [name: string, value: PyValue, why: string];

/** `<module>.wsgi:application` or `.asgi:application`: Django's startproject layout. */
export function appSpec(input: GenInput): string {
  return `${input.a.djangoModule}.${input.a.appInterface}:application`;
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
    ...planSettings(plan).map((x): Setting => [
      x.name,
      x.value,
      x.name === 'forwarded_allow_ips' && t.loadBalancer
        ? `${x.reason} Behind the load balancer too: the proxy decides which X-Forwarded-For entries to believe (only ${t.loadBalancer.trustedCidr}'s), not Gunicorn.`
        : x.reason,
    ]),
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
