import { describe, expect, it } from 'vitest';
import {
  generateCeleryService,
  generateGunicornService,
  generateGunicornSocket,
  localServices,
} from './systemd';
import { productionTarget, type DeployTarget } from './target';
import { recFor, WORKLOADS } from '../../testing/scenarios';

/** Key=Value lines by section; fails on anything else that is not a comment or blank. */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const s = /^\[(\w+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      out[section] = {};
      continue;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!kv || !section) throw new Error(`Not a unit line: ${JSON.stringify(line)}`);
    (out[section]![kv[1]!] ??= []).push(kv[2]!);
  }
  return out;
}

const target = (rec: ReturnType<typeof recFor>, over: Partial<DeployTarget> = {}) => ({
  ...productionTarget(rec),
  ...over,
});

describe('gunicorn.socket', () => {
  it.each([
    ['nginx', 'www-data'],
    ['caddy', 'caddy'],
  ] as const)('lets only %s’s user (%s) connect', (proxy, user) => {
    const rec = recFor({ proxy });
    expect(parseUnit(generateGunicornSocket(rec, target(rec))).Socket).toEqual({
      ListenStream: ['/run/gunicorn.sock'],
      SocketUser: [user],
      SocketMode: ['0600'],
    });
  });
});

describe('gunicorn.service', () => {
  it('starts the venv’s gunicorn with the generated config, as the app user', () => {
    const rec = recFor({ appDir: '/opt/shop', appUser: 'shop', djangoModule: 'shop' });
    const u = parseUnit(generateGunicornService(rec, target(rec)));
    expect(u.Unit!.Requires).toEqual(['gunicorn.socket']);
    expect(u.Service).toMatchObject({
      User: ['shop'],
      WorkingDirectory: ['/opt/shop'],
      ExecStart: ['/opt/shop/venv/bin/gunicorn -c /opt/shop/gunicorn.conf.py shop.wsgi:application'],
      ExecReload: ['/bin/kill -s HUP $MAINPID'],
      KillMode: ['mixed'],
      LogsDirectory: ['gunicorn'],
    });
  });

  it('starts the ASGI application for an ASGI app', () => {
    const rec = recFor(WORKLOADS.asgi);
    expect(generateGunicornService(rec, target(rec))).toMatch(/^ExecStart=.* mysite\.asgi:application$/m);
  });

  it('gives Gunicorn longer than graceful_timeout to stop', () => {
    const rec = recFor({ responseTimeMs: 12_000 });
    const stop = Number(parseUnit(generateGunicornService(rec, target(rec))).Service!.TimeoutStopSec![0]);
    expect(stop).toBeGreaterThan(rec.chosen.plan.gracefulTimeout.value);
  });

  it('asks the admin to create a log directory systemd cannot create', () => {
    const rec = recFor();
    const text = generateGunicornService(rec, target(rec, { logDir: '/srv/logs' }));
    expect(text).not.toContain('LogsDirectory=');
    expect(text).toContain('# Create /srv/logs, writable by django.');
  });

  it('starts after the database and Redis when they run on this box', () => {
    expect(localServices(recFor({ dbLocation: 'managed', redis: 'managed' }).answers)).toEqual([]);
    const rec = recFor({ dbLocation: 'here', dbEngine: 'mysql', redis: 'here' });
    expect(parseUnit(generateGunicornService(rec, target(rec))).Unit!.After).toEqual([
      'network.target mariadb.service redis-server.service',
    ]);
  });
});

describe('celery.service', () => {
  it('runs a worker with the answered concurrency', () => {
    const rec = recFor({ celery: 'here', celeryConcurrency: 6 });
    expect(parseUnit(generateCeleryService(rec, target(rec))).Service!.ExecStart).toEqual([
      '/srv/mysite/venv/bin/celery -A mysite worker --concurrency=6 --loglevel=INFO',
    ]);
  });
});
