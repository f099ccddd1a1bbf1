// MySQL on the box against the real server Debian 12 installs for it, MariaDB 10.11: mariadbd reads the
// generated file from mariadb.conf.d through a copy of Debian's own /etc/mysql chain (after 50-server.cnf),
// and reports every value as planned, from that file; max_connections holds exactly the plan's connections;
// Django 3.2 connects through mysqlclient with the settings the setup steps give. A misspelt setting stops the
// server, and a value it adjusts is caught by the same comparison: the check can fail.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/answers';
import { MYSQL_CONF_PATH, generateMysqlConf } from '../../src/core/generators/mysqlConf';
import { MEM } from '../../src/core/memory';
import { mysqlPlan, type MysqlPlan } from '../../src/core/mysql';
import type { Recommendation } from '../../src/core/recommend';
import { recFor } from '../../src/testing/scenarios';
import {
  initMariadb,
  mariadbRefuses,
  startMariadb,
  writeMariadbConfD,
  type MariadbServer,
  type RunningMariadb,
} from './services';
import { BIN, run, stopAll } from './tools';
import { createWorkspace, workspaceTarget, type Workspace } from './workspace';

const MYSQL = { dbLocation: 'here', dbEngine: 'mysql' } as const;
const CASES: Array<{ name: string; answers: Partial<Answers> }> = [
  // The defaults' small box (t4g.small, 2 GiB): a 452 MB buffer pool and redo log.
  { name: 'small box', answers: MYSQL },
  // The issue's c6g.xlarge with Redis and Celery beside it: 1,922 MB, 25 connections.
  {
    name: 'c6g.xlarge with Redis and Celery',
    answers: { ...MYSQL, concurrentUsers: 300, redis: 'here', celery: 'here', celeryBeat: 'yes' },
  },
  // A 32 GiB box: a 7,750 MB buffer pool (reserved, not touched) and the redo log at its 4 GB cap.
  {
    name: '32 GiB box',
    answers: { ...MYSQL, redis: 'none', concurrentUsers: 200, workerMemoryMb: 2048, ioSharePct: 0 },
  },
];
const FILE = MYSQL_CONF_PATH.slice(MYSQL_CONF_PATH.lastIndexOf('/') + 1);

/** What SHOW VARIABLES prints for a planned value: bytes for a size ("1922M"), the text otherwise. */
const shown = (value: string) => (/^\d+M$/.test(value) ? `${parseInt(value, 10) * 1024 ** 2}` : value);

interface Reported {
  value: string;
  origin: string;
  path: string;
}

/** Every planned variable as the running server reports it: value, where it came from, which file. */
async function reported(db: RunningMariadb, plan: MysqlPlan): Promise<Record<string, Reported>> {
  const names = plan.settings.map((s) => `'${s.name.toUpperCase()}'`).join(',');
  const rows = await db.query(
    `SELECT LOWER(VARIABLE_NAME), GLOBAL_VALUE, GLOBAL_VALUE_ORIGIN, IFNULL(GLOBAL_VALUE_PATH, '') FROM information_schema.SYSTEM_VARIABLES WHERE VARIABLE_NAME IN (${names})`,
  );
  return Object.fromEntries(rows.map(([n, value, origin, path]) => [n, { value, origin, path }]));
}

/** The planned settings the server does not report as planned, from `file`: [] when all hold. */
const mismatches = (plan: MysqlPlan, got: Record<string, Reported>, file: string) =>
  plan.settings
    .filter((s) => {
      const g = got[s.name];
      return !g || g.value !== shown(s.value) || g.origin !== 'CONFIG' || g.path !== file;
    })
    .map((s) => s.name);

/** Opens connections as an ordinary account until the server refuses one; the count and the refusal. */
const OPEN_UNTIL_REFUSED = `
import sys, time, MySQLdb
sock, limit = sys.argv[1], int(sys.argv[2])
held, error = [], ''
try:
    while len(held) <= limit:
        held.append(MySQLdb.connect(unix_socket=sock, user='app', passwd='app-pass', db='app'))
except MySQLdb.OperationalError as e:
    error = f'{e.args[0]} {e.args[1]}'
# An account with SUPER still gets in: MariaDB keeps one connection beyond max_connections for it. The refused
# connection's thread can take a moment to go, so the admin's login is tried for up to 2 s.
for attempt in range(20):
    try:
        root = MySQLdb.connect(unix_socket=sock, user='root')
        break
    except MySQLdb.OperationalError:
        if attempt == 19:
            raise
        time.sleep(0.1)
print(len(held), error, sep='\\n')
`;

/** Django 3.2 through mysqlclient with the setup steps' DATABASES (the socket's path as HOST). */
const DJANGO_QUERY = `
import sys, django
from django.conf import settings
settings.configure(DATABASES={'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'app', 'USER': 'app',
    'PASSWORD': 'app-pass', 'HOST': sys.argv[1], 'OPTIONS': {'charset': 'utf8mb4'}, 'CONN_MAX_AGE': 60}})
django.setup()
from django.db import connection
with connection.cursor() as c:
    c.execute('SELECT @@max_connections, @@innodb_buffer_pool_size, @@character_set_connection')
    print(*c.fetchone(), connection.mysql_is_mariadb, sep='\\n')
`;

let ws: Workspace;
let server: MariadbServer;
beforeAll(async () => {
  ws = await createWorkspace();
  server = await initMariadb(join(ws.root, 'mariadb'));
});
afterAll(async () => {
  await stopAll();
  await ws?.cleanup();
});

const generated = (rec: Recommendation) => generateMysqlConf(rec, workspaceTarget(rec, ws, ws.root));

/** The server's resident memory (MiB) from /proc: mariadbd itself, as it is the process started. */
async function rssMib(db: RunningMariadb): Promise<number> {
  const status = await readFile(`/proc/${db.server.child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024);
}

describe.each(CASES)('MariaDB 10.11 with the generated mariadb.conf.d file: $name', ({ answers }) => {
  it('starts through Debian’s chain and reports every setting as planned, from that file', async () => {
    const rec = recFor({ ...answers, ...ws.answers });
    const plan = mysqlPlan(rec)!;
    expect(plan).not.toBeNull();
    const file = await writeMariadbConfD(server, FILE, generated(rec));
    const db = await startMariadb(server);
    try {
      const got = await reported(db, plan);
      expect(mismatches(plan, got, file)).toEqual([]);
      // SHOW VARIABLES, as a person would check it.
      const show = Object.fromEntries(
        await db.query(
          `SHOW GLOBAL VARIABLES WHERE Variable_name IN (${plan.settings.map((s) => `'${s.name}'`).join(',')})`,
        ),
      );
      for (const s of plan.settings) expect(show[s.name], s.name).toBe(shown(s.value));
      // Debian's 50-server.cnf was read too (its utf8mb4), and ours after it.
      expect((await db.query('SELECT @@character_set_server'))[0]![0]).toBe('utf8mb4');
      const rss = await rssMib(db);
      console.info(
        `MariaDB ${(await db.query('SELECT VERSION()'))[0]![0]} on ${rec.chosen.instance.type}: ${plan.settings
          .map((s) => `${s.name}=${show[s.name]}`)
          .join(
            ', ',
          )}; idle RSS ${rss} MiB (the budget's baseline ${MEM.mysqlBase} MB + the pool as it fills)`,
      );
      expect(rss).toBeLessThan(MEM.mysqlBase + plan.bufferPoolMib);
    } finally {
      await db.server.stop();
    }
  });
});

describe('max_connections and Django', () => {
  it('holds exactly the plan’s connections for the app, one more for SUPER, and Django connects', async () => {
    const rec = recFor({ ...CASES[1]!.answers, ...ws.answers });
    const plan = mysqlPlan(rec)!;
    expect(plan.maxConnections).toBe(rec.connections.total.value);
    await writeMariadbConfD(server, FILE, generated(rec));
    const db = await startMariadb(server);
    try {
      await db.query(
        "CREATE DATABASE IF NOT EXISTS app CHARACTER SET utf8mb4; CREATE USER IF NOT EXISTS 'app'@'localhost' IDENTIFIED BY 'app-pass'; GRANT ALL ON app.* TO 'app'@'localhost'",
      );
      const open = await run(
        BIN.python,
        ['-c', OPEN_UNTIL_REFUSED, server.socket, `${plan.maxConnections}`],
        {
          timeoutMs: 60_000,
        },
      );
      expect(open.code, open.stderr).toBe(0);
      const [held, error] = open.stdout.trim().split('\n');
      // Every connection the plan counts gets in; the next one is refused (ER_CON_COUNT_ERROR).
      expect(Number(held)).toBe(plan.maxConnections);
      expect(error).toBe('1040 Too many connections');
      const django = await run(BIN.python, ['-c', DJANGO_QUERY, server.socket], { timeoutMs: 60_000 });
      expect(django.code, django.stderr).toBe(0);
      expect(django.stdout.trim().split('\n')).toEqual([
        `${plan.maxConnections}`,
        `${plan.bufferPoolMib * 1024 ** 2}`,
        'utf8mb4',
        'True',
      ]);
      console.info(
        `MariaDB max_connections ${plan.maxConnections}: ${held} app connections held, the next refused (${error}); Django 3.2 + mysqlclient connected`,
      );
    } finally {
      await db.server.stop();
    }
  });
});

describe('the MariaDB check can fail', () => {
  it('mariadbd refuses to start with a misspelt setting', async () => {
    const rec = recFor({ ...MYSQL, ...ws.answers });
    const good = generated(rec);
    await writeMariadbConfD(
      server,
      FILE,
      good.replace(/^innodb_buffer_pool_size =/m, 'innodb_bufer_pool_size ='),
    );
    const r = await mariadbRefuses(server);
    expect(r.code).not.toBe(0);
    expect(r.log).toMatch(/unknown variable 'innodb_bufer_pool_size/);
    console.info(`mariadbd exits ${r.code}: ${/\[ERROR\].*unknown variable.*/.exec(r.log)?.[0]}`);
    await writeMariadbConfD(server, FILE, good);
  });

  it('a value mariadbd adjusts is reported as not planned', async () => {
    const rec = recFor({ ...MYSQL, ...ws.answers });
    const plan = mysqlPlan(rec)!;
    // 1 MB is below innodb_log_file_size's minimum: MariaDB starts, warns, and runs with its own value.
    const file = await writeMariadbConfD(
      server,
      FILE,
      generated(rec).replace(/^innodb_log_file_size = .*$/m, 'innodb_log_file_size = 1M'),
    );
    const db = await startMariadb(server);
    try {
      expect(mismatches(plan, await reported(db, plan), file)).toEqual(['innodb_log_file_size']);
      expect(db.server.output()).toMatch(/innodb.log.file.size.*adjusted/i);
      console.info(`mariadbd warns: ${/.*innodb.log.file.size.*adjusted.*/i.exec(db.server.output())?.[0]}`);
    } finally {
      await db.server.stop();
      await writeMariadbConfD(server, FILE, generated(rec));
    }
  });
});
