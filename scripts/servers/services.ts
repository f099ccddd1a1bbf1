// PostgreSQL 15 and Redis 7 from Debian, started by hand in temp dirs on 127.0.0.1 / unix sockets, with the
// generated settings files, and stopped by PID. PostgreSQL refuses to run as root: as root it runs as the
// `postgres` user (runuser), in a directory that user owns.
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, run, sleep, startServer, waitFor, type Server } from './tools';

const PG_BIN = '/usr/lib/postgresql/15/bin';
export const SERVICE_BIN = {
  initdb: `${PG_BIN}/initdb`,
  postgres: `${PG_BIN}/postgres`,
  psql: '/usr/bin/psql',
  redisServer: '/usr/bin/redis-server',
  redisCli: '/usr/bin/redis-cli',
  setpriv: '/usr/bin/setpriv',
} as const;

const asRoot = userInfo().uid === 0;
/**
 * The command line that runs `cmd` as a user PostgreSQL accepts. setpriv execs (runuser forks and keeps
 * a parent), so the PID the test holds is postgres itself and its stop signal reaches it.
 */
const pgUser = (cmd: string, args: string[]): [string, string[]] =>
  asRoot
    ? [SERVICE_BIN.setpriv, ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]]
    : [cmd, args];

async function ownedByPostgres(path: string) {
  if (!asRoot) return;
  const pw = await run('/usr/bin/id', ['-u', 'postgres']);
  const gr = await run('/usr/bin/id', ['-g', 'postgres']);
  await chown(path, Number(pw.stdout.trim()), Number(gr.stdout.trim()));
}

export interface PgCluster {
  data: string;
  /** The unix socket directory (also where Django connects). */
  socketDir: string;
}

/** initdb in `dir` (trust auth, no fsync: a test cluster), and Debian's `include_dir = 'conf.d'`. */
export async function initPostgres(dir: string): Promise<PgCluster> {
  const data = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  for (const d of [dir, socketDir]) {
    await mkdir(d, { recursive: true, mode: 0o755 });
    await ownedByPostgres(d);
  }
  const [cmd, args] = pgUser(SERVICE_BIN.initdb, [
    '-D',
    data,
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-sync',
    '-U',
    'postgres',
  ]);
  const r = await run(cmd, args, { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`initdb failed: ${r.stderr}`);
  // Debian's postgresql.conf ends with include_dir = 'conf.d': do the same, so the file goes where it would.
  const conf = join(data, 'postgresql.conf');
  await writeFile(conf, `${await readFile(conf, 'utf8')}\ninclude_dir = 'conf.d'\n`);
  await mkdir(join(data, 'conf.d'), { recursive: true });
  await ownedByPostgres(join(data, 'conf.d'));
  return { data, socketDir };
}

/** Puts `content` in the cluster's conf.d as `name` (replacing what was there before). */
export async function writeConfD(c: PgCluster, name: string, content: string): Promise<string> {
  const path = join(c.data, 'conf.d', name);
  await writeFile(path, content);
  await ownedByPostgres(path);
  return path;
}

export interface RunningPostgres {
  server: Server;
  port: number;
  /** Runs SQL through psql on the unix socket; rows as arrays of columns. */
  query: (sql: string) => Promise<string[][]>;
}

export async function startPostgres(c: PgCluster): Promise<RunningPostgres> {
  const port = await freePort();
  // No TCP: the unix socket in the cluster's own directory only.
  const [cmd, args] = pgUser(SERVICE_BIN.postgres, [
    '-D',
    c.data,
    '-k',
    c.socketDir,
    '-p',
    `${port}`,
    '-c',
    'listen_addresses=',
  ]);
  // SIGINT: PostgreSQL's "fast" shutdown.
  const server = startServer('postgres', cmd, args, { stopSignal: 'SIGINT' });
  const query = async (sql: string) => {
    const r = await run(SERVICE_BIN.psql, [
      '-h',
      c.socketDir,
      '-p',
      `${port}`,
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-AtX',
      '-F',
      '\t',
      '-c',
      sql,
    ]);
    if (r.code !== 0) throw new Error(`psql: ${r.stderr}\n${server.output()}`);
    return r.stdout
      .split('\n')
      .filter((l) => l)
      .map((l) => l.split('\t'));
  };
  // Ready when psql gets an answer; an exited postmaster fails at once (its log says why).
  const until = Date.now() + 30_000;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`postgres exited: ${server.output()}`);
    const ok = await query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      await server.stop();
      throw new Error(`postgres not ready after 30 s: ${server.output()}`);
    }
    await sleep(200);
  }
  return { server, port, query };
}

/** Starts postgres expecting it to refuse the configuration; returns its log. */
export async function postgresRefuses(c: PgCluster): Promise<{ code: number | null; log: string }> {
  const [cmd, args] = pgUser(SERVICE_BIN.postgres, [
    '-D',
    c.data,
    '-k',
    c.socketDir,
    '-p',
    `${await freePort()}`,
    '-c',
    'listen_addresses=',
  ]);
  const r = await run(cmd, args, { timeoutMs: 20_000 });
  return { code: r.code, log: `${r.stdout}${r.stderr}` };
}

/** Bytes for a PostgreSQL memory value: "1922MB", "16MB", "3928kB" (PostgreSQL's units are powers of 1024). */
export function pgBytes(value: string): number {
  const m = /^(\d+)(kB|MB|GB|TB)?$/.exec(value);
  if (!m) throw new Error(`not a memory value: ${value}`);
  const unit = { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[m[2] ?? 'kB'] ?? 1;
  return Number(m[1]) * unit;
}

/** pg_settings' setting × unit in bytes ("8kB" pages, "kB"), or the setting as is for a unit-less value. */
export function pgSettingValue(setting: string, unit: string): string | number {
  if (!unit) return setting;
  const m = /^(\d*)(B|kB|MB|GB)$/.exec(unit);
  if (!m) return setting; // ms, s, min: not used by the generated settings
  const k = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[m[2]!]!;
  return Number(setting) * Number(m[1] || '1') * k;
}

const DEBIAN_REDIS_CONF = '/etc/redis/redis.conf';

export interface RunningRedis {
  server: Server;
  port: number;
  cli: (...args: string[]) => Promise<string>;
}

/**
 * Debian's own redis.conf with its port, pid, log and data dir moved into `dir` and run in the foreground,
 * then `include <generated>` as its last line, as the setup steps add it.
 */
export async function startRedis(dir: string, generated: string): Promise<RunningRedis> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  let text = await readFile(DEBIAN_REDIS_CONF, 'utf8');
  const swaps: Array<[RegExp, string]> = [
    [/^port 6379$/m, `port ${port}`],
    [/^daemonize yes$/m, 'daemonize no'],
    [/^pidfile .*$/m, `pidfile ${join(dir, 'redis.pid')}`],
    [/^logfile .*$/m, 'logfile ""'],
    [/^dir .*$/m, `dir ${dir}`],
  ];
  for (const [from, to] of swaps) {
    // If Debian's file changes shape, fail loudly rather than test something else.
    if (!from.test(text)) throw new Error(`${DEBIAN_REDIS_CONF} no longer matches ${from}`);
    text = text.replace(from, to);
  }
  const conf = join(dir, 'redis.conf');
  const snippet = join(dir, 'rightsize-redis.conf');
  await writeFile(snippet, generated);
  await writeFile(conf, `${text}\ninclude ${snippet}\n`);
  const server = startServer('redis', SERVICE_BIN.redisServer, [conf], { stopSignal: 'SIGTERM' });
  const cli = async (...args: string[]) => {
    const r = await run(SERVICE_BIN.redisCli, ['-h', '127.0.0.1', '-p', `${port}`, ...args]);
    if (r.code !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  await waitFor(async () => {
    if (server.child.exitCode !== null) throw new Error(`redis-server exited: ${server.output()}`);
    const pong = await cli('PING');
    if (pong !== 'PONG') throw new Error(pong);
  }, 20_000).catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  return { server, port, cli };
}
