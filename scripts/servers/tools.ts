// Running the real servers from tests: bounded commands, servers that always stop, requests to 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';

// Debian's binaries by full path: `python3` on PATH may be another Python without Django or gunicorn.
export const BIN = {
  python: '/usr/bin/python3',
  gunicorn: '/usr/bin/gunicorn',
  nginx: '/usr/sbin/nginx',
  caddy: '/usr/bin/caddy',
  openssl: '/usr/bin/openssl',
  systemdAnalyze: '/usr/bin/systemd-analyze',
  haproxy: '/usr/sbin/haproxy',
  pgbouncer: '/usr/sbin/pgbouncer',
  postgresBin: '/usr/lib/postgresql/15/bin',
  psql: '/usr/bin/psql',
  runuser: '/usr/sbin/runuser',
} as const;

// A clean environment: no pyenv shims or user site-packages between the tests and Debian's packages.
export const CLEAN_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' };

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, killing it after `timeoutMs`. Never throws on a non-zero exit. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? CLEAN_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `fn` over `items`, at most `limit` at once (2 cores: more would only queue). */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A TCP port free on 127.0.0.1 right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  name: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a long-running server in its own process group. stop() sends `stopSignal` to it, then SIGKILL to
 * its group after 5 s, so no worker outlives the test.
 */
// Every server still running, so an afterAll can stop what a failed or timed-out test left behind.
const running = new Set<Server>();

/** Stops every server started here that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

export function startServer(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; stopSignal?: NodeJS.Signals },
): Server {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? CLEAN_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.on('error', (e) => keep(Buffer.from(`spawn error: ${e.message}\n`)));
  const stop = async () => {
    running.delete(server);
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill(opts.stopSignal ?? 'SIGTERM');
    const killed = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
    if (killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
      await exited;
    }
  };
  const server: Server = { name, child, output: () => log, stop };
  running.add(server);
  return server;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP/1.1 request to 127.0.0.1:port with the given Host; rejects on a closed connection or after 10 s. */
export function http(
  port: number,
  path: string,
  opts: { host: string; method?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: opts.host, connection: 'close', ...opts.headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 10 s')));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Retries `probe` every 200 ms until it resolves, for at most `timeoutMs`; rethrows its last error. */
export async function waitFor<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (e) {
      if (Date.now() > until) throw e;
      await sleep(200);
    }
  }
}
