// PostgreSQL, MySQL (MariaDB), Redis and Celery on the box: hand-checked figures, and properties over the whole answer space
// (the files' numbers are the memory budget's, the broker never evicts, connections cover every thread).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { celeryPlan } from './celery';
import { visibleMemoryMib } from './catalog';
import { dbCacheMib, MEM } from './memory';
import { mysqlPlan, redoLogMib } from './mysql';
import { maintenanceWorkMemMib, pgTuneWorkMemMib, postgresPlan, walBuffersKb } from './postgres';
import { recommend } from './recommend';
import { redisPlan } from './redis';
import { answersArb } from '../testing/arbitraries';
import { catalog } from '../testing/fixtures';
import { recFor } from '../testing/scenarios';

const setting = (plan: { settings: ReadonlyArray<{ name: string; value: string }> }, name: string) =>
  plan.settings.find((s) => s.name === name)?.value;

describe('postgresPlan', () => {
  it('follows PGTune on the 8 GiB c6g.xlarge of the issue (300 users, PostgreSQL, Redis and Celery here)', () => {
    const rec = recFor({
      concurrentUsers: 300,
      dbLocation: 'here',
      redis: 'here',
      celery: 'here',
      celeryBeat: 'yes',
    });
    expect(rec.chosen.instance.type).toBe('c6g.xlarge');
    const plan = postgresPlan(rec)!;
    // (7,750 MB visible − 64 MB of Redis data) / 4 = 1,921.5 → 1,922 MB: the budget's figure.
    expect(setting(plan, 'shared_buffers')).toBe('1922MB');
    expect(setting(plan, 'effective_cache_size')).toBe('3844MB');
    expect(setting(plan, 'maintenance_work_mem')).toBe('480MB');
    expect(setting(plan, 'work_mem')).toBe('4MB');
    expect(setting(plan, 'wal_buffers')).toBe('16MB');
    const p = rec.chosen.plan;
    expect(setting(plan, 'max_connections')).toBe(`${p.workers.value * p.threads.value + 2 + 1 + 13}`);
    expect(setting(plan, 'random_page_cost')).toBe('1.1');
    expect(setting(plan, 'effective_io_concurrency')).toBe('200');
    expect(setting(plan, 'max_worker_processes')).toBe('4');
    expect(setting(plan, 'max_parallel_workers_per_gather')).toBe('2');
    expect(setting(plan, 'huge_pages')).toBe('off');
    expect(setting(plan, 'autovacuum_work_mem')).toBeUndefined();
  });

  it('PGTune’s wal_buffers: 3% of shared_buffers, 16 MB from 14 MB up, 32 kB at least, in 8 kB pages', () => {
    expect(walBuffersKb(128)).toBe(3928); // 3% of 128 MB = 3,932 kB, down to 491 pages
    expect(walBuffersKb(480)).toBe(16384); // 14.4 MB rounds up to 16 MB
    expect(walBuffersKb(10_000)).toBe(16384);
    expect(walBuffersKb(1)).toBe(32);
  });

  it('PGTune’s work_mem formula, with its 4 MB floor', () => {
    // (8 GB − 2 GB) / ((100 + 8) × 3) = 18.96 → 18 MB
    expect(pgTuneWorkMemMib(8192, 2048, 100, 8)).toBe(18);
    expect(pgTuneWorkMemMib(1024, 256, 500, 8)).toBe(4);
  });

  it('leaves out parallel settings below 4 vCPU (PGTune)', () => {
    const small = recFor({ dbLocation: 'here' });
    expect(small.chosen.instance.vcpu).toBeLessThan(4);
    expect(setting(postgresPlan(small)!, 'max_worker_processes')).toBeUndefined();
  });

  it('PGTune’s maintenance_work_mem: shared_buffers / 4, at most 8 GB; autovacuum at most 2 GB per worker', () => {
    expect(maintenanceWorkMemMib(1922)).toBe(480);
    expect(maintenanceWorkMemMib(40_000)).toBe(8192);
    // 200 users on 2 GB CPU-bound workers need a 64 GiB box (r6g.2xlarge): shared_buffers ≈ 15.5 GB.
    const big = recFor({
      dbLocation: 'here',
      redis: 'none',
      concurrentUsers: 200,
      workerMemoryMb: 2048,
      ioSharePct: 0,
    });
    const plan = postgresPlan(big)!;
    expect(plan.sharedBuffersMib).toBeGreaterThanOrEqual(8192);
    expect(setting(plan, 'autovacuum_work_mem')).toBe('2048MB');
    expect(setting(plan, 'huge_pages')).toBe('try');
  });

  it('is null unless PostgreSQL runs on the box', () => {
    for (const over of [{ dbLocation: 'managed' }, { dbLocation: 'here', dbEngine: 'mysql' }] as const) {
      const rec = recFor(over);
      expect(postgresPlan(rec)).toBeNull();
    }
  });
});

describe('mysqlPlan', () => {
  const MYSQL = { dbLocation: 'here', dbEngine: 'mysql' } as const;
  const values = (plan: NonNullable<ReturnType<typeof mysqlPlan>>) =>
    Object.fromEntries(plan.settings.map((s) => [s.name, s.value]));

  it('on the issue’s c6g.xlarge (300 users, MySQL, Redis and Celery here): the budget’s figures', () => {
    const rec = recFor({ ...MYSQL, concurrentUsers: 300, redis: 'here', celery: 'here', celeryBeat: 'yes' });
    expect(rec.chosen.instance.type).toBe('c6g.xlarge');
    // gthread: one worker per vCPU (4), 1 ÷ (1 − 0.6) → 3 threads.
    expect([rec.chosen.plan.workers.value, rec.chosen.plan.threads.value]).toEqual([4, 3]);
    const plan = mysqlPlan(rec)!;
    expect(values(plan)).toEqual({
      // 4 workers × 3 threads + 2 Celery + 1 beat + 10 admin; no reserve inside it (SUPER gets one beyond).
      max_connections: '25',
      // (7,750 MB visible − 64 MB of Redis data) / 4 = 1,921.5 → 1,922 MB, as PostgreSQL's shared_buffers.
      innodb_buffer_pool_size: '1922M',
      // As big as the buffer pool (between 96 MB and 4 GB).
      innodb_log_file_size: '1922M',
      sort_buffer_size: '2M',
      tmp_table_size: '16M',
      max_heap_table_size: '16M',
      bind_address: '127.0.0.1',
    });
    // The budget's MySQL line: 200 MB baseline + the pool + 2 Celery connections × 3 MB = 2,128 MB.
    expect(rec.chosen.memory.items.find((i) => i.label === 'MySQL')!.mib).toBe(2128);
    expect(rec.chosen.memory.items.some((i) => i.reclaimable)).toBe(false);
    expect(plan.settings.find((s) => s.name === 'tmp_table_size')!.reason).toContain(
      '25 connections each holding a full one at once would take 400 MB',
    );
  });

  it('the redo log: as big as the buffer pool, at least MariaDB’s 96 MB, at most 4 GB', () => {
    expect(redoLogMib(128)).toBe(128);
    expect(redoLogMib(64)).toBe(96);
    expect(redoLogMib(1922)).toBe(1922);
    expect(redoLogMib(7750)).toBe(4096);
    // 200 CPU-bound users on 2 GB workers: t4g.2xlarge (32 GiB, 31,000 MB visible, no Redis): a quarter.
    const big = mysqlPlan(
      recFor({ ...MYSQL, redis: 'none', concurrentUsers: 200, workerMemoryMb: 2048, ioSharePct: 0 }),
    )!;
    expect([setting(big, 'innodb_buffer_pool_size'), setting(big, 'innodb_log_file_size')]).toEqual([
      '7750M',
      '4096M',
    ]);
  });

  it('below 1 GiB: MariaDB’s 128 MB default buffer pool', () => {
    const rec = recFor(MYSQL);
    const micro = catalog.instances.find((i) => i.type === 't3.micro')!;
    expect(visibleMemoryMib(micro.memoryGib)).toBeLessThan(1024);
    const plan = mysqlPlan({ ...rec, chosen: { ...rec.chosen, instance: micro } })!;
    expect([setting(plan, 'innodb_buffer_pool_size'), setting(plan, 'innodb_log_file_size')]).toEqual([
      '128M',
      '128M',
    ]);
    expect(plan.settings[1]!.reason).toMatch(/^MariaDB’s 128 MB default/);
  });

  it('keeps loopback and says what Celery on another instance needs', () => {
    const bind = (celery: 'here' | 'elsewhere') =>
      mysqlPlan(recFor({ ...MYSQL, celery }))!.settings.find((s) => s.name === 'bind_address')!;
    expect(bind('here')).toMatchObject({
      value: '127.0.0.1',
      reason: expect.stringContaining('Celery connect from this box'),
    });
    expect(bind('elsewhere')).toMatchObject({
      value: '127.0.0.1',
      reason: expect.stringContaining('add this box’s private address'),
    });
  });

  it('is null unless MySQL runs on the box', () => {
    expect(mysqlPlan(recFor({ dbLocation: 'managed', dbEngine: 'mysql' }))).toBeNull();
    expect(mysqlPlan(recFor({ dbLocation: 'here' }))).toBeNull();
    expect(postgresPlan(recFor(MYSQL))).toBeNull();
  });
});

describe('redisPlan', () => {
  it('a Celery broker never evicts; a cache evicts least recently used keys', () => {
    expect(redisPlan(recFor({ celery: 'here' }).answers)!.policy.value).toBe('noeviction');
    expect(redisPlan(recFor({ celery: 'elsewhere' }).answers)!.policy.value).toBe('noeviction');
    expect(redisPlan(recFor({ celery: 'none' }).answers)!.policy.value).toBe('allkeys-lru');
    expect(redisPlan(recFor({ redis: 'managed' }).answers)).toBeNull();
  });

  it('maxmemory is the Redis line of the memory budget', () => {
    const rec = recFor({ redisDataMb: 500 });
    expect(redisPlan(rec.answers)!.maxmemoryMib.value).toBe(510);
    expect(rec.chosen.memory.items.find((i) => i.label === 'Redis')!.mib).toBe(510);
  });
});

describe('celeryPlan', () => {
  it('runs the answered concurrency and says how many more the box has room for', () => {
    const rec = recFor({ concurrentUsers: 300, celery: 'here', celeryConcurrency: 2, celeryBusyPct: 25 });
    const c = celeryPlan(rec.answers, rec.chosen)!;
    expect(c.concurrency.value).toBe(2);
    expect(c.maxOnBox.value).toBeGreaterThanOrEqual(2);
    expect(c.maxOnBox.reason).toMatch(/CPU: .*memory: /);
    expect(c.beat.value).toBe(false);
    expect(celeryPlan(recFor({ celery: 'elsewhere' }).answers, rec.chosen)).toBeNull();
  });

  it('bounds the room by memory alone when tasks use no CPU', () => {
    const rec = recFor({ celery: 'here', celeryBusyPct: 0 });
    const c = celeryPlan(rec.answers, rec.chosen)!;
    const spare = rec.chosen.memory.limitMib - rec.chosen.memory.totalMib;
    expect(c.maxOnBox.value).toBe(rec.answers.celeryConcurrency + Math.floor(spare / MEM.celeryChild));
  });
});

describe('over any valid answers', () => {
  it('the data services’ files carry the memory budget’s figures and every connection the plan opens', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const rec = recommend(answers, catalog);
        const a = rec.answers;
        const c = rec.chosen;
        const items = Object.fromEntries(c.memory.items.map((i) => [i.label, i.mib]));
        const pg = postgresPlan(rec);
        expect(pg !== null).toBe(a.dbLocation === 'here' && a.dbEngine === 'postgresql');
        if (pg) {
          const sb = dbCacheMib(a, visibleMemoryMib(c.instance.memoryGib));
          expect(pg.sharedBuffersMib).toBe(sb);
          expect(items['PostgreSQL page cache']).toBe(sb);
          expect(setting(pg, 'shared_buffers')).toBe(`${sb}MB`);
          expect(setting(pg, 'work_mem')).toBe(`${MEM.postgresWorkMem}MB`);
          // One source: the recommendation's database limit, which holds every connection the plan opens.
          expect(pg.maxConnections).toBe(rec.database.maxConnections.value);
          expect(pg.maxConnections).toBe(rec.connections.total.value + 3);
          expect(setting(pg, 'max_connections')).toBe(`${rec.database.maxConnections.value}`);
          for (const s of pg.settings) expect(s.reason.length).toBeGreaterThan(10);
        }
        const my = mysqlPlan(rec);
        expect(my !== null).toBe(a.dbLocation === 'here' && a.dbEngine === 'mysql');
        if (my) {
          const pool = dbCacheMib(a, visibleMemoryMib(c.instance.memoryGib));
          const celeryConns = a.celery === 'none' ? 0 : a.celeryConcurrency;
          // The budget's MySQL line is the baseline, this buffer pool and Celery's connections.
          expect(items['MySQL']).toBe(MEM.mysqlBase + pool + celeryConns * MEM.mysqlPerConnection);
          expect(setting(my, 'innodb_buffer_pool_size')).toBe(`${pool}M`);
          expect(setting(my, 'sort_buffer_size')).toBe(`${MEM.mysqlSortBuffer}M`);
          expect(my.maxConnections).toBe(rec.database.maxConnections.value);
          expect(my.maxConnections).toBe(rec.connections.total.value);
          expect(rec.database.usable).toBe(rec.connections.total.value);
          expect(setting(my, 'max_connections')).toBe(`${my.maxConnections}`);
          for (const s of my.settings) expect(s.reason.length).toBeGreaterThan(10);
        }
        const redis = redisPlan(a);
        expect(redis !== null).toBe(a.redis === 'here');
        if (redis) {
          expect(redis.maxmemoryMib.value).toBe(items['Redis']);
          expect(redis.maxmemoryMib.value).toBeGreaterThan(0); // 0 would mean "no limit" to Redis
          expect(redis.policy.value).toBe(a.celery === 'none' ? 'allkeys-lru' : 'noeviction');
        }
        const celery = celeryPlan(a, c);
        expect(celery !== null).toBe(a.celery === 'here');
        if (celery) {
          expect(celery.concurrency.value).toBe(a.celeryConcurrency);
          expect(celery.beat.value).toBe(a.celeryBeat === 'yes');
          // When the chosen box fits, it has room for at least what the budget counted.
          if (rec.choice.fits && c.feasible)
            expect(celery.maxOnBox.value).toBeGreaterThanOrEqual(a.celeryConcurrency);
        }
      }),
      { numRuns: 300 },
    );
  });
});
