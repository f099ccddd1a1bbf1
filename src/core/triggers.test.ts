import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import { upgradeTriggers } from './triggers';
import { A, catalog } from '../testing/fixtures';

describe('upgrade triggers: the guide’s Step 7 made concrete', () => {
  it('defaults on t4g.small', () => {
    const r = recommend(A(), catalog);
    expect(r.triggers).toEqual([
      {
        signal: 'CPU (CloudWatch CPUUtilization)',
        threshold: 'consistently > 70%, or above the 20% baseline while CPUCreditBalance falls',
        expected: 'about 12% at peak', // 0.2358 of 2 vCPU
        action: 'Move to t4g.medium, or raise workers if memory allows.',
      },
      {
        signal: 'Memory (free -m “available”)',
        threshold: 'below 187 MB (10%)', // 10% of 1870
        expected: '879 of 1870 MB used', // 269 + 5 × (120 + 2 × 1 MB per thread, lab-measured)
        action: 'Lower max_requests (now 1000) to recycle leaking workers, then move to t4g.medium.',
      },
      {
        signal: 'Database queries (RDS Performance Insights)',
        threshold: 'mean query time rising, or connections near max_connections',
        expected: 'up to 25 connections (15 web + Celery and admin)', // 5 × 3 + 10 admin
        action: 'Add indexes, then scale the RDS instance.',
      },
      {
        signal: 'Response latency (access log $request_time)',
        threshold: 'p95 > 400 ms', // max(2 × 200, 1.5 × 201.2)
        expected: 'p95 about 201 ms at peak (200 ms + queueing)', // + Django's 1.2 ms of CPU (latency.ts)
        action: 'If CPU is low, add threads/workers; if high, move up a size.',
      },
    ]);
  });

  it('a fixed-performance box has no baseline clause; a local database points at its own logs', () => {
    const r = recommend(A({ trafficMode: 'daily', dailyUsers: 5000, dbLocation: 'here' }), catalog);
    expect(r.chosen.instance.baselinePct).toBeNull();
    expect(r.triggers[0]?.threshold).toBe('consistently > 70%');
    expect(r.triggers[2]?.signal).toBe('Database queries (pg_stat_statements / slow log)');
    expect(r.triggers[2]?.action).toBe('Move the database to RDS before resizing the app box.');
  });

  it('without a size up to name, suggests a larger type or a second instance', () => {
    const r = recommend(A(), catalog);
    const t = upgradeTriggers(r.answers, r.chosen, r.latency, undefined, r.fleet, r.connections);
    expect(t[0]?.action).toBe(
      'Move to a larger type or a second instance, or raise workers if memory allows.',
    );
  });

  it('the latency threshold follows a queue when there is one', () => {
    const r = recommend(A(), catalog);
    const t = upgradeTriggers(
      r.answers,
      r.chosen,
      { ...r.latency, p95ResponseMs: 500 },
      'x',
      r.fleet,
      r.connections,
    );
    expect(t[3]?.threshold).toBe('p95 > 750 ms'); // max(400, 1.5 × 500)
  });

  it('a fleet speaks of the fleet: the group adds boxes, memory needs a larger type, connections across the fleet', () => {
    const r = recommend(
      A({
        concurrentUsers: 10_000,
        thinkTimeSec: 9,
        responseTimeMs: 1000,
        ioSharePct: 50,
        staticSharePct: 0,
      }),
      catalog,
    );
    expect(r.choice.scaleOut).toBe(45);
    const [cpu, memory, db, latency] = r.triggers;
    expect(cpu?.action).toMatch(
      /^The Auto Scaling group adds boxes above 60% average CPU, up to its max of \d+/,
    );
    expect(memory?.action).toContain('adding boxes does not help a box short of memory');
    expect(db?.expected).toMatch(/^up to [\d,]+ connections across the fleet \(45 boxes × 66/);
    expect(latency?.action).toContain('check it is not at its max');
    for (const t of r.triggers) expect(`${t.action} ${t.expected}`).not.toMatch(/second (box|instance)/);
  });
});
