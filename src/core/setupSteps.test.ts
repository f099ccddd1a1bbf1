import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { generateAll } from './generators/bundle';
import { productionTarget } from './generators/target';
import { recommend } from './recommend';
import { mysqlPlan } from './mysql';
import { postgresPlan } from './postgres';
import { redisPlan } from './redis';
import { archiveName, basename, setupSteps } from './setupSteps';
import { catalog, SCENARIOS } from '../testing/fixtures';

function stepsFor(over: Partial<Answers>) {
  const rec = recommend({ ...DEFAULT_ANSWERS, ...over }, catalog);
  const target = productionTarget(rec);
  const files = generateAll(rec, target);
  return { rec, files, steps: setupSteps(rec, target, files) };
}
const commands = (s: ReturnType<typeof stepsFor>['steps']) => s.flatMap((x) => x.commands);

describe('setup steps', () => {
  it('install every generated file at the path it was generated for', () => {
    const { files, steps } = stepsFor({});
    for (const f of files) expect(commands(steps)).toContain(`sudo install -m 644 ${basename(f)} ${f.path}`);
    expect(basename(files[0]!)).toBe('gunicorn.conf.py');
  });

  it('Nginx: certificate before the site, then nginx -t before the reload', () => {
    const c = commands(stepsFor({ domain: 'shop.example.org' }).steps);
    const cert = c.findIndex((x) => x.startsWith('sudo certbot certonly --standalone -d shop.example.org'));
    const test = c.indexOf('sudo nginx -t');
    expect(cert).toBeGreaterThan(-1);
    expect(test).toBeGreaterThan(cert);
    expect(c.indexOf('sudo systemctl reload nginx')).toBeGreaterThan(test);
    expect(c).toContain(
      'sudo ln -sf /etc/nginx/sites-available/shop.example.org /etc/nginx/sites-enabled/shop.example.org',
    );
  });

  it('Caddy: validate then reload, no certbot', () => {
    const c = commands(stepsFor({ proxy: 'caddy' }).steps);
    expect(c).toContain('sudo caddy validate --adapter caddyfile --config /etc/caddy/Caddyfile');
    expect(c.some((x) => x.includes('certbot'))).toBe(false);
  });

  it('socket first, Celery only when it runs here, collectstatic only when the proxy serves static files', () => {
    const plain = commands(stepsFor({}).steps);
    expect(plain).toContain('sudo systemctl enable --now gunicorn.socket');
    expect(plain.some((x) => x.includes('celery.service'))).toBe(false);
    expect(plain.some((x) => x.includes('collectstatic'))).toBe(true);
    const both = commands(stepsFor({ celery: 'here', staticFiles: 's3' }).steps);
    expect(both).toContain('sudo systemctl enable --now celery.service');
    expect(both.some((x) => x.includes('collectstatic'))).toBe(false);
  });

  it('reload vs restart follows preload_app', () => {
    const { rec, steps } = stepsFor({});
    const last = steps[steps.length - 1]!;
    expect(last.commands).toEqual([
      rec.chosen.plan.preloadApp.value
        ? 'sudo systemctl restart gunicorn.service'
        : 'sudo systemctl reload gunicorn.service',
    ]);
  });

  it('applies the data services’ settings before Gunicorn starts, each value with its reason', () => {
    const { rec, steps } = stepsFor({ dbLocation: 'here', redis: 'here', celery: 'here', celeryBeat: 'yes' });
    const titles = steps.map((s) => s.title);
    const pg = steps.find((s) => s.title.startsWith('Apply the PostgreSQL settings'))!;
    const redis = steps.find((s) => s.title === 'Apply the Redis settings')!;
    expect(titles.indexOf(pg.title)).toBeLessThan(titles.indexOf('Start Gunicorn through its socket'));
    expect(pg.commands).toContain('sudo systemctl restart postgresql');
    const sb = pg.settings!.find((x) => x.name === 'shared_buffers')!;
    expect(sb.value).toBe(`${postgresPlan(rec)!.sharedBuffersMib}MB`);
    expect(sb.reason).toMatch(/25% of/);
    expect(redis.settings!.map((x) => `${x.name} ${x.value}`)).toEqual([
      `maxmemory ${redisPlan(rec.answers)!.maxmemoryMib.value}mb`,
      'maxmemory-policy noeviction',
    ]);
    expect(redis.commands[0]).toContain(`echo 'include /etc/redis/rightsize-redis.conf'`);
    expect(commands(steps)).toContain('sudo systemctl enable --now celery.service celerybeat.service');
  });

  it('MySQL on the box: MariaDB and mysqlclient installed, its settings applied by a restart, each with its reason', () => {
    const { rec, steps, files } = stepsFor({ dbLocation: 'here', dbEngine: 'mysql', celery: 'elsewhere' });
    const plan = mysqlPlan(rec)!;
    const c = commands(steps);
    expect(c[0]).toMatch(/^sudo apt-get install -y .*mariadb-server .*default-libmysqlclient-dev/);
    expect(c[0]).not.toContain('postgresql');
    expect(c.find((x) => x.includes('pip install'))).toMatch(/ mysqlclient$/);
    const cnf = files.find((f) => f.name === 'my.cnf (mariadb.conf.d)')!;
    expect(c).toContain(`sudo install -m 644 60-rightsize.cnf ${cnf.path}`);
    const my = steps.find((s) => s.title.startsWith('Apply the MariaDB'))!;
    const titles = steps.map((s) => s.title);
    expect(titles.indexOf(my.title)).toBeLessThan(titles.indexOf('Start Gunicorn through its socket'));
    expect(my.commands[0]).toBe('sudo systemctl restart mariadb');
    expect(my.commands[1]).toContain("'innodb_buffer_pool_size'");
    expect(my.settings).toEqual(plan.settings);
    expect(my.note).toContain('"ENGINE": "django.db.backends.mysql"');
    expect(my.note).toContain(`max_connections (${plan.maxConnections}) counts one connection`);
    expect(my.note).toContain('bind_address to include this box’s private address');
    expect(steps.some((s) => s.title.startsWith('Apply the PostgreSQL'))).toBe(false);
  });

  it('a Celery box gets its own step: its files copied there, not on the web boxes; its worker restarted on deploy', () => {
    const { files, steps } = stepsFor(SCENARIOS.celeryBox);
    // The commands read the Celery box's files from their folder in the .zip.
    expect(files.filter((f) => f.box).map(archiveName)).toEqual([
      'celery-box/celery.service',
      'celery-box/celerybeat.service',
    ]);
    const web = steps.find((s) => s.title === 'Copy the files to the paths shown on their tabs')!;
    expect(web.commands.join('\n')).not.toContain('celery-box');
    const box = steps.find((s) => s.title.startsWith('On the Celery box (c6g.large)'))!;
    expect(box.commands).toEqual([
      'sudo useradd --system --home /srv/mysite --shell /usr/sbin/nologin django || true',
      'sudo -u django python3 -m venv /srv/mysite/venv && sudo -u django /srv/mysite/venv/bin/pip install "celery[redis]" psycopg2-binary',
      'sudo install -m 644 celery-box/celery.service /etc/systemd/system/celery.service',
      'sudo systemctl daemon-reload',
      'sudo systemctl enable --now celery.service',
      'sudo install -m 644 celery-box/celerybeat.service /etc/systemd/system/celerybeat.service && sudo systemctl daemon-reload && sudo systemctl enable --now celerybeat.service',
    ]);
    expect(box.note).toMatch(/^Before enabling: the same code in \/srv\/mysite, its requirements installed/);
    expect(box.settings!.map((x) => [x.name, x.value])).toEqual([
      ['concurrency', '4'],
      ['celery beat', 'yes'],
    ]);
    const deploy = steps.at(-1)!;
    expect(deploy.commands.join('\n')).not.toContain('celery');
    expect(deploy.note).toContain('run sudo systemctl restart celery.service celerybeat.service there');
  });

  it('several Celery boxes: the worker on each, beat copied, enabled and restarted on one only', () => {
    const { steps } = stepsFor(SCENARIOS.celeryBoxes);
    const each = steps.find((s) => s.title.startsWith('On each of the 6 Celery boxes (c6g.4xlarge)'))!;
    // Every command of the step runs on each box: none may start beat, except the one marked for one box.
    const beat = each.commands.filter((c) => c.includes('celerybeat'));
    expect(beat).toEqual([
      'sudo install -m 644 celery-box/celerybeat.service /etc/systemd/system/celerybeat.service && sudo systemctl daemon-reload && sudo systemctl enable --now celerybeat.service  # on one Celery box only',
    ]);
    expect(each.commands).toContain('sudo systemctl enable --now celery.service');
    const note = steps.at(-1)!.note!;
    expect(note).toContain(
      'run sudo systemctl restart celery.service on each, and sudo systemctl restart celerybeat.service on the one box that runs beat',
    );
    expect(note).not.toContain('celery.service celerybeat.service');
  });

  it('the web box installs the database driver and Celery wherever they run', () => {
    const cmds = (over: Partial<Answers>) => commands(stepsFor(over).steps).join('\n');
    expect(cmds({ dbLocation: 'managed', celery: 'elsewhere' })).toContain(
      'pip install gunicorn "celery[redis]" psycopg2-binary',
    );
    const my = cmds({ dbLocation: 'managed', dbEngine: 'mysql', celery: 'none' });
    expect(my).toContain('pip install gunicorn mysqlclient');
    expect(my).toContain('default-libmysqlclient-dev');
    expect(my).not.toContain('mariadb-server');
  });

  it('restarts the Celery units on deploy, or says to restart them where Celery runs', () => {
    const here = stepsFor({ celery: 'here', celeryBeat: 'yes' }).steps.at(-1)!;
    expect(here.commands).toContain('sudo systemctl restart celery.service celerybeat.service');
    const elsewhere = stepsFor({ celery: 'elsewhere' }).steps;
    expect(elsewhere.at(-1)!.note).toMatch(/restart its workers there/);
    // A Celery box elsewhere cannot reach Debian's localhost-only Redis as installed: the step says so.
    expect(elsewhere.find((s) => s.title === 'Apply the Redis settings')!.note).toMatch(
      /bind this box’s private address/,
    );
  });
});
