import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { databaseLimit } from './connections';
import { ASG_CPU_TARGET, autoScaling, behindLoadBalancer, boxesTheDatabaseAllows } from './fleet';
import { recommend } from './recommend';
import { answersArb } from '../testing/arbitraries';
import { A, SCENARIOS, catalog } from '../testing/fixtures';

const rec = (over = {}) => recommend(A(over), catalog);

describe('behind a load balancer', () => {
  it('auto: only when the plan scales out; alb: always', () => {
    expect(behindLoadBalancer(A({ lb: 'auto' }), 1).value).toBe(false);
    expect(behindLoadBalancer(A({ lb: 'auto' }), 3).value).toBe(true);
    expect(behindLoadBalancer(A({ lb: 'alb' }), 1).value).toBe(true);
  });

  it('one box without a load balancer says what it gives up, and has no group', () => {
    const r = rec();
    expect(r.fleet.asg).toBeNull();
    expect(r.fleet.singleBoxNote).toMatch(/^One box has no redundancy: if t4g\.small fails/);
    expect(rec({ lb: 'alb' }).fleet.singleBoxNote).toBeNull();
  });
});

describe('the Auto Scaling group', () => {
  it('45 boxes at peak: min 46; max 2 × 45 + 1 = 91, which 4,997 connections hold: (4,997 − 10) / 34 = 146', () => {
    const r = rec(SCENARIOS.scaleOut);
    const asg = r.fleet.asg!;
    expect([asg.peak, asg.min.value, asg.max.value]).toEqual([45, 46, 91]);
    // 17 gthread workers × 2 threads (one worker per vCPU = 16; the latency model's p95 at peak needs 17)
    expect(r.connections.perBox.value).toBe(34);
    expect(r.database.usable).toBe(4997); // the 64 GiB class's 5,000 − 3
    expect(asg.max.reason).not.toContain('cut to');
    // A 16 GiB class (1,699 usable) cuts it: (1,699 − 10) / 34 = 49.7 → 49.
    const cut = autoScaling(r.choice, r.connections, databaseLimit(r.answers, r.connections, 16), false);
    expect(cut.max.value).toBe(49);
    expect(cut.max.reason).toContain('cut to 49');
    // 60%, and at 69.5% per box with 45 boxes the group runs ⌈45 × 69.46 / 60⌉ = 53 at peak.
    expect(asg.cpuTargetPct.value).toBe(60);
    expect(asg.atPeak).toBe(53);
  });

  it('a burstable box tracks its baseline, not 60%', () => {
    const asg = rec({ lb: 'alb' }).fleet.asg!; // t4g.small: 20% baseline
    expect([asg.min.value, asg.max.value, asg.cpuTargetPct.value]).toEqual([2, 3, 20]);
  });

  it('with PgBouncer the group keeps its 2n + 1; without, a database too small for min still gets min', () => {
    const r = rec(SCENARIOS.scaleOut);
    const tiny = databaseLimit(r.answers, r.connections, 1); // 79 connections
    expect(boxesTheDatabaseAllows(r.connections, tiny)).toBe(1);
    expect(autoScaling(r.choice, r.connections, tiny, false).max.value).toBe(46);
    // The reason states the value it holds (46), not the 2n + 1 it wanted, and what lets the group grow.
    expect(autoScaling(r.choice, r.connections, tiny, false).max.reason).toMatch(
      /, held at the minimum, 46: .* so the group cannot grow until PgBouncer sits in front/,
    );
    expect(autoScaling(r.choice, r.connections, tiny, false).heldBy).toBe('database');
    expect(autoScaling(r.choice, r.connections, tiny, true).max.value).toBe(91);
    expect(autoScaling(r.choice, r.connections, tiny, true).heldBy).toBeNull();
    // 1,023 boxes at peak: 2n + 1 passes the 1,024 this tool plans, so max = min = 1,024, held by that limit.
    const huge = autoScaling({ ...r.choice, scaleOut: 1023 }, r.connections, tiny, true);
    expect([huge.min.value, huge.max.value, huge.heldBy]).toEqual([1024, 1024, 'scale-limit']);
    // MySQL: PgBouncer does not speak its protocol, so the advice names MySQL's poolers.
    const my = rec({ ...SCENARIOS.scaleOut, dbEngine: 'mysql' });
    const myTiny = databaseLimit(my.answers, my.connections, 1);
    expect(autoScaling(my.choice, my.connections, myTiny, false).max.reason).toMatch(
      /until a MySQL pooler \(RDS Proxy, ProxySQL\) sits in front/,
    );
  });

  it('over the whole answer space: min = boxes + 1 ≤ max, and an unpooled max fits the database when min does', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const r = recommend(a, catalog);
        const asg = r.fleet.asg;
        expect(asg === null).toBe(!r.fleet.lb.behind.value);
        expect(r.fleet.lb.behind.value).toBe(a.lb === 'alb' || r.choice.scaleOut > 1);
        if (!asg) return;
        expect(asg.min.value).toBe(r.choice.scaleOut + 1);
        expect(asg.max.value).toBeGreaterThanOrEqual(asg.min.value);
        expect(asg.atPeak).toBeGreaterThanOrEqual(asg.min.value);
        expect(asg.atPeak).toBeLessThanOrEqual(asg.max.value);
        expect(asg.cpuTargetPct.value).toBeLessThanOrEqual(ASG_CPU_TARGET * 100);
        const others = r.connections.celery + r.connections.beat + r.connections.admin;
        if (!r.pgbouncer && asg.min.value * r.connections.perBox.value + others <= r.database.usable)
          expect(asg.max.value * r.connections.perBox.value + others).toBeLessThanOrEqual(r.database.usable);
      }),
      { numRuns: 150 },
    );
  });
});
