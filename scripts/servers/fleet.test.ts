// Fleet smoke test: two "boxes" on 127.0.0.1, each a tiny Django project on Debian's gunicorn 20.1 behind its
// generated proxy (box a: nginx, health check answered by nginx; box b: Caddy, health check answered by Django),
// behind HAProxy 2.6 standing in for the ALB: HTTP health checks on /healthz with the box's IP as Host, and the
// client's address appended to X-Forwarded-For. HAProxy connects to the boxes from 127.0.0.2, the "ALB subnet"
// (trustedCidr 127.0.0.2/32), so a client on 127.0.0.1 talking to a box directly is outside it.
import { connect } from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAll } from '../../src/core/generators/bundle';
import { lbModulePath } from '../../src/core/generators/djangoLb';
import type { DeployTarget } from '../../src/core/generators/target';
import type { Recommendation } from '../../src/core/recommend';
import { TRAFFIC, WORKLOADS, recFor } from '../../src/testing/scenarios';
import { startCaddy, startNginx, writeNginxConf } from './proxies';
import { BIN, CLEAN_ENV, freePort, http, run, startServer, stopAll, waitFor, type Server } from './tools';
import { DOMAIN, createWorkspace, workspaceTarget, type Workspace } from './workspace';

// The "ALB" connects from here; the test client (127.0.0.1) is outside it.
const LB_SOURCE = '127.0.0.2';
const TRUSTED = `${LB_SOURCE}/32`;
// A client's address as the ALB would see it (TEST-NET-3), and one it forges in X-Forwarded-For.
const CLIENT = '203.0.113.9';
const FORGED = '198.51.100.66';
const REQUESTS = 20;

interface Box {
  name: 'a' | 'b';
  ws: Workspace;
  rec: Recommendation;
  target: DeployTarget;
  port: number;
  servers: Server[];
}

interface Json {
  box: string;
  host: string;
  remote_addr: string;
  x_forwarded_proto: string | null;
}

const boxes: Box[] = [];
let lbPort = 0;
let statsSocket = '';
let lb: Server | undefined;

/** One box: the workspace's project with the generated loadbalancer.py, gunicorn as its unit runs it, the proxy. */
async function startBox(name: Box['name'], proxy: 'nginx' | 'caddy', healthCheck: 'proxy' | 'django') {
  const ws = await createWorkspace({ collectstatic: true });
  const rec = recFor({ ...TRAFFIC.small, ...WORKLOADS.sync, proxy, healthCheck, lb: 'alb', ...ws.answers });
  const dir = join(ws.root, 'box');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const target = workspaceTarget(rec, ws, dir, {
    tls: { kind: 'off' },
    httpPort: port,
    loadBalancer: { trustedCidr: TRUSTED },
  });
  const files = Object.fromEntries(generateAll(rec, target).map((f) => [f.name, f]));
  await writeFile(lbModulePath(ws.project, 'mysite'), files['loadbalancer.py']!.content);
  await writeFile(target.gunicornConfPath, files['gunicorn.conf.py']!.content);
  const service = files['gunicorn.service']!.content;
  const field = (k: string) => service.match(new RegExp(`^${k}=(.*)$`, 'm'))![1]!;
  const [cmd, ...args] = field('ExecStart').split(' ');
  const servers: Server[] = [
    startServer(`gunicorn-${name}`, cmd!, args, {
      cwd: field('WorkingDirectory'),
      env: { ...CLEAN_ENV, RIGHTSIZE_BOX: name },
      stopSignal: 'SIGINT',
    }),
  ];
  if (proxy === 'nginx') {
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
  const box: Box = { name, ws, rec, target, port, servers };
  boxes.push(box);
  // Ready when Django answers through the proxy (20 s at most).
  await waitFor(async () => {
    const r = await http(port, '/', { host: DOMAIN });
    if (r.status !== 200) throw new Error(`box ${name}: status ${r.status}`);
  }, 20_000);
  return box;
}

/**
 * HAProxy as the ALB: round robin, HTTP health checks on /healthz with the box's address as Host (what the
 * ALB sends), X-Forwarded-Proto https (TLS ended here) and the client's address appended to X-Forwarded-For.
 * The client's address comes from X-Test-Client, since every test client really is 127.0.0.1.
 */
async function startHaproxy(dir: string) {
  lbPort = await freePort();
  statsSocket = join(dir, 'haproxy.sock');
  const cfg = join(dir, 'haproxy.cfg');
  await writeFile(
    cfg,
    [
      'global',
      `    stats socket ${statsSocket} mode 600 level user`,
      '    log stderr format raw local0',
      'defaults',
      '    mode http',
      '    log global',
      '    option httplog',
      '    timeout connect 5s',
      '    timeout client 30s',
      '    timeout server 30s',
      // The ALB's health-check timeout (5 s); a busy 2-core machine can be slow to answer.
      '    timeout check 5s',
      'frontend alb',
      `    bind 127.0.0.1:${lbPort}`,
      '    http-request set-var(txn.client) req.hdr(X-Test-Client)',
      '    http-request set-var(txn.client) src unless { var(txn.client) -m found }',
      '    http-request del-header X-Test-Client',
      '    http-request set-header X-Forwarded-For "%[req.fhdr(X-Forwarded-For)], %[var(txn.client)]" if { req.fhdr(X-Forwarded-For) -m found }',
      '    http-request set-header X-Forwarded-For "%[var(txn.client)]" unless { req.fhdr(X-Forwarded-For) -m found }',
      '    http-request set-header X-Forwarded-Proto https',
      '    default_backend boxes',
      'backend boxes',
      '    balance roundrobin',
      '    option httpchk',
      '    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1',
      '    http-check expect status 200',
      ...boxes.map(
        (b) => `    server ${b.name} 127.0.0.1:${b.port} source ${LB_SOURCE} check inter 500ms rise 2 fall 2`,
      ),
      '',
    ].join('\n'),
  );
  const check = await run(BIN.haproxy, ['-c', '-f', cfg]);
  expect(check.code, check.stdout + check.stderr).toBe(0);
  // Stopped by stopAll() in afterAll, like every server startServer() starts.
  lb = startServer('haproxy', BIN.haproxy, ['-db', '-f', cfg], { stopSignal: 'SIGTERM' });
}

/** HAProxy's view of its servers: name → status (UP/DOWN …), from `show stat` on the stats socket. */
function serverStatus(): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const s = connect(statsSocket);
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('error', reject);
    s.on('end', () => {
      const rows = out.split('\n').filter((l) => l.startsWith('boxes,'));
      const status: Record<string, string> = {};
      for (const row of rows) {
        const cols = row.split(',');
        // CSV columns: pxname, svname, …, status is the 18th (index 17).
        if (cols[1] !== 'BACKEND') status[cols[1]!] = cols[17]!;
      }
      resolve(status);
    });
    s.end('show stat\n');
  });
}

const viaLb = async (headers: Record<string, string> = {}) => {
  const r = await http(lbPort, '/', { host: DOMAIN, headers });
  expect(r.status, r.body.toString()).toBe(200);
  return JSON.parse(r.body.toString()) as Json;
};

beforeAll(async () => {
  await startBox('a', 'nginx', 'proxy');
  await startBox('b', 'caddy', 'django');
  await startHaproxy(boxes[0]!.ws.root);
});

afterAll(async () => {
  await stopAll();
  for (const b of boxes) await b.ws.cleanup();
});

describe('two boxes behind a load balancer (HAProxy 2.6 as the ALB)', () => {
  it('the configs are the fleet’s: plain HTTP, /healthz, X-Forwarded-For from the subnet only', () => {
    for (const b of boxes) {
      expect(b.rec.fleet.lb.behind.value).toBe(true);
      expect(b.target.tls.kind).toBe('off');
    }
  });

  it('health checks with the box’s IP as Host pass on both boxes (no catch-all answers them with nothing)', async () => {
    const status = await waitFor(async () => {
      const s = await serverStatus();
      if (s.a !== 'UP' || s.b !== 'UP') throw new Error(`HAProxy sees ${JSON.stringify(s)}`);
      return s;
    }, 20_000);
    expect(status).toEqual({ a: 'UP', b: 'UP' });
    for (const b of boxes) {
      const r = await http(b.port, '/healthz', { host: '127.0.0.1' });
      expect([r.status, r.body.toString().trim()]).toEqual([200, 'ok']);
    }
    // Box a's nginx answers itself; box b's check reaches Django (its access log shows it).
    const logOf = (b: Box) => readFile(join(b.target.logDir, 'access.log'), 'utf8');
    expect(await logOf(boxes[0]!)).not.toContain('/healthz');
    // Gunicorn writes its access line after the response has gone: allow it a moment.
    await waitFor(async () => {
      if (!(await logOf(boxes[1]!)).includes('GET /healthz')) throw new Error('no /healthz in box b’s log');
    }, 5_000);
  });

  it('both boxes get traffic', async () => {
    const seen: Record<string, number> = {};
    for (let i = 0; i < REQUESTS; i++) {
      const j = await viaLb({ 'x-test-client': CLIENT });
      seen[j.box] = (seen[j.box] ?? 0) + 1;
    }
    expect(Object.keys(seen).sort()).toEqual(['a', 'b']);
    expect(seen.a! + seen.b!).toBe(REQUESTS);
    expect(Math.min(seen.a!, seen.b!)).toBeGreaterThanOrEqual(REQUESTS / 2 - 1); // round robin
  });

  it('Django sees the client’s address and https, on both boxes; a forged X-Forwarded-For entry is ignored', async () => {
    const seen = new Map<string, Json>();
    for (let i = 0; i < 4; i++) {
      const j = await viaLb({ 'x-test-client': CLIENT, 'x-forwarded-for': FORGED });
      seen.set(j.box, j);
    }
    expect([...seen.keys()].sort()).toEqual(['a', 'b']);
    for (const j of seen.values()) {
      expect(j.remote_addr).toBe(CLIENT);
      expect(j.x_forwarded_proto).toBe('https');
    }
  });

  it('from outside the load balancer’s subnet nothing forwarded is believed', async () => {
    for (const b of boxes) {
      const r = await http(b.port, '/', {
        host: DOMAIN,
        headers: { 'x-forwarded-for': FORGED, 'x-forwarded-proto': 'https' },
      });
      const j = JSON.parse(r.body.toString()) as Json;
      expect([b.name, j.remote_addr]).toEqual([b.name, '127.0.0.1']);
      expect([b.name, j.x_forwarded_proto]).toEqual([b.name, 'http']);
    }
  });

  it('a box that stops answering its health check leaves the rotation', async () => {
    await boxes[0]!.servers[1]!.stop(); // box a's nginx
    await waitFor(async () => {
      const s = await serverStatus();
      // "UP 1/2" is a server on its way down: still in the rotation.
      if (!s.a?.startsWith('DOWN')) throw new Error(`a is ${s.a}`);
    }, 10_000);
    for (let i = 0; i < 6; i++) {
      const r = await http(lbPort, '/', { host: DOMAIN });
      expect(r.status, `${JSON.stringify(await serverStatus())} ${lb?.output().slice(-1000)}`).toBe(200);
      expect((JSON.parse(r.body.toString()) as Json).box).toBe('b');
    }
  });
});
