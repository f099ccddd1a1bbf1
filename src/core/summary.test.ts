import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import { summarize } from './summary';
import { A, SCENARIOS, catalog } from '../testing/fixtures';

describe('summarize', () => {
  it('one box: its type, plan, price and p95', () => {
    const rec = recommend(A(), catalog);
    const s = summarize(rec);
    expect(s).toMatchObject({
      instanceType: rec.chosen.instance.type,
      instances: 1,
      workers: rec.chosen.plan.workers.value,
      threads: rec.chosen.plan.threads.value,
      workerClass: rec.chosen.plan.workerClass.value,
      usdPerHour: rec.chosen.instance.usdPerHour,
    });
    expect(s.usdPerMonth.value).toBe(rec.chosen.usdPerMonth);
    expect(s.usdPerMonth.reason).toMatch(/^One t4g\.small at \$0\.0168\/hour/);
    expect(s.p95ResponseMs.value).toBe(rec.latency.p95ResponseMs);
    expect(s.billUsdPerMonth).toBe(rec.bill.onDemandUsdPerMonth);
    expect(s.billUsdPerMonth.value).toBeGreaterThanOrEqual(s.usdPerMonth.value);
    expect(s.spareInstances).toBe(0); // one box, no load balancer: no group, no spare
  });

  it('a fleet: the price is the whole fleet’s (45 × c6g.4xlarge = $17,870.40/month)', () => {
    const rec = recommend(A(SCENARIOS.scaleOut), catalog);
    const s = summarize(rec);
    expect(s.instances).toBe(45);
    expect(s.instanceType).toBe('c6g.4xlarge');
    expect(s.usdPerMonth.value).toBeCloseTo(17_870.4, 6);
    expect(s.usdPerHour).toBeCloseTo(45 * 0.544, 9);
    expect(s.usdPerMonth.reason).toMatch(/^45 boxes × c6g\.4xlarge at \$0\.5440\/hour/);
    // The group's minimum is 46: the spare is the bill's own line, 1 × $0.544 × 730 = $397.12.
    expect(s.spareInstances).toBe(1);
    expect(s.usdPerMonth.reason).toContain(
      'The Auto Scaling group keeps 1 spare beside them: $397.12/month more',
    );
  });
});
