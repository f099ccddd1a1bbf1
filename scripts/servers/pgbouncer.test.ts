// PgBouncer 1.18 with the generated pgbouncer.ini in front of a real PostgreSQL 15 (initdb in a temp dir, run
// as the postgres user: neither server runs as root), and Django's generated database settings through it.
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAll } from '../../src/core/generators/bundle';
import { productionTarget, type DeployTarget } from '../../src/core/generators/target';
import type { Recommendation } from '../../src/core/recommend';
import { SCENARIOS } from '../../src/testing/fixtures';
import { recFor } from '../../src/testing/scenarios';
import { BIN, CLEAN_ENV, freePort, run, startServer, stopAll, waitFor } from './tools';

const PASSWORD = 'rightsize-test-only';
// Client connections opened at once through PgBouncer: far more than the plan's pool.
const CLIENTS = 24;

let root = '';
let pgPort = 0;
let rec: Recommendation;
let target: DeployTarget;
let files: Record<string, string>;
let uid = 0;
let gid = 0;

const asPostgres = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  run(BIN.runuser, ['-u', 'postgres', '--', cmd, ...args], {
    env: { ...CLEAN_ENV, ...env },
    timeoutMs: 60_000,
  });

beforeAll(async () => {
  const ids = await run('/usr/bin/id', ['-u', 'postgres']);
  uid = Number(ids.stdout.trim());
  gid = Number((await run('/usr/bin/id', ['-g', 'postgres'])).stdout.trim());
  root = await mkdtemp(join(tmpdir(), 'rightsize-pgb-'));
  await chmod(root, 0o755);
  await chown(root, uid, gid);
  const data = join(root, 'data');
  const init = await asPostgres(join(BIN.postgresBin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
  ]);
  expect(init.code, init.stderr).toBe(0);
  pgPort = await freePort();
  startServer(
    'postgres',
    BIN.runuser,
    [
      '-u',
      'postgres',
      '--',
      join(BIN.postgresBin, 'postgres'),
      '-D',
      data,
      '-p',
      String(pgPort),
      '-k',
      root,
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    { stopSignal: 'SIGINT' },
  );
  const psql = (sql: string) =>
    asPostgres(BIN.psql, [
      '-h',
      root,
      '-p',
      String(pgPort),
      '-U',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      sql,
    ]);
  await waitFor(async () => {
    const r = await psql('select 1');
    if (r.code !== 0) throw new Error(r.stderr);
  }, 30_000);

  // A plan that pools: 447 boxes × 66 connections pass every RDS class's limit.
  rec = recFor({ ...SCENARIOS.scaleOut, concurrentUsers: 100_000 });
  expect(rec.pgbouncer).not.toBeNull();
  const pgbPort = await freePort();
  target = {
    ...productionTarget(rec),
    pgbouncer: {
      port: pgbPort,
      authFile: join(root, 'userlist.txt'),
      logFile: join(root, 'pgbouncer.log'),
      runDir: root,
      dbHost: '127.0.0.1',
      dbPort: pgPort,
    },
  };
  files = Object.fromEntries(generateAll(rec, target).map((f) => [f.name, f.content]));
  for (const sql of [
    `create role mysite login password '${PASSWORD}'`,
    'create database mysite owner mysite',
  ]) {
    const r = await psql(sql);
    expect(r.code, r.stderr).toBe(0);
  }
  // The auth file as the generated header describes it: the role and its password.
  await writeFile(target.pgbouncer.authFile, `"mysite" "${PASSWORD}"\n`, { mode: 0o640 });
  await chown(target.pgbouncer.authFile, uid, gid);
  const ini = join(root, 'pgbouncer.ini');
  await writeFile(ini, files['pgbouncer.ini']!);
  await mkdir(join(root, 'django'), { recursive: true });
  await writeFile(join(root, 'django', 'database_settings.py'), files['database_settings.py']!);
  startServer('pgbouncer', BIN.runuser, ['-u', 'postgres', '--', BIN.pgbouncer, ini], {
    stopSignal: 'SIGINT',
  });
}, 120_000);

afterAll(async () => {
  await stopAll();
  if (root) await rm(root, { recursive: true, force: true });
});

// Django 3.2 with the generated DATABASES, through PgBouncer: CLIENTS threads each open their own
// connection (Django's connections are per thread) and ask for their backend's pid inside a transaction.
const DJANGO_PROBE = `
import json, sys, threading
sys.path.insert(0, sys.argv[1])
import django
from django.conf import settings
import database_settings as s
settings.configure(DATABASES=s.DATABASES, USE_TZ=True)
django.setup()
from django.db import connection, transaction
n = int(sys.argv[2])
barrier = threading.Barrier(n)
pids, errors = [], []
def work():
    try:
        barrier.wait(10)
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute("select pg_backend_pid(), pg_sleep(0.2)")
                pids.append(c.fetchone()[0])
    except Exception as e:
        errors.append(repr(e))
    finally:
        connection.close()
ts = [threading.Thread(target=work) for _ in range(n)]
[t.start() for t in ts]
[t.join() for t in ts]
print(json.dumps({"pids": pids, "errors": errors, "settings": {k: s.DATABASES["default"][k] for k in ("HOST", "PORT", "CONN_MAX_AGE", "DISABLE_SERVER_SIDE_CURSORS")}}))
`;

describe('PgBouncer 1.18 with the generated pgbouncer.ini, PostgreSQL 15 behind it', () => {
  it('starts, and a query passes through it with the SCRAM password from the auth file', async () => {
    const r = await waitFor(async () => {
      const q = await run(
        BIN.psql,
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(target.pgbouncer.port),
          '-U',
          'mysite',
          '-d',
          'mysite',
          '-Atc',
          'select current_user, 6 * 7',
        ],
        { env: { ...CLEAN_ENV, PGPASSWORD: PASSWORD } },
      );
      if (q.code !== 0)
        throw new Error(`${q.stderr}\n${await readFile(target.pgbouncer.logFile, 'utf8').catch(() => '')}`);
      return q;
    }, 20_000);
    expect(r.stdout.trim()).toBe('mysite|42');
    // A wrong password is refused: the auth file is in force.
    const bad = await run(
      BIN.psql,
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(target.pgbouncer.port),
        '-U',
        'mysite',
        '-d',
        'mysite',
        '-Atc',
        'select 1',
      ],
      { env: { ...CLEAN_ENV, PGPASSWORD: 'wrong' } },
    );
    expect(bad.code).not.toBe(0);
  });

  it(`Django through it: ${CLIENTS} connections at once share the plan’s pool of server connections`, async () => {
    const pool = rec.pgbouncer!.defaultPoolSize.value;
    expect(pool).toBeLessThan(CLIENTS);
    const r = await run(BIN.python, ['-c', DJANGO_PROBE, join(root, 'django'), String(CLIENTS)], {
      env: { ...CLEAN_ENV, DATABASE_PASSWORD: PASSWORD },
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pids: number[];
      errors: string[];
      settings: Record<string, unknown>;
    };
    expect(out.errors).toEqual([]);
    expect(out.pids.length).toBe(CLIENTS);
    // Transaction pooling: every client got a backend, and no more than the pool's backends served them all.
    const backends = new Set(out.pids).size;
    expect(backends).toBeLessThanOrEqual(pool);
    expect(out.settings).toEqual({
      HOST: '127.0.0.1',
      PORT: String(target.pgbouncer.port),
      CONN_MAX_AGE: 60,
      DISABLE_SERVER_SIDE_CURSORS: true,
    });
    console.info(
      `PgBouncer: ${CLIENTS} Django connections served by ${backends} PostgreSQL backends (pool ${pool}).`,
    );
  });
});
