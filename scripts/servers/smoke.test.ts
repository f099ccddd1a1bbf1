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
