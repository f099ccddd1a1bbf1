// PostgreSQL 15, MariaDB 10.11 and Redis 7 from Debian, started by hand in temp dirs on 127.0.0.1 / unix
// sockets, with the generated settings files, and stopped by PID. PostgreSQL refuses to run as root: as root it
// runs as the `postgres` user (runuser), in a directory that user owns; mariadbd drops to `mysql` itself (--user).
import { chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, run, sleep, startServer, waitFor, type Server } from './tools';

const PG_BIN = '/usr/lib/postgresql/15/bin';
export const SERVICE_BIN = {
  initdb: `${PG_BIN}/initdb`,
  postgres: `${PG_BIN}/postgres`,
  psql: '/usr/bin/psql',
  redisServer: '/usr/bin/redis-server',
  mariadbd: '/usr/sbin/mariadbd',
  mariadbInstallDb: '/usr/bin/mariadb-install-db',
  mariadb: '/usr/bin/mariadb',
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

/** As root, hands `path` to a service's system user (postgres, mysql); otherwise the test's user keeps it. */
async function ownedBy(user: string, path: string) {
  if (!asRoot) return;
  const pw = await run('/usr/bin/id', ['-u', user]);
  const gr = await run('/usr/bin/id', ['-g', user]);
  await chown(path, Number(pw.stdout.trim()), Number(gr.stdout.trim()));
}
const ownedByPostgres = (path: string) => ownedBy('postgres', path);

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
  const query = sqlClient(server, SERVICE_BIN.psql, [
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
  ]);
  // Ready when psql gets an answer; an exited postmaster fails at once (its log says why).
  await untilAnswers(server, query, 30_000);
  return { server, port, query };
}

/** A query function: runs SQL through a client (`args` end where the SQL goes), rows as arrays of columns. */
function sqlClient(server: Server, client: string, args: string[]) {
  return async (sql: string): Promise<string[][]> => {
    const r = await run(client, [...args, sql]);
    if (r.code !== 0) throw new Error(`${client}: ${r.stderr}\n${server.output()}`);
    return r.stdout
      .split('\n')
      .filter((l) => l)
      .map((l) => l.split('\t'));
  };
}

/** Waits until the server answers SELECT 1; throws at once if it exits, and stops it after `timeoutMs`. */
async function untilAnswers(server: Server, query: (sql: string) => Promise<unknown>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`${server.name} exited: ${server.output()}`);
    const ok = await query('SELECT 1').then(
      () => true,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) {
      await server.stop();
      throw new Error(`${server.name} not ready after ${timeoutMs / 1000} s: ${server.output()}`);
    }
    await sleep(200);
  }
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

// Debian's option files: my.cnf (→ mariadb.cnf) reads conf.d/ and mariadb.conf.d/ below this directory.
const DEBIAN_MYSQL_ETC = '/etc/mysql';
const MYSQL_INCLUDE_DIRS = ['conf.d', 'mariadb.conf.d'];

export interface MariadbServer {
  data: string;
  /** A copy of Debian's /etc/mysql whose my.cnf includes its own conf.d and mariadb.conf.d. */
  etc: string;
  socket: string;
}

/**
 * mariadb-install-db in `dir` (root@localhost without a password: a test server on a socket only), and a copy
 * of Debian's /etc/mysql chain, so a file put in its mariadb.conf.d is read exactly where and when it would be.
 */
export async function initMariadb(dir: string): Promise<MariadbServer> {
  const data = join(dir, 'data');
  const etc = join(dir, 'etc');
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await ownedBy('mysql', dir);
  const r = await run(
    SERVICE_BIN.mariadbInstallDb,
    [
      '--no-defaults',
      `--datadir=${data}`,
      ...(asRoot ? ['--user=mysql'] : []),
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { timeoutMs: 120_000 },
  );
  if (r.code !== 0) throw new Error(`mariadb-install-db failed: ${r.stdout}${r.stderr}`);
  let main = await readFile(join(DEBIAN_MYSQL_ETC, 'my.cnf'), 'utf8');
  for (const sub of MYSQL_INCLUDE_DIRS) {
    const line = `!includedir ${DEBIAN_MYSQL_ETC}/${sub}/`;
    // If Debian's chain changes shape, fail loudly rather than test something else.
    if (!main.includes(line)) throw new Error(`${DEBIAN_MYSQL_ETC}/my.cnf no longer has "${line}"`);
    main = main.replace(line, `!includedir ${etc}/${sub}/`);
    await mkdir(join(etc, sub), { recursive: true });
    for (const f of await readdir(join(DEBIAN_MYSQL_ETC, sub)))
      await writeFile(join(etc, sub, f), await readFile(join(DEBIAN_MYSQL_ETC, sub, f)));
  }
  await writeFile(join(etc, 'my.cnf'), main);
  return { data, etc, socket: join(dir, 'mariadb.sock') };
}

/** Puts `content` in the copy's mariadb.conf.d as `name` (replacing what was there). */
export async function writeMariadbConfD(m: MariadbServer, name: string, content: string): Promise<string> {
  const path = join(m.etc, 'mariadb.conf.d', name);
  await writeFile(path, content);
  return path;
}

/** mariadbd's command line: Debian's chain, and only where the test server lives in place of Debian's paths. */
async function mariadbArgs(m: MariadbServer): Promise<string[]> {
  return [
    // First, as mariadbd requires: the copy of /etc/mysql/my.cnf and everything it includes.
    `--defaults-file=${join(m.etc, 'my.cnf')}`,
    `--datadir=${m.data}`,
    `--socket=${m.socket}`,
    `--port=${await freePort()}`,
    `--pid-file=${join(m.data, 'mariadbd.pid')}`,
    ...(asRoot ? ['--user=mysql'] : []),
  ];
}

export interface RunningMariadb {
  server: Server;
  /** Runs SQL as root through the socket; rows as arrays of columns. */
  query: (sql: string) => Promise<string[][]>;
}

export async function startMariadb(m: MariadbServer): Promise<RunningMariadb> {
  const server = startServer('mariadbd', SERVICE_BIN.mariadbd, await mariadbArgs(m), {
    stopSignal: 'SIGTERM',
  });
  const query = sqlClient(server, SERVICE_BIN.mariadb, [
    '--no-defaults',
    '-S',
    m.socket,
    '-uroot',
    '-N',
    '-B',
    '-e',
  ]);
  // Ready when the socket answers; an exited server fails at once (its log says why). Resizing the redo log to
  // 4 GB on the first start takes a while on a busy disk.
  await untilAnswers(server, query, 90_000);
  return { server, query };
}

/** Starts mariadbd expecting it to refuse the configuration; returns its exit code and log. */
export async function mariadbRefuses(m: MariadbServer): Promise<{ code: number | null; log: string }> {
  const r = await run(SERVICE_BIN.mariadbd, await mariadbArgs(m), { timeoutMs: 30_000 });
  return { code: r.code, log: `${r.stdout}${r.stderr}` };
}
