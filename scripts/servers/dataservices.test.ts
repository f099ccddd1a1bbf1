// The data services' generated files against the real servers from Debian 12: PostgreSQL 15 starts with the
// conf.d file and reports every value as planned; Redis 7 starts with Debian's redis.conf plus the include and
// reports maxmemory and the policy, which then behave as promised when Redis fills; systemd-analyze accepts the
// Celery units. (The Celery round trip through the units' commands is in the live smoke test.)
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAll } from '../../src/core/generators/bundle';
import { generatePostgresqlConf } from '../../src/core/generators/postgresqlConf';
import { generateRedisConf } from '../../src/core/generators/redisConf';
import { postgresPlan } from '../../src/core/postgres';
import { redisPlan } from '../../src/core/redis';
import type { Answers } from '../../src/core/answers';
import { recFor } from '../../src/testing/scenarios';
import {
  initPostgres,
  pgBytes,
  pgSettingValue,
  postgresRefuses,
  startPostgres,
  startRedis,
  writeConfD,
  type PgCluster,
} from './services';
import { stopAll } from './tools';
import { unitCheckMode, verifyUnits } from './units';
import { createWorkspace, workspaceTarget, type Workspace } from './workspace';

const PG_CASES: Array<{ name: string; answers: Partial<Answers> }> = [
  // The defaults' small box: below 4 vCPU, no parallel settings.
  { name: 'small box', answers: { dbLocation: 'here' } },
  // The c6g.xlarge: shared_buffers 1,922 MB, Redis and Celery beside it, parallel settings.
  {
    name: 'c6g.xlarge with Redis and Celery',
    answers: { concurrentUsers: 300, dbLocation: 'here', redis: 'here', celery: 'here', celeryBeat: 'yes' },
  },
  // A 64 GiB box: shared_buffers ≈ 15 GB, huge_pages=try, autovacuum_work_mem capped (memory is reserved, not touched).
  {
    name: '64 GiB box',
    answers: { dbLocation: 'here', redis: 'none', concurrentUsers: 200, workerMemoryMb: 2048, ioSharePct: 0 },
  },
];

let ws: Workspace;
let cluster: PgCluster;
beforeAll(async () => {
  ws = await createWorkspace();
  cluster = await initPostgres(join(ws.root, 'pg'));
});
afterAll(async () => {
  await stopAll();
  await ws?.cleanup();
});

describe.each(PG_CASES)('PostgreSQL 15 with the generated conf.d file: $name', ({ answers }) => {
  it('starts and reports every setting as planned, from that file', async () => {
    const rec = recFor({ ...answers, ...ws.answers });
    const plan = postgresPlan(rec)!;
    expect(plan).not.toBeNull();
    const file = await writeConfD(
      cluster,
      'rightsize-postgresql.conf',
      generatePostgresqlConf(rec, workspaceTarget(rec, ws, ws.root)),
    );
    const pg = await startPostgres(cluster);
    try {
      const names = plan.settings.map((s) => `'${s.name}'`).join(',');
      const rows = await pg.query(
        `SELECT name, setting, coalesce(unit, ''), source, coalesce(sourcefile, '') FROM pg_settings WHERE name IN (${names})`,
      );
      const got = Object.fromEntries(
        rows.map(([n, setting, unit, source, sourcefile]) => [
          n,
          { value: pgSettingValue(setting!, unit!), source, sourcefile },
        ]),
      );
      for (const s of plan.settings) {
        const want = /^\d+(kB|MB|GB)$/.test(s.value) ? pgBytes(s.value) : s.value;
        expect(got[s.name], s.name).toEqual({ value: want, source: 'configuration file', sourcefile: file });
      }
      console.info(
        `PostgreSQL 15 on ${rec.chosen.instance.type}: ${plan.settings.length} settings as planned, shared_buffers ${plan.sharedBuffersMib} MB, max_connections ${plan.maxConnections}`,
      );
      // SHOW, as a person would check it.
      expect((await pg.query('SHOW shared_buffers'))[0]![0]).toMatch(/^\d+(MB|GB)$/);
      expect(pgBytes((await pg.query('SHOW shared_buffers'))[0]![0]!)).toBe(
        plan.sharedBuffersMib * 1024 ** 2,
      );
      expect(Number((await pg.query('SHOW max_connections'))[0]![0])).toBe(plan.maxConnections);
    } finally {
      await pg.server.stop();
    }
  });
});

describe('the PostgreSQL check can fail', () => {
  it('postgres refuses to start with a value it does not know', async () => {
    const rec = recFor({ dbLocation: 'here' });
    const good = generatePostgresqlConf(rec, workspaceTarget(rec, ws, ws.root));
    await writeConfD(
      cluster,
      'rightsize-postgresql.conf',
      good.replace('wal_compression = lz4', 'wal_compression = lz5'),
    );
    const r = await postgresRefuses(cluster);
    expect(r.code).not.toBe(0);
    expect(r.log).toContain('wal_compression');
    await writeConfD(cluster, 'rightsize-postgresql.conf', good);
  });
});

describe.each([
  { role: 'broker', celery: 'here', policy: 'noeviction' },
  { role: 'cache', celery: 'none', policy: 'allkeys-lru' },
] as const)('Redis 7 as a $role with the generated include', ({ role, celery, policy }) => {
  it(`reports maxmemory from the budget and ${policy}, and behaves so when full`, async () => {
    // 16 MB of data: maxmemory 26 MB, filled with 40 × 1 MB values.
    const rec = recFor({ celery, redis: 'here', redisDataMb: 16, ...ws.answers });
    const plan = redisPlan(rec.answers)!;
    expect(plan.role).toBe(role);
    const redis = await startRedis(
      join(ws.root, `redis-${role}`),
      generateRedisConf(rec, workspaceTarget(rec, ws, ws.root)),
    );
    try {
      expect(await redis.cli('CONFIG', 'GET', 'maxmemory')).toBe(
        `maxmemory\n${plan.maxmemoryMib.value * 1024 ** 2}`,
      );
      expect(await redis.cli('CONFIG', 'GET', 'maxmemory-policy')).toBe(`maxmemory-policy\n${policy}`);
      // 40 writes of 1 MB, each its own command (a script checks memory only before its first write).
      const write = "return redis.call('SET', 'k' .. redis.call('INCR', 'n'), string.rep('x', 1048576))";
      const out = await redis.cli('-r', '40', 'EVAL', write, '0');
      const info = await redis.cli('INFO', 'stats');
      const evicted = Number(/evicted_keys:(\d+)/.exec(info)![1]);
      if (policy === 'noeviction') {
        // A full broker refuses the write (the publisher sees an error) and drops nothing.
        expect(out).toMatch(/OOM command not allowed/);
        expect(evicted).toBe(0);
      } else {
        expect(out).not.toMatch(/OOM|ERR/);
        expect(evicted).toBeGreaterThan(0);
      }
      const used = Number(/used_memory:(\d+)/.exec(await redis.cli('INFO', 'memory'))![1]);
      expect(used).toBeLessThanOrEqual(plan.maxmemoryMib.value * 1024 ** 2 * 1.05);
    } finally {
      await redis.server.stop();
    }
  });
});

describe('Celery units', () => {
  // On the web box, and on the Celery box a load balancer moves Celery to (the same units, said to go there).
  it.each([
    { where: 'the web box', lb: 'auto' },
    { where: 'the Celery box', lb: 'alb' },
  ] as const)(
    'systemd-analyze verify (or the structural check) accepts celery.service and celerybeat.service on $where',
    async ({ where, lb }) => {
      const rec = recFor({
        celery: 'here',
        celeryBeat: 'yes',
        dbLocation: 'here',
        redis: 'here',
        lb,
        ...ws.answers,
      });
      expect(Boolean(rec.bill.celery)).toBe(lb === 'alb');
      const dir = join(ws.root, `celery-units-${lb}`);
      await mkdir(dir, { recursive: true });
      const units: string[] = [];
      for (const f of generateAll(rec, workspaceTarget(rec, ws, dir)).filter((f) =>
        /\.(service|socket)$/.test(f.name),
      )) {
        units.push(join(dir, f.name));
        await writeFile(join(dir, f.name), f.content);
      }
      expect(units.map((u) => u.split('/').pop())).toEqual(
        expect.arrayContaining(['celery.service', 'celerybeat.service']),
      );
      console.info(`celery units on ${where} checked with: ${await unitCheckMode()}`);
      const v = await verifyUnits(units);
      expect(v.ok, v.report).toBe(true);
    },
  );
});
