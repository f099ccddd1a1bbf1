import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { demand } from './demand';
import type { GunicornPlan } from './gunicorn';
import { latency } from './latency';

// 22 users / (1 s + 0.1 s) = 20 dynamic requests/s of 100 ms: the sizing-facts example (a = 2 Erlangs).
const EXAMPLE: Answers = {
  ...DEFAULT_ANSWERS,
  concurrentUsers: 22,
  thinkTimeSec: 1,
  responseTimeMs: 100,
  staticSharePct: 0,
};
const d = demand(EXAMPLE);
// latency() reads only the plan's slots.
const slots = (n: number) => ({ slots: n }) as GunicornPlan;

describe('latency at peak (M/M/c over Gunicorn’s slots)', () => {
  it('4 slots: p95 response = 100 ms + 62 ms of queueing', () => {
    const l = latency(EXAMPLE, d, slots(4));
    expect(l.p95WaitMs).toBeCloseTo(62.33, 1); // ln((4/23)/0.05) / (40 − 20) s
    expect(l.p95ResponseMs).toBeCloseTo(162.33, 1);
    expect(l.slotUtilisation).toBeCloseTo(0.5, 9); // a / c = 2 / 4
    expect(l.pWait).toBeCloseTo(4 / 23, 9);
    expect(l.meanWaitMs).toBeCloseTo(8.696, 2); // (4/23) / 20 s
    expect(l.stable).toBe(true);
    expect(l.summary).toBe(
      '50% of 4 slots busy at peak; 17.4% of requests wait, mean wait 8.7 ms, p95 wait 62 ms.',
    );
  });

  it('5 slots: p95 wait ≈ 6 ms', () => {
    expect(latency(EXAMPLE, d, slots(5)).p95ResponseMs).toBeCloseTo(105.91, 1);
  });

  it('2 slots cannot keep up: overloaded, unbounded queue', () => {
    const l = latency(EXAMPLE, d, slots(2));
    expect(l.stable).toBe(false);
    expect(l.p95ResponseMs).toBe(Infinity);
    expect(l.summary).toBe(
      'Overloaded: 20 requests/s need more than 2 slots; the queue grows without bound.',
    );
  });

  it('a plan with no slots is treated as one, not as a division by zero', () => {
    const l = latency(
      { ...EXAMPLE, concurrentUsers: 1 },
      demand({ ...EXAMPLE, concurrentUsers: 1 }),
      slots(0),
    );
    // 1 / 1.1 = 0.909/s × 0.1 s = 0.0909 Erlangs on 1 slot: C = ρ = 0.0909; p95 = ln(0.0909/0.05) / (10 − 0.909)
    expect(l.stable).toBe(true);
    expect(l.p95WaitMs).toBeCloseTo((Math.log(0.090909 / 0.05) / (10 - 0.909091)) * 1000, 1);
  });

  it('past 100% CPU the box is overloaded whatever the slot count says', () => {
    const ok = latency(EXAMPLE, d, slots(40), 0.99);
    expect(ok.stable).toBe(true);
    const over = latency(EXAMPLE, d, slots(40), 1.2);
    expect(over.stable).toBe(false);
    expect(over.p95WaitMs).toBe(Infinity);
    expect(over.summary).toBe('Overloaded: peak CPU needs 120% of the vCPUs; the queue grows without bound.');
  });
});
