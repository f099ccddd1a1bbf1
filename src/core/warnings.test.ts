import { describe, expect, it } from 'vitest';
import { type Answers } from './answers';
import { dbConnections } from './connections';
import type { LatencyEstimate } from './latency';
import { recommend, type Recommendation } from './recommend';
import { warnings } from './warnings';
import { A, SCENARIOS, catalog } from '../testing/fixtures';

const rec = (over: Partial<Answers> = {}) => recommend(A(over), catalog);
const ids = (r: Recommendation) => r.warnings.map((w) => w.id);
const byId = (r: Recommendation, id: string) => r.warnings.find((w) => w.id === id);

describe('dbConnections', () => {
  it('one per worker thread, plus one per Celery process wherever Celery runs', () => {
    expect(dbConnections(A(), 5, 3)).toEqual({ web: 15, celery: 0, total: 15 });
    expect(dbConnections(A({ celery: 'elsewhere', celeryConcurrency: 8 }), 5, 3)).toEqual({
      web: 15,
      celery: 8,
      total: 23,
    });
  });
});

describe('warnings', () => {
  it('defaults: a burstable box and the RDS connection note, nothing alarming', () => {
    const r = rec();
    expect(ids(r)).toEqual(['burstable', 'db-connections']);
    expect(byId(r, 'burstable')?.detail).toContain(
      't4g.small sustains 20% of each vCPU (0.4 vCPU); your peak uses 0.24 vCPU',
    );
    expect(byId(r, 'burstable')?.detail).toContain('about $0.04 per vCPU-hour'); // t4g's rate
    const db = byId(r, 'db-connections');
    expect(db?.severity).toBe('info');
    // 2 workers (one gthread worker per vCPU) × 3 threads + 10 admin = 16, against the class the bill pays for
    // (db.t4g.medium, sized for its hot data): (4 GiB × 0.96 − 256 MiB) / 9,531,392 = 404 − 3 reserved = 401.
    expect(r.bill.rds?.rdsClass.class).toBe('db.t4g.medium');
    expect(db?.title).toBe('Database connections: 16 at most (of 401)');
    expect(db?.detail).toMatch(/^6 web \+ 10 admin = 16\./);
  });

  it('x86 burstable types bill $0.05 per vCPU-hour', () => {
    expect(byId(rec({ arch: 'x86' }), 'burstable')?.detail).toContain('about $0.05 per vCPU-hour');
  });

  it('RDS limit for many connections: 16 workers × 3 threads + 10 = 58, against the class the bill pays for', () => {
    const r = rec({ concurrentUsers: 2000 });
    // c6g.4xlarge: one gthread worker per vCPU = 16, × 3 threads
    expect(r.chosen.instance.type).toBe('c6g.4xlarge');
    expect(r.chosen.plan.workers.value * r.chosen.plan.threads.value).toBe(48);
    // The bill's class is sized for the connections, the hot data and the query CPU: db.m6g.xlarge (16 GiB),
    // (16 × 0.96 − 0.25) GiB / 9,531,392 = 1,702 − 3 = 1,699.
    expect(r.bill.rds?.rdsClass.memoryGib).toBe(16);
    expect(byId(r, 'db-connections')?.title).toBe('Database connections: 58 at most (of 1,699)');
    expect(byId(r, 'db-connections')?.detail).toContain('An RDS class with 16 GiB');
    expect(byId(r, 'many-workers')?.title).toBe('16 workers'); // over Gunicorn's 4–12
  });

  it('PostgreSQL on the box: max_connections comes from the plan, so the count is a note, not a warning', () => {
    const small = rec({ dbLocation: 'here' });
    expect(ids(small)).toContain('db-local');
    // 1500 users still fit one c6g.4xlarge with the database on it (2000 would scale out and move it off).
    // Before the generated postgresql.conf this was a danger against PostgreSQL's default 100 (97 usable).
    const big = rec({ dbLocation: 'here', concurrentUsers: 1500 });
    expect(big.choice.fits).toBe(true);
    const w = byId(big, 'db-connections');
    expect(big.chosen.plan.workers.value * big.chosen.plan.threads.value).toBe(48); // c6g.4xlarge: 16 × 3
    expect(w?.severity).toBe('info');
    expect(w?.title).toBe('Database connections: 58 at most (of 58)'); // 48 + 10; max_connections 61, 3 reserved
  });

  it('MySQL on the box: max_connections comes from the plan too, so 48 web + 64 Celery + 10 admin is a note', () => {
    // Before the generated my.cnf this was a danger against MySQL's default 151.
    const base = { dbLocation: 'here', dbEngine: 'mysql', concurrentUsers: 1500 } as const;
    const quiet = rec(base);
    expect(quiet.choice.fits).toBe(true);
    expect(quiet.chosen.plan.workers.value * quiet.chosen.plan.threads.value).toBe(48); // c6g.4xlarge: 16 × 3
    expect(byId(quiet, 'db-connections')?.title).toBe('Database connections: 58 at most (of 58)');
    const many = rec({ ...base, celery: 'elsewhere', celeryConcurrency: 64 });
    const w = byId(many, 'db-connections');
    // No superuser reserve inside max_connections: MariaDB admits the SUPER connection beyond it.
    // 48 + 64 + 10 = 122.
    expect([w?.severity, w?.title]).toEqual(['info', 'Database connections: 122 at most (of 122)']);
    expect(w?.detail).toContain('The generated my.cnf sets max_connections = the 122 the app opens');
    expect(many.database).toMatchObject({ exceeded: false, setByPlan: true, usable: 122 });
  });

  it('a fleet counts every box the group runs: 2 million daily users open (16 + 1 spare) × 48 + 2 Celery + 10 = 828, not 48', () => {
    const r = rec({ trafficMode: 'daily', dailyUsers: 2_000_000, celery: 'here', dbLocation: 'here' });
    // 16 × c6g.4xlarge, each with one gthread worker per vCPU (16) × 3 threads
    expect([r.choice.scaleOut, r.chosen.plan.workers.value, r.chosen.plan.threads.value]).toEqual([
      16, 16, 3,
    ]);
    // The Auto Scaling group's minimum, 16 + 1 spare, runs all month: 17 × 48 (16 gthread workers × 3) + 2 + 10 = 828.
    expect(byId(r, 'db-connections')?.title).toMatch(/^Database connections: 828 across the fleet/);
  });

  it('memory: one limit with the chooser; the page cache is named apart, not counted as used', () => {
    // Gunicorn, PostgreSQL and Redis on t4g.small: 1,483 MB budgeted (under the 1,589 MB limit the chooser
    // uses), of which 452 MB is PostgreSQL's page cache: processes use 1,031 / 1,870 = 55%, not 79%.
    const r = rec({ dbLocation: 'here' });
    expect(r.chosen.memory.totalMib).toBe(1483);
    expect(r.chosen.memory.reclaimableMib).toBe(452);
    expect(r.chosen.memory.usedShare).toBeCloseTo(1031 / 1870, 9);
    // Memory allows 2 gthread workers, what one per vCPU asks: no note.
    expect(r.chosen.plan.memoryCap).toBe(2);
    expect(byId(r, 'memory')).toBeUndefined();
    // CPU-bound (sync, the guide's 2 × 2 + 1 = 5) on the same t4g.small: 3 workers × (120 MB + 1 connection ×
    // 6 MB) = 378; 150 OS + 15 Nginx + 30 master + 378 + 482 PostgreSQL + 452 page cache + 74 Redis = 1,581 of
    // 1,589, so memory holds it at 3 (the peak needs 2): a note. Processes use 1,581 − 452 = 1,129 / 1,870 = 60%.
    const s = rec({ dbLocation: 'here', ioSharePct: 0, concurrentUsers: 10 });
    expect([s.chosen.instance.type, s.chosen.plan.workers.value, s.chosen.memory.totalMib]).toEqual([
      't4g.small',
      3,
      1581,
    ]);
    const m = byId(s, 'memory');
    expect([m?.severity, m?.title]).toEqual(['info', 'Memory sets the worker count (60% of 1,870 MB used)']);
    expect(m?.detail).toMatch(/^Processes use 1,129 MB plus 452 MB of page cache the OS hands back/);
    expect(m?.detail).toContain('allows 3 workers where the guide’s 2 × cores + 1 is 5');
    // A plan cannot pass the limit, so the danger needs a hand-made budget over it.
    const over = {
      ...r.choice,
      chosen: { ...r.chosen, memory: { ...r.chosen.memory, totalMib: r.chosen.memory.limitMib + 1 } },
    };
    const w = warnings(
      r.answers,
      r.perInstance,
      over,
      r.latency,
      r.connections,
      r.database,
      r.bill.rds,
      r.pgbouncer,
    );
    expect(w.find((x) => x.id === 'memory')?.severity).toBe('danger');
  });

  it('the issue’s repro: 300 users with PostgreSQL, Redis and Celery on c6g.xlarge is not "near the limit"', () => {
    // 1,922 MB of the budget is page cache. Memory does not cap the workers (15 fit, 4 run: one gthread worker
    // per vCPU; with the guide's 9 processes used 3,823 MB, now 5 fewer × 140 MB = 3,123), so there is no
    // memory warning and no "one size up".
    const r = rec({ concurrentUsers: 300, dbLocation: 'here', redis: 'here', celery: 'here' });
    expect(r.chosen.instance.type).toBe('c6g.xlarge');
    expect([r.chosen.plan.memoryCap, r.chosen.plan.workers.value]).toEqual([15, 4]);
    expect(r.chosen.memory.reclaimableMib).toBe(1922);
    expect(r.chosen.memory.usedMib).toBe(3123);
    expect(ids(r)).not.toContain('memory');
  });

  it('Celery on the box and ASGI each add a note', () => {
    expect(
      byId(rec({ celery: 'here', celeryConcurrency: 3, celeryBusyPct: 40 }), 'celery-local')?.detail,
    ).toMatch(/^Its 3 processes are budgeted at 40% busy\./);
    expect(ids(rec({ appInterface: 'asgi' }))).toContain('asgi');
  });

  it('a scale-out is a danger, explained by the choice', () => {
    const r = rec(SCENARIOS.scaleOut);
    expect(byId(r, 'scale-out')).toEqual({
      id: 'scale-out',
      severity: 'danger',
      title: 'No single instance carries this load',
      detail: r.choice.reason,
    });
  });

  it('CPU over 70% when even the largest fleet cannot keep up', () => {
    // 100,000 users / 61 s = 1639 requests/s × 60 s of CPU = 98,361 vCPU: 96 vCPU on each of 1024 boxes
    const r = rec({ concurrentUsers: 100_000, thinkTimeSec: 1, responseTimeMs: 60_000, ioSharePct: 0 });
    expect(r.choice.fits).toBe(false);
    expect(r.chosen.cpu.utilisation).toBeGreaterThan(1);
    expect(byId(r, 'cpu')?.severity).toBe('danger');
  });

  it('queueing beyond the response time is a danger', () => {
    const r = rec();
    const slow: LatencyEstimate = { ...r.latency, p95WaitMs: 201 };
    expect(
      warnings(
        r.answers,
        r.perInstance,
        r.choice,
        slow,
        r.connections,
        r.database,
        r.bill.rds,
        r.pgbouncer,
      ).map((w) => w.id),
    ).toContain('latency');
    const fine: LatencyEstimate = { ...r.latency, p95WaitMs: 200 };
    expect(
      warnings(
        r.answers,
        r.perInstance,
        r.choice,
        fine,
        r.connections,
        r.database,
        r.bill.rds,
        r.pgbouncer,
      ).map((w) => w.id),
    ).not.toContain('latency');
  });
});
