// Live smoke test: a tiny Django project served by Debian's gunicorn 20.1 with the generated gunicorn.conf.py
// on a unix socket, behind the generated nginx site and then the generated Caddyfile, on 127.0.0.1 only.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAll } from '../../src/core/generators/bundle';
import type { CaddyAdmin } from '../../src/core/generators/target';
import { TRAFFIC, WORKLOADS, recFor } from '../../src/testing/scenarios';
import { startCaddy, startNginx, writeNginxConf } from './proxies';
import { postgresPlan } from '../../src/core/postgres';
import { initPostgres, pgBytes, startPostgres, startRedis, writeConfD } from './services';
import { freePort, http, startServer, stopAll, waitFor, type Server } from './tools';
import {
  DOMAIN,
  MEDIA_TEXT,
  STATIC_CSS,
  createWorkspace,
  workspaceTarget,
  type Workspace,
} from './workspace';

const MAX_UPLOAD_MB = 1;
const CASES = [
  { proxy: 'nginx', workload: 'gthread', admin: { kind: 'off' } },
  { proxy: 'caddy', workload: 'sync', admin: { kind: 'local', port: 0 } },
  { proxy: 'caddy', workload: 'asgi', admin: { kind: 'off' } },
  { proxy: 'nginx', workload: 'asgi', admin: { kind: 'off' } },
] as const;

let ws: Workspace;
beforeAll(async () => {
  ws = await createWorkspace({ collectstatic: true });
});
afterAll(async () => {
  await stopAll();
  await ws?.cleanup();
});

interface Json {
  app: string;
  host: string;
  x_forwarded_for: string | null;
  x_forwarded_proto: string | null;
  x_real_ip: string | null;
  body_bytes: number;
}

describe.each(CASES)('Django on gunicorn ($workload) behind $proxy', (c) => {
  it('serves the page, the static and media files, and enforces the upload limit', async () => {
    const rec = recFor({
      ...TRAFFIC.small,
      ...WORKLOADS[c.workload],
      proxy: c.proxy,
      maxUploadMb: MAX_UPLOAD_MB,
      ...ws.answers,
    });
    expect(rec.chosen.plan.workerClass.value).toBe(
      c.workload === 'asgi' ? 'uvicorn.workers.UvicornWorker' : c.workload,
    );
    const dir = join(ws.root, `${c.proxy}-${c.workload}`);
    await mkdir(dir, { recursive: true });
    const port = await freePort();
    const admin: CaddyAdmin = c.admin.kind === 'local' ? { kind: 'local', port: await freePort() } : c.admin;
    const target = workspaceTarget(rec, ws, dir, {
      socketPath: join(ws.root, 'run', `${c.proxy}-${c.workload}.sock`),
      tls: { kind: 'off' },
      httpPort: port,
      caddyAdmin: admin,
    });
    const files = Object.fromEntries(generateAll(rec, target).map((f) => [f.name, f]));
    await writeFile(target.gunicornConfPath, files['gunicorn.conf.py']!.content);

    // gunicorn exactly as gunicorn.service would start it (ExecStart= in WorkingDirectory=).
    const service = files['gunicorn.service']!.content;
    const field = (k: string) => service.match(new RegExp(`^${k}=(.*)$`, 'm'))![1]!;
    const [cmd, ...args] = field('ExecStart').split(' ');
    const servers: Server[] = [];
    try {
      // SIGINT: gunicorn's quick shutdown (SIGTERM would wait graceful_timeout for idle keep-alives).
      servers.push(
        startServer('gunicorn', cmd!, args, { cwd: field('WorkingDirectory'), stopSignal: 'SIGINT' }),
      );
      if (c.proxy === 'nginx') {
        const prefix = join(dir, 'nginx');
        await mkdir(prefix, { recursive: true });
        const site = join(prefix, 'site.conf');
        await writeFile(site, files[`${DOMAIN} (nginx site)`]!.content);
        servers.push(startNginx(prefix, await writeNginxConf(prefix, site)));
      } else {
        const caddyfile = join(dir, 'Caddyfile');
        await writeFile(caddyfile, files['Caddyfile']!.content);
        servers.push(startCaddy(caddyfile, join(dir, 'caddy-home')));
      }
      const get = (path: string, headers: Record<string, string> = {}) =>
        http(port, path, { host: DOMAIN, headers });
      const diagnose = () => servers.map((s) => `--- ${s.name}\n${s.output()}`).join('\n');

      // Until gunicorn has booted the proxy answers 502: wait for Django's page (20 s at most).
      const page = await waitFor(async () => {
        const r = await get('/');
        if (r.status !== 200) throw new Error(`status ${r.status}\n${diagnose()}`);
        return r;
      }, 20_000);
      const json = JSON.parse(page.body.toString()) as Json;
      expect(json).toMatchObject({
        app: 'rightsize-smoke',
        host: DOMAIN,
        x_forwarded_for: '127.0.0.1',
        x_forwarded_proto: 'http',
        x_real_ip: '127.0.0.1',
        body_bytes: 0,
      });

      // DEBUG=False: Django serves no static files, so a 200 here comes from the proxy's alias/file_server.
      const css = await get('/static/rightsize.css', { 'accept-encoding': 'gzip' });
      expect(css.status).toBe(200);
      expect(css.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(css.body).toString()).toBe(STATIC_CSS);

      const media = await get('/media/hello.txt');
      expect(media.status).toBe(200);
      expect(media.body.toString()).toBe(MEDIA_TEXT);
      expect(media.headers['x-content-type-options']).toBe('nosniff');

      // Within the upload limit the body reaches Django whole; above it the proxy answers 413.
      const half = Buffer.alloc(512 * 1024, 'a');
      const post = await http(port, '/', { host: DOMAIN, method: 'POST', body: half });
      expect(post.status).toBe(200);
      expect((JSON.parse(post.body.toString()) as Json).body_bytes).toBe(half.length);
      const big = Buffer.alloc(MAX_UPLOAD_MB * 1024 * 1024 + 1024, 'a');
      const tooBig = await http(port, '/', { host: DOMAIN, method: 'POST', body: big });
      expect(tooBig.status).toBe(413);

      // Another host name never reaches Django (nginx closes the connection: 444).
      const other = await http(port, '/', { host: 'other.example' }).catch((e: Error) => e);
      if (c.proxy === 'nginx') expect(other).toBeInstanceOf(Error);
      else expect(other instanceof Error ? '' : other.body.toString()).not.toContain('rightsize-smoke');

      if (admin.kind === 'local') {
        // Caddy's admin API checks the Host header against its listen address.
        const cfg = await http(admin.port, '/config/', { host: `127.0.0.1:${admin.port}` });
        expect(cfg.status).toBe(200);
      }

      // The generated accesslog setting is in force: gunicorn logged the page request.
      const log = await readFile(join(target.logDir, 'access.log'), 'utf8');
      expect(log).toMatch(/"GET \/ HTTP\/1\.[01]" 200/);
    } finally {
      for (const s of servers.reverse()) await s.stop();
    }
  });
});

// The full stack on one box, on 127.0.0.1: nginx → gunicorn → Django with PostgreSQL 15 and Redis 7 started
// from their generated files, a Celery worker and celery beat started from the generated units' ExecStart=.
describe('the full stack: nginx → gunicorn → Django with PostgreSQL, Redis, a Celery worker and beat', () => {
  it('serves a page that queries PostgreSQL and writes to Redis, and runs Celery tasks both ways', async () => {
    const full = await createWorkspace({ collectstatic: true });
    const servers: Server[] = [];
    try {
      const rec = recFor({
        ...TRAFFIC.small,
        ...WORKLOADS.gthread,
        proxy: 'nginx',
        dbLocation: 'here',
        dbEngine: 'postgresql',
        redis: 'here',
        celery: 'here',
        celeryConcurrency: 2,
        celeryBeat: 'yes',
        ...full.answers,
      });
      const dir = join(full.root, 'stack');
      await mkdir(dir, { recursive: true });
      const port = await freePort();
      const target = workspaceTarget(rec, full, dir, { tls: { kind: 'off' }, httpPort: port });
      const files = Object.fromEntries(generateAll(rec, target).map((f) => [f.name, f]));
      const pgPlan = postgresPlan(rec)!;

      // PostgreSQL and Redis with the generated files, as the setup steps install them.
      const cluster = await initPostgres(join(full.root, 'pg'));
      await writeConfD(cluster, 'rightsize-postgresql.conf', files['postgresql.conf (conf.d)']!.content);
      const pg = await startPostgres(cluster);
      servers.push(pg.server);
      const redis = await startRedis(join(full.root, 'redis'), files['redis.conf (include)']!.content);
      servers.push(redis.server);
      await writeFile(
        join(full.project, 'services.json'),
        JSON.stringify({ postgres: { host: cluster.socketDir, port: pg.port }, redis: { port: redis.port } }),
      );

      // gunicorn, the Celery worker and beat exactly as their units start them (ExecStart= in WorkingDirectory=).
      const unit = (name: string) => {
        const text = files[name]!.content;
        const field = (k: string) => text.match(new RegExp(`^${k}=(.*)$`, 'm'))![1]!;
        return { argv: field('ExecStart').split(' '), cwd: field('WorkingDirectory') };
      };
      await writeFile(target.gunicornConfPath, files['gunicorn.conf.py']!.content);
      const g = unit('gunicorn.service');
      servers.push(
        startServer('gunicorn', g.argv[0]!, g.argv.slice(1), { cwd: g.cwd, stopSignal: 'SIGINT' }),
      );
      const w = unit('celery.service');
      expect(w.argv).toContain(`--concurrency=${rec.answers.celeryConcurrency}`);
      servers.push(startServer('celery worker', w.argv[0]!, w.argv.slice(1), { cwd: w.cwd }));
      // systemd expands ${STATE_DIRECTORY} to /var/lib/<StateDirectory>; here a directory of the test.
      const stateDir = join(dir, 'celerybeat-state');
      await mkdir(stateDir, { recursive: true });
      const b = unit('celerybeat.service');
      const beatArgv = b.argv.map((x) => x.replace('${STATE_DIRECTORY}', stateDir));
      servers.push(startServer('celery beat', beatArgv[0]!, beatArgv.slice(1), { cwd: b.cwd }));

      const prefix = join(dir, 'nginx');
      await mkdir(prefix, { recursive: true });
      const site = join(prefix, 'site.conf');
      await writeFile(site, files[`${DOMAIN} (nginx site)`]!.content);
      servers.push(startNginx(prefix, await writeNginxConf(prefix, site)));
      const diagnose = () => servers.map((s) => `--- ${s.name}\n${s.output()}`).join('\n');

      const db = await waitFor(async () => {
        const r = await http(port, '/db', { host: DOMAIN });
        if (r.status !== 200)
          throw new Error(`status ${r.status}\n${r.body.toString().slice(0, 400)}\n${diagnose()}`);
        return JSON.parse(r.body.toString()) as Record<string, unknown>;
      }, 20_000);
      expect(pgBytes(db.shared_buffers as string)).toBe(pgPlan.sharedBuffersMib * 1024 ** 2);
      expect(db.max_connections).toBe(pgPlan.maxConnections);
      expect(db.maxmemory_policy).toBe('noeviction');
      const again = JSON.parse((await http(port, '/db', { host: DOMAIN })).body.toString()) as {
        hits: number;
      };
      expect(again.hits).toBe((db.hits as number) + 1);

      // Django publishes, the worker runs it, the result comes back through Redis.
      const task = await http(port, '/task', { host: DOMAIN });
      expect(task.status, `${task.body.toString().slice(0, 400)}\n${diagnose()}`).toBe(200);
      expect(JSON.parse(task.body.toString())).toMatchObject({ sum: 5 });

      // celery beat sends `tick` every second; the worker runs it and counts in Redis.
      const ticks = await waitFor(async () => {
        const n = Number(await redis.cli('GET', 'rightsize:beat-ticks'));
        if (!(n >= 2)) throw new Error(`beat ticks: ${n}\n${diagnose()}`);
        return n;
      }, 20_000);
      expect(ticks).toBeGreaterThanOrEqual(2);
      // Two prefork children (the answer), each a process of its own under the worker.
      expect(servers.find((s) => s.name === 'celery worker')!.output()).toMatch(/concurrency: 2 \(prefork\)/);
    } finally {
      for (const s of servers.reverse()) await s.stop();
      await full.cleanup();
    }
  });
});
