import { describe, expect, it } from 'vitest';
import { type Answers } from './answers';
import type { LatencyEstimate } from './latency';
import { recommend, type Recommendation } from './recommend';
import { dbConnections, warnings } from './warnings';
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
    expect(db?.title).toBe('Database connections: 15 at most'); // 5 workers × 3 threads
    // 15 × 1.25 × 9.5 MB = 178 MB → rounded up to 256 MB
    expect(db?.detail).toContain('at least 256 MB');
  });

  it('x86 burstable types bill $0.05 per vCPU-hour', () => {
    expect(byId(rec({ arch: 'x86' }), 'burstable')?.detail).toContain('about $0.05 per vCPU-hour');
  });

  it('RDS size for many connections: 33 workers × 3 threads = 99 → 99 × 1.25 × 9.5 = 1176 MB → 1280 MB', () => {
    const r = rec({ concurrentUsers: 2000 });
    expect(r.chosen.plan.workers.value * r.chosen.plan.threads.value).toBe(99);
    expect(byId(r, 'db-connections')?.detail).toContain('at least 1280 MB');
    expect(byId(r, 'many-workers')?.title).toBe('33 workers'); // over Gunicorn's 4–12
  });

  it('a database on the box: its own warning, and a connection check against max_connections', () => {
    const small = rec({ dbLocation: 'here' });
    expect(ids(small)).toContain('db-local');
    // 2 workers × 3 threads = 6 connections: far under 80% of PostgreSQL's 97
    expect(byId(small, 'db-connections')).toBeUndefined();

    // 1500 users still fit one c6g.4xlarge with the database on it (2000 would scale out and move it off).
    const big = rec({ dbLocation: 'here', concurrentUsers: 1500 });
    expect(big.choice.fits).toBe(true);
    const conns = big.chosen.plan.workers.value * big.chosen.plan.threads.value;
    const w = byId(big, 'db-connections');
    expect(conns).toBeGreaterThan(97);
    expect(w?.severity).toBe('danger');
    expect(w?.title).toBe(`Database connections: ${conns} of 97`);
  });

  it('MySQL allows 151: 99 web connections pass, + 30 Celery warn (> 121), + 64 Celery are a danger', () => {
    const base = { dbLocation: 'here', dbEngine: 'mysql', concurrentUsers: 1500 } as const;
    const quiet = rec(base);
    expect(quiet.choice.fits).toBe(true);
    expect(quiet.chosen.plan.workers.value * quiet.chosen.plan.threads.value).toBe(99); // 33 × 3
    expect(byId(quiet, 'db-connections')).toBeUndefined();
    const warn = byId(rec({ ...base, celery: 'elsewhere', celeryConcurrency: 30 }), 'db-connections');
    expect([warn?.severity, warn?.title]).toEqual(['warning', 'Database connections: 129 of 151']);
    const danger = byId(rec({ ...base, celery: 'elsewhere', celeryConcurrency: 64 }), 'db-connections');
    expect([danger?.severity, danger?.title]).toEqual(['danger', 'Database connections: 163 of 151']);
  });

  it('memory over 75% of the box warns; over 85% is a danger', () => {
    // Gunicorn, PostgreSQL and Redis on t4g.small: (1203 + 2 × 154) / 1870 = 81%
    const r = rec({ dbLocation: 'here' });
    expect(r.chosen.memory.usedShare).toBeCloseTo(1511 / 1870, 9);
    expect(byId(r, 'memory')?.severity).toBe('warning');
    expect(byId(r, 'memory')?.title).toBe('Memory near the limit (81% of 1870 MB)');
    // A plan cannot go past the 85% limit, so the danger needs a hand-made budget.
    const over = { ...r.choice, chosen: { ...r.chosen, memory: { ...r.chosen.memory, usedShare: 0.9 } } };
    expect(warnings(r.answers, r.perInstance, over, r.latency).find((w) => w.id === 'memory')?.severity).toBe(
      'danger',
    );
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
    expect(warnings(r.answers, r.perInstance, r.choice, slow).map((w) => w.id)).toContain('latency');
    const fine: LatencyEstimate = { ...r.latency, p95WaitMs: 200 };
    expect(warnings(r.answers, r.perInstance, r.choice, fine).map((w) => w.id)).not.toContain('latency');
  });
});
