import { describe, expect, it } from 'vitest';
import {
  dbCacheMib,
  fixedItems,
  MEM,
  memoryBudget,
  memoryWorkerCap,
  perWorkerMib,
  visibleAndLimit,
} from './memory';
import { A, inst } from '../testing/fixtures';

const sum = (items: Array<{ mib: number }>) => items.reduce((s, i) => s + i.mib, 0);

describe('the figures the budget is built from (sizing-facts, Memory)', () => {
  it('stay within the reported ranges', () => {
    expect(MEM.gunicornMaster).toBeGreaterThanOrEqual(20); // master 20–35 MB
    expect(MEM.gunicornMaster).toBeLessThanOrEqual(35);
    expect(MEM.celeryChild).toBeGreaterThanOrEqual(60); // prefork child 60–100 MB
    expect(MEM.celeryChild).toBeLessThanOrEqual(100);
    expect(MEM.celeryMaster).toBeGreaterThanOrEqual(60); // master 60–200 MB
    expect(MEM.celeryMaster).toBeLessThanOrEqual(200);
    expect(MEM.caddy).toBeGreaterThanOrEqual(44); // ~44 MB RES
    expect(MEM.headroomShare).toBe(0.15);
  });
});

describe('visibleAndLimit', () => {
  it('keeps 15% of what the box shows as headroom', () => {
    // t4g.small, 2 GiB: shows 1870 MiB; 1870 × 0.85 = 1589.5 → 1589
    expect(visibleAndLimit(inst('t4g.small'))).toEqual({ visibleMib: 1870, limitMib: 1589 });
    // t3.nano, 0.5 GiB: 410 × 0.85 = 348.5 → 348
    expect(visibleAndLimit(inst('t3.nano'))).toEqual({ visibleMib: 410, limitMib: 348 });
  });
});

describe('perWorkerMib', () => {
  // 1 MB per extra thread since the lab measured 0.7 MiB (was an 8 MB assumption).
  it('is the app plus 1 MB per extra thread', () => {
    expect(perWorkerMib(A(), 1)).toBe(120);
    expect(perWorkerMib(A(), 3)).toBe(122); // 120 + 2 × 1
  });

  it('adds one database connection per thread when the database is on the box', () => {
    expect(perWorkerMib(A({ dbLocation: 'here' }), 3)).toBe(140); // 122 + 3 × 6 (PostgreSQL: 2 + 4 work_mem)
    expect(perWorkerMib(A({ dbLocation: 'here', dbEngine: 'mysql' }), 3)).toBe(131); // 122 + 3 × 3
  });
});

describe('fixedItems', () => {
  it('defaults on t4g.small: OS, Nginx, Gunicorn master, Redis', () => {
    const items = fixedItems(A(), inst('t4g.small'));
    expect(items.map((i) => [i.label, i.mib])).toEqual([
      ['Operating system', 150],
      ['Nginx', 15], // 5 + 2 vCPU × 5
      ['Gunicorn master', 30],
      ['Redis', 74], // 10 + 64 MB of data
    ]);
  });

  it('Caddy is one process of ~45 MB whatever the vCPUs', () => {
    const items = fixedItems(A({ proxy: 'caddy', redis: 'none' }), inst('m6i.4xlarge'));
    expect(items.map((i) => [i.label, i.mib])).toEqual([
      ['Operating system', 150],
      ['Caddy', 45],
      ['Gunicorn master', 30],
    ]);
  });

  it('Nginx grows with the vCPUs (worker_processes auto)', () => {
    const nginx = fixedItems(A(), inst('m6i.4xlarge')).find((i) => i.label === 'Nginx');
    expect(nginx?.mib).toBe(85); // 5 + 16 × 5
  });

  it('Celery on the box: master + children + beat; elsewhere: nothing here', () => {
    const here = fixedItems(A({ celery: 'here', celeryConcurrency: 4 }), inst('t4g.small'));
    expect(here.find((i) => i.label === 'Celery')?.mib).toBe(480); // 100 + 4 × 80 + 60
    const away = fixedItems(A({ celery: 'elsewhere', celeryConcurrency: 4 }), inst('t4g.small'));
    expect(away.find((i) => i.label === 'Celery')).toBeUndefined();
  });

  it('PostgreSQL on the box: 25% of the RAM Redis leaves as shared_buffers, plus Celery’s connections', () => {
    // m6i.large, 8 GiB: shows 7750; Redis holds 64 MB → (7750 − 64) × 0.25 = 1921.5 → 1922;
    // + 30 base + 2 Celery connections × 6 = 1964
    const a = A({ dbLocation: 'here', celery: 'here', celeryConcurrency: 2 });
    const pg = fixedItems(a, inst('m6i.large')).find((i) => i.label === 'PostgreSQL');
    expect(pg?.mib).toBe(1964);
    expect(dbCacheMib(a, 7750)).toBe(1922);
    // Without Redis on the box: 7750 × 0.25 = 1937.5 → 1938
    expect(dbCacheMib({ ...a, redis: 'managed' }, 7750)).toBe(1938);
  });

  it('64 GB of Redis leaves the database a quarter of the rest, not of all RAM', () => {
    // r6g.4xlarge shows 124,000: (124,000 − 65,536) × 0.25 = 14,616
    expect(dbCacheMib(A({ dbLocation: 'here', redisDataMb: 65_536 }), 124_000)).toBe(14_616);
  });

  it('leaves as much again as shared_buffers to the page cache for PostgreSQL, not for MySQL', () => {
    const pg = fixedItems(A({ dbLocation: 'here', redis: 'none' }), inst('m6i.large'));
    expect(pg.find((i) => i.label === 'PostgreSQL page cache')?.mib).toBe(1938);
    const my = fixedItems(A({ dbLocation: 'here', dbEngine: 'mysql' }), inst('m6i.large'));
    expect(my.find((i) => i.label === 'PostgreSQL page cache')).toBeUndefined();
  });

  it('uses the 128 MB default below 1 GiB visible', () => {
    // t3.micro, 1 GiB, shows 910 MiB (< 1024)
    const pg = fixedItems(A({ dbLocation: 'here' }), inst('t3.micro')).find((i) => i.label === 'PostgreSQL');
    expect(pg?.mib).toBe(158); // 128 + 30
  });

  it('MySQL on the box: a larger baseline, smaller connections', () => {
    // c6g.large, 4 GiB: shows 3810; no Redis here: 25% = 952.5 → 953; + 200 + 3 Celery (elsewhere, but
    // connecting) × 3 = 1162
    const a = A({
      dbLocation: 'here',
      dbEngine: 'mysql',
      celery: 'elsewhere',
      celeryConcurrency: 3,
      redis: 'none',
    });
    const my = fixedItems(a, inst('c6g.large')).find((i) => i.label === 'MySQL');
    expect(my?.mib).toBe(1162);
  });

  it('no database item when it is managed, no Redis item unless it is here', () => {
    const labels = fixedItems(A({ redis: 'managed' }), inst('t4g.small')).map((i) => i.label);
    expect(labels).not.toContain('PostgreSQL');
    expect(labels).not.toContain('Redis');
  });
});

describe('memoryWorkerCap', () => {
  it('defaults on t4g.small: (1589 − 269) / 122 → 10 workers', () => {
    expect(memoryWorkerCap(A(), inst('t4g.small'), 3)).toBe(10); // 1320 / 122 = 10.8
  });

  it('t3.nano has no room for a single worker', () => {
    // (348 − 269) / 122 = 0.65 → 0
    expect(memoryWorkerCap(A(), inst('t3.nano'), 3)).toBe(0);
  });

  it('Gunicorn, PostgreSQL and Redis on a 1 GiB box leave room for one worker only', () => {
    // t4g.micro shows 910, limit 773. Fixed: OS 150 + Nginx 15 + master 30 + PostgreSQL 158 + page cache 128
    // + Redis 74 = 555. Workers: 120 + 2 × 1 + 3 connections × 6 = 140 → (773 − 555) / 140 = 1.6 → 1
    const a = A({ dbLocation: 'here' });
    expect(sum(fixedItems(a, inst('t4g.micro')))).toBe(555);
    expect(memoryWorkerCap(a, inst('t4g.micro'), 3)).toBe(1);
  });

  it('never goes negative when the other services overflow the box', () => {
    expect(memoryWorkerCap(A({ redisDataMb: 4096 }), inst('t3.nano'), 1)).toBe(0);
  });
});

describe('memoryBudget', () => {
  it('defaults, 5 workers × 3 threads on t4g.small', () => {
    const b = memoryBudget(A(), inst('t4g.small'), 5, 3);
    // 269 fixed + 5 × 122 = 879 of 1870 visible
    expect(b.totalMib).toBe(879);
    expect(b.visibleMib).toBe(1870);
    expect(b.limitMib).toBe(1589);
    expect(b.usedShare).toBeCloseTo(879 / 1870, 12);
    expect(b.items.map((i) => i.label)).toEqual([
      'Operating system',
      'Nginx',
      'Gunicorn master',
      'Gunicorn workers',
      'Redis',
    ]);
    expect(b.items[3]?.reason).toBe('5 workers × 122 MB (120 MB app + 2 extra threads × 1 MB).');
  });

  it('names the database connections in the worker line when the database is here', () => {
    const b = memoryBudget(A({ dbLocation: 'here' }), inst('t4g.small'), 2, 3);
    expect(b.items.find((i) => i.label === 'Gunicorn workers')?.reason).toBe(
      '2 workers × 140 MB (120 MB app + 2 extra threads × 1 MB + 3 DB connections × 6 MB).',
    );
  });

  it('its items add up to the total, and the cap is the most workers within the limit', () => {
    for (const type of ['t4g.small', 'c6g.large', 'm6i.xlarge', 'r6g.medium']) {
      const a = A({ dbLocation: 'here', celery: 'here' });
      const cap = memoryWorkerCap(a, inst(type), 2);
      const at = memoryBudget(a, inst(type), cap, 2);
      expect(sum(at.items)).toBe(at.totalMib);
      expect(at.totalMib, type).toBeLessThanOrEqual(at.limitMib);
      expect(memoryBudget(a, inst(type), cap + 1, 2).totalMib, type).toBeGreaterThan(at.limitMib);
    }
  });
});
