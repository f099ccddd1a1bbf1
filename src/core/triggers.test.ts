import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import { upgradeTarget, upgradeTriggers } from './triggers';
import { A, catalog, inst } from '../testing/fixtures';

describe('upgrade triggers: the guide’s Step 7 made concrete', () => {
  it('defaults on t4g.small', () => {
    const r = recommend(A(), catalog);
    expect(r.triggers).toEqual([
      {
        signal: 'CPU (CloudWatch CPUUtilization)',
        threshold: 'consistently > 70%, or above the 20% baseline while CPUCreditBalance falls',
        expected: 'about 12% at peak', // 0.2358 of 2 vCPU
        // Not t4g.medium (the repro): same 2 vCPU at 20%. c6g.medium sustains 70% × 1 vCPU.
        action: 'Move to c6g.medium (0.7 vCPU sustained, against 0.4), or raise workers if memory allows.',
        moveTo: 'c6g.medium',
      },
      {
        signal: 'Memory (free -m “available”)',
        threshold: 'below 187 MB (10%)', // 10% of 1870
        expected: '513 of 1,870 MB used by processes', // 269 + 2 × (120 + 2 × 1 MB per thread, lab-measured)
        action:
          'Lower max_requests (now 1000) to recycle leaking workers, then move to t4g.medium (4 GiB, against 2).',
        moveTo: 't4g.medium',
      },
      {
        signal: 'Database queries (RDS Performance Insights)',
        threshold: 'mean query time rising, or connections near max_connections',
        expected: 'up to 16 connections (6 web + Celery and admin)', // 2 × 3 + 10 admin
        action: 'Add indexes, then scale the RDS instance.',
      },
      {
        signal: 'Response latency (access log $request_time)',
        threshold: 'p95 > 400 ms', // max(2 × 200, 1.5 × 201.2)
        expected: 'p95 about 201 ms at peak (200 ms + queueing)', // + Django's 1.2 ms of CPU (latency.ts)
        action: 'If CPU is low, add threads/workers; if high, move to c6g.medium.',
        moveTo: 'c6g.medium',
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

  it('without a larger type to name, suggests a second instance', () => {
    const r = recommend(A(), catalog);
    const t = upgradeTriggers(
      r.answers,
      r.chosen,
      r.latency,
      { cpu: undefined, memory: undefined },
      r.fleet,
      r.connections,
      r.bill.rds,
    );
    expect(t[0]?.action).toBe(
      'Move to a second instance behind a load balancer (no larger type in the catalog adds it), or raise workers if memory allows.',
    );
    expect(t[0]?.moveTo).toBeUndefined();
  });

  it('names the cheapest type of the same architecture that adds what is short, keeping the rest', () => {
    // c6g.xlarge (4 vCPU × 70% = 2.8, 8 GiB): more CPU → c6g.2xlarge (5.6 vCPU, $0.272/h). Not t4g.2xlarge
    // ($0.2688/h): 8 × 40% = 3.2 vCPU is 14% more, on credits, for a steady box. More memory with ≥ 2.8 vCPU →
    // m6g.xlarge (16 GiB).
    expect(upgradeTarget(catalog.instances, inst('c6g.xlarge'), 'cpu')?.type).toBe('c6g.2xlarge');
    expect(upgradeTarget(catalog.instances, inst('c6g.xlarge'), 'memory')?.type).toBe('m6g.xlarge');
    // An x86 box stays x86: t3.small (2 × 20% = 0.4 vCPU, 2 GiB) → t3a.large (2 × 30% = 0.6, 8 GiB, $0.0752).
    expect(upgradeTarget(catalog.instances, inst('t3.small'), 'cpu')?.type).toBe('t3a.large');
    // Nothing is larger than the largest.
    expect(upgradeTarget(catalog.instances, inst('r6g.4xlarge'), 'memory')).toBeUndefined();
  });

  it('the latency threshold follows a queue when there is one', () => {
    const r = recommend(A(), catalog);
    const t = upgradeTriggers(
      r.answers,
      r.chosen,
      { ...r.latency, p95ResponseMs: 500 },
      { cpu: undefined, memory: undefined },
      r.fleet,
      r.connections,
      r.bill.rds,
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
    // 17 gthread workers × 2 threads per c6g.4xlarge (one per vCPU = 16; the model's p95 at peak needs 17) = 34.
    // The group runs 45 + 1 spare boxes: 46 × 34 + 10 admin = 1,574; at peak it grows to ⌈45 × 69.46 / 60⌉ = 53
    // boxes (fleet.test): 1,574 + 7 × 34 = 1,812.
    expect(db?.expected).toBe(
      '1,574 connections across the fleet (46 boxes (45 for the peak + 1 spare) × 34 + Celery and admin), 1,812 when the group grows to 53 boxes at peak',
    );
    expect(latency?.action).toContain('check it is not at its max');
    for (const t of r.triggers) expect(`${t.action} ${t.expected}`).not.toMatch(/second (box|instance)/);
  });
});
