import type { Answers } from '../answers';
import { celeryPlacement, type CeleryBoxes } from '../celery';
import type { Recommendation } from '../recommend';
import { appSpec } from './gunicornConf';
import { checkedInput, type DeployTarget, type GenInput } from './target';
import { blank, block, conf, directive, note, renderSystemdUnit, type Child } from './tree';
import { headerTexts, type OtherBox } from './text';

export const SYSTEMD_DIR = '/etc/systemd/system';
// Seconds systemd waits past graceful_timeout before SIGKILL: time for the master itself to exit.
export const STOP_MARGIN_S = 5;
// Seconds a Celery worker gets to finish its current tasks on stop (a warm shutdown) before SIGKILL.
export const CELERY_STOP_S = 300;

/** `Key=value`, the value's words as the unit shows them (the renderer refuses one that would break the line). */
const set = (key: string, value: string | number) => directive(key, ...String(value).split(' '));

// systemd's LogsDirectory= creates a directory below /var/log owned by User=; elsewhere the admin creates it.
function logsDirectory(t: DeployTarget): Child {
  const m = /^\/var\/log\/(.+)$/.exec(t.logDir);
  return m ? set('LogsDirectory', m[1]!) : note(`Create ${t.logDir}, writable by ${t.appUser}.`);
}

/** Debian's units for the services this box runs itself (After= only orders; it starts nothing). */
export function localServices(a: Answers): string[] {
  const units: string[] = [];
  if (a.dbLocation === 'here')
    units.push(a.dbEngine === 'postgresql' ? 'postgresql.service' : 'mariadb.service');
  if (a.redis === 'here') units.push('redis-server.service');
  return units;
}

const after = (a: Answers) => set('After', ['network.target', ...localServices(a)].join(' '));

const unitHeader = (input: GenInput, title: string, name: string, where: string[] = [], on?: OtherBox) =>
  headerTexts(
    input,
    title,
    [
      ...where,
      `Install as /etc/systemd/system/${name}; then: sudo systemctl daemon-reload && sudo systemctl enable --now ${name}`,
    ],
    on,
  ).map(note);

/** A unit file: its header, then its sections, a blank line between them. */
const unit = (head: Child, ...sections: Child[]) =>
  renderSystemdUnit(
    conf(
      head,
      sections.map((x, i) => (i ? [blank, x] : x)),
    ),
  );

/** gunicorn.socket: systemd holds the socket, so only the proxy's user can connect and restarts drop nothing. */
export function generateGunicornSocket(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { t } = input;
  return unit(
    unitHeader(
      input,
      `Socket for ${input.a.djangoModule}’s Gunicorn (Gunicorn 20.1 deploy docs).`,
      'gunicorn.socket',
    ),
    block('Unit', set('Description', `gunicorn socket for ${input.a.djangoModule}`)),
    block(
      'Socket',
      set('ListenStream', t.socketPath),
      note(`Only ${t.proxyUser} (the proxy) may connect; Gunicorn gets the socket from systemd.`),
      set('SocketUser', t.proxyUser),
      set('SocketMode', '0600'),
    ),
    block('Install', set('WantedBy', 'sockets.target')),
  );
}

/** gunicorn.service, started by the socket. */
export function generateGunicornService(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t, plan } = input;
  return unit(
    unitHeader(input, `Gunicorn for ${a.djangoModule} (Gunicorn 20.1 deploy docs).`, 'gunicorn.service'),
    block(
      'Unit',
      set('Description', `gunicorn daemon for ${a.djangoModule}`),
      set('Documentation', 'https://docs.gunicorn.org/en/20.1.0/deploy.html'),
      set('Requires', 'gunicorn.socket'),
      after(a),
    ),
    block(
      'Service',
      note('Gunicorn 20.1 tells systemd when it is ready (sd_notify).'),
      set('Type', 'notify'),
      set('User', t.appUser),
      set('WorkingDirectory', a.appDir),
      set('ExecStart', `${t.venvPath}/bin/gunicorn -c ${t.gunicornConfPath} ${appSpec(input)}`),
      note(
        plan.preloadApp.value
          ? 'HUP restarts the workers; with preload_app new code needs: sudo systemctl restart gunicorn'
          : 'HUP reloads the code and restarts the workers gracefully.',
      ),
      set('ExecReload', '/bin/kill -s HUP $MAINPID'),
      note('SIGTERM to the master only; it stops its workers gracefully.'),
      set('KillMode', 'mixed'),
      note(`graceful_timeout (${plan.gracefulTimeout.value} s) + ${STOP_MARGIN_S} s for the master to exit.`),
      set('TimeoutStopSec', plan.gracefulTimeout.value + STOP_MARGIN_S),
      set('Restart', 'on-failure'),
      set('PrivateTmp', 'true'),
      logsDirectory(t),
    ),
    block('Install', set('WantedBy', 'multi-user.target')),
  );
}

/**
 * Where a Celery unit goes, said in its header: nothing on the web box; on the box(es) the plan moved Celery
 * to, every one of them for the worker, one only for beat (exactly one scheduler may run).
 */
const celeryHost = (box: CeleryBoxes | null, which: 'each' | 'one'): string[] =>
  !box
    ? []
    : box.boxes === 1
      ? [`On the Celery box (${box.instance.type}), not on the web boxes.`]
      : [
          which === 'each'
            ? `On each of the ${box.boxes} Celery boxes (${box.instance.type}), not on the web boxes.`
            : `On one of the ${box.boxes} Celery boxes only, not on the web boxes.`,
        ];

/** A Celery process's [Service]: run as the app's user in its directory, `lines` between, restarted on failure. */
const celeryProcess = ({ a, t }: GenInput, ...lines: Child[]) =>
  block(
    'Service',
    set('Type', 'simple'),
    set('User', t.appUser),
    set('WorkingDirectory', a.appDir),
    lines,
    set('Restart', 'on-failure'),
    set('PrivateTmp', 'true'),
  );

/** The Celery plan the units follow, or an error: a plan without Celery has no Celery units. */
function celeryOf(rec: Recommendation, a: Recommendation['answers']) {
  const where = celeryPlacement(a, rec.chosen, rec.bill.celery);
  if (!where) throw new Error('Celery does not run in this plan.');
  return where;
}

/** celery.service: a worker on this box, or on the Celery box a scale-out or a load balancer moved it to. */
export function generateCeleryService(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const { plan: celery, box } = celeryOf(rec, a);
  return unit(
    unitHeader(
      input,
      `Celery worker for ${a.djangoModule} (Celery’s Django layout: ${a.djangoModule}/celery.py).`,
      'celery.service',
      celeryHost(box, 'each'),
      box ?? undefined,
    ),
    block('Unit', set('Description', `Celery worker for ${a.djangoModule}`), after(a)),
    celeryProcess(
      input,
      note(celery.concurrency.reason),
      note(celery.maxOnBox.reason),
      set(
        'ExecStart',
        `${t.venvPath}/bin/celery -A ${a.djangoModule} worker --concurrency=${celery.concurrency.value} --loglevel=INFO`,
      ),
      note('SIGTERM to the main process is Celery’s warm shutdown: running tasks finish first.'),
      set('KillMode', 'mixed'),
      set('TimeoutStopSec', CELERY_STOP_S),
    ),
    block('Install', set('WantedBy', 'multi-user.target')),
  );
}

// systemd (240+) creates /var/lib/<StateDirectory> owned by User= and passes it as $STATE_DIRECTORY.
export const CELERYBEAT_STATE = 'celerybeat';

/** celerybeat.service: the one scheduler of periodic tasks (when Celery runs and tasks are scheduled). */
export function generateCeleryBeatService(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const { a, t } = input;
  const { plan: celery, box } = celeryOf(rec, a);
  if (!celery.beat.value) throw new Error('celery beat does not run in this plan.');
  return unit(
    unitHeader(
      input,
      `celery beat for ${a.djangoModule}: sends periodic tasks to the workers.`,
      'celerybeat.service',
      celeryHost(box, 'one'),
      // Beat runs on one box: the header names one, not the worker's count.
      box ? { instance: box.instance, boxes: 1 } : undefined,
    ),
    block('Unit', set('Description', `Celery beat for ${a.djangoModule}`), after(a)),
    celeryProcess(
      input,
      note(celery.beat.reason),
      note(
        'Its schedule state (last run of each task) lives in /var/lib/celerybeat, not in the app directory.',
      ),
      set('StateDirectory', CELERYBEAT_STATE),
      set(
        'ExecStart',
        `${t.venvPath}/bin/celery -A ${a.djangoModule} beat --loglevel=INFO --schedule=\${STATE_DIRECTORY}/celerybeat-schedule`,
      ),
    ),
    block('Install', set('WantedBy', 'multi-user.target')),
  );
}
