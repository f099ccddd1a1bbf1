// Records access logs written by the REAL servers — nginx 1.22, Caddy 2.6 and Gunicorn 20.1 serving a tiny
// Django project on 127.0.0.1 — in exactly the log formats the README documents, under a short scripted load
// (a fixed list of requests, paced in four one-second phases). Used by scripts/servers/logs.test.ts, which
// checks the parsed logs against the script, and (RIGHTSIZE_RECORD_FIXTURES=1) rewrites the committed
// fixtures in e2e/fixtures/logs/.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCaddy } from '../servers/proxies';
import { BIN, freePort, http, sleep, startServer, waitFor, type Server } from '../servers/tools';
import { createWorkspace, DOMAIN, MODULE, type Workspace } from '../servers/workspace';
import { PHASES, POST_BYTES, script } from './load';

/** The formats the README documents, verbatim. */
export const NGINX_LOG_FORMAT =
  'log_format rightsize \'$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time $upstream_response_time $request_length\';';
export const GUNICORN_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s';

// The smoke test's Django project, with views that take a known time and that fail.
const URLS = [
  'import time',
  'from django.http import JsonResponse',
  'from django.urls import path',
  '',
  'def page(request):',
  "    return JsonResponse({'app': 'rightsize-logs', 'body_bytes': len(request.body)})",
  '',
  'def slow(request, ms):',
  '    time.sleep(ms / 1000)',
  "    return JsonResponse({'slept_ms': ms})",
  '',
  'def boom(request):',
  "    raise RuntimeError('a 500 for the access-log test')",
  '',
  "urlpatterns = [path('', page), path('sleep/<int:ms>/', slow), path('boom/', boom)]",
  '',
].join('\n');

async function nginxConf(dir: string, ws: Workspace, socket: string, port: number): Promise<string> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    [
      'daemon off;',
      'worker_processes 1;',
      'pid nginx.pid;',
      'error_log error.log;',
      'events { worker_connections 256; }',
      'http {',
      '    include /etc/nginx/mime.types;',
      `    ${NGINX_LOG_FORMAT}`,
      `    access_log ${join(dir, 'access.log')} rightsize;`,
      '    client_body_temp_path tmp/client_body;',
      '    proxy_temp_path tmp/proxy;',
      '    fastcgi_temp_path tmp/fastcgi;',
      '    uwsgi_temp_path tmp/uwsgi;',
      '    scgi_temp_path tmp/scgi;',
      '    server {',
      `        listen 127.0.0.1:${port};`,
      `        server_name ${DOMAIN};`,
      `        location /static/ { alias ${ws.staticRoot}/; }`,
      '        location / {',
      '            proxy_set_header Host $host;',
      `            proxy_pass http://unix:${socket};`,
      '        }',
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  return conf;
}

async function caddyfile(dir: string, ws: Workspace, socket: string, port: number): Promise<string> {
  const file = join(dir, 'Caddyfile');
  await writeFile(
    file,
    [
      '{',
      '    admin off',
      '}',
      `http://:${port} {`,
      '    bind 127.0.0.1',
      '    log {',
      `        output file ${join(dir, 'access.log')}`,
      '        format json',
      '    }',
      '    handle_path /static/* {',
      `        root * ${ws.staticRoot}`,
      '        file_server',
      '    }',
      `    reverse_proxy unix/${socket}`,
      '}',
      '',
    ].join('\n'),
  );
  return file;
}

/** Sends the script through the proxy on `port`, paced by PHASES; resolves when every response is in. */
async function load(port: number): Promise<void> {
  const reqs = script();
  const body = Buffer.alloc(POST_BYTES, 'x');
  const pending: Promise<unknown>[] = [];
  let i = 0;
  for (const perSecond of PHASES) {
    const t0 = Date.now();
    for (let k = 0; k < perSecond; k++, i++) {
      const r = reqs[i]!;
      pending.push(
        http(port, r.path, {
          host: DOMAIN,
          method: r.method,
          ...(r.method === 'POST' ? { body, headers: { 'content-type': 'text/plain' } } : {}),
        }),
      );
      const due = t0 + ((k + 1) * 1000) / perSecond;
      await sleep(Math.max(0, due - Date.now()));
    }
  }
  await Promise.all(pending);
}

export interface Recorded {
  nginx: string;
  caddy: string;
  gunicorn: string;
}

/** Starts gunicorn, then nginx and Caddy in turn in front of it, sends the load, and returns the three logs. */
export async function recordLogs(): Promise<Recorded> {
  const ws = await createWorkspace({ collectstatic: true });
  const servers: Server[] = [];
  try {
    await writeFile(join(ws.project, MODULE, 'urls.py'), URLS);
    const socket = join(ws.root, 'run', 'gunicorn.sock');
    const gunicornLog = join(ws.root, 'log', 'gunicorn-access.log');
    const from = { nginx: 0, caddy: 0, gunicorn: 0 };
    servers.push(
      startServer(
        'gunicorn',
        BIN.gunicorn,
        [
          ...['--bind', `unix:${socket}`, '--workers', '2', '--threads', '4', '--worker-class', 'gthread'],
          ...['--access-logfile', gunicornLog, '--access-logformat', GUNICORN_LOG_FORMAT],
          `${MODULE}.wsgi`,
        ],
        { cwd: ws.project, stopSignal: 'SIGINT' },
      ),
    );
    for (const proxy of ['nginx', 'caddy'] as const) {
      const dir = join(ws.root, proxy);
      await mkdir(dir, { recursive: true });
      const port = await freePort();
      const server =
        proxy === 'nginx'
          ? startServer(
              'nginx',
              BIN.nginx,
              ['-p', `${dir}/`, '-c', await nginxConf(dir, ws, socket, port), '-e', join(dir, 'error.log')],
              {},
            )
          : startCaddy(await caddyfile(dir, ws, socket, port), join(dir, 'home'));
      servers.push(server);
      // Wait until the proxy and gunicorn answer, then note where each log ends: the logs returned start
      // there, so they hold the scripted load and nothing else. (Not truncate: Caddy does not append with
      // O_APPEND, and would leave a hole of NUL bytes.) Through Caddy, gunicorn already runs: probe a static
      // file, which Caddy answers without it.
      const probe = proxy === 'nginx' ? '/' : '/static/rightsize.css';
      await waitFor(async () => {
        const r = await http(port, probe, { host: DOMAIN });
        if (r.status !== 200)
          throw new Error(`${proxy}: status ${r.status}\n${servers.map((s) => s.output()).join('\n')}`);
      }, 20_000);
      await sleep(300);
      from[proxy] = (await stat(join(dir, 'access.log'))).size;
      if (proxy === 'nginx') from.gunicorn = (await stat(gunicornLog)).size;
      await load(port);
      await server.stop();
      servers.pop();
    }
    await servers[0]!.stop();
    const text = async (p: string, offset: number) => (await readFile(p)).subarray(offset).toString('utf8');
    return {
      nginx: await text(join(ws.root, 'nginx', 'access.log'), from.nginx),
      caddy: await text(join(ws.root, 'caddy', 'access.log'), from.caddy),
      gunicorn: await text(gunicornLog, from.gunicorn),
    };
  } finally {
    for (const s of servers.reverse()) await s.stop();
    await ws.cleanup();
  }
}
