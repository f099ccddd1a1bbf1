import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { demand } from './demand';
import { erlangC, quantileOfSum } from './erlang';
import type { GunicornPlan } from './gunicorn';
import {
  AUTO_P95_MULTIPLE,
  CONTENTION_K,
  DJANGO_OVERHEAD_CPU_MS,
  latency,
  meetsP95,
  p95Target,
  reachable,
  responseModel,
  type ServerShape,
} from './latency';
import { r } from './reasoned';

const shape = (over: Partial<ServerShape>): ServerShape => ({
  rps: 5,
  cpuMs: 100,
  ioMs: 0,
  vcpu: 1,
  otherVcpu: 0,
  workers: 1,
  perWorker: 1,
  sharedQueue: true,
  ...over,
});

describe('responseModel: CPU shared by the busy slots, then Erlang C over the slots', () => {
  it('one sync worker: nothing shares its core, so requests queue for the slot (M/M/1 × K)', () => {
    // ρ = 5/s × 0.1 s = 0.5; hold 100 ms; C = 0.5; wait K / (10 − 5)/s = 100 ms; p95 = 100 + 100 ln(0.5/0.05)
    const m = responseModel(shape({}));
    expect(m.cpuBusy).toBeCloseTo(0.5, 12);
    expect(m.cpuDelay.meanMs).toBe(0);
    expect(m.holdMs).toBeCloseTo(100, 12);
    expect(m.slotDelay.p).toBeCloseTo(0.5, 12);
    expect(m.slotDelay.meanMs).toBeCloseTo(CONTENTION_K * 200, 9);
    expect(m.p95Ms).toBeCloseTo(100 + 100 * Math.log(10), 2);
  });

  it('three sync workers at 70% CPU: two others share the core, the rest wait for a slot', () => {
    // N = ρ/(1 − ρ) = 2.33 others on a PS core, capped at slots − 1 = 2: share 0.857.
    // CPU delay: P = ρ = 0.7, mean K · 50 · 0.857 / 0.3 = 71.43 ms; hold 50 + 0.7 × 71.43 = 100 ms.
    // Slots: 14/s × 0.1 s = 1.4 Erlangs on 3, wait K / (30 − 14)/s = 31.25 ms.
    const m = responseModel(shape({ rps: 14, cpuMs: 50, workers: 3 }));
    expect(m.cpuDelay.p).toBeCloseTo(0.7, 12);
    expect(m.cpuDelay.meanMs).toBeCloseTo((0.5 * 50 * (2 / (0.7 / 0.3))) / 0.3, 9);
    expect(m.holdMs).toBeCloseTo(100, 9);
    expect(m.slotDelay.p).toBeCloseTo(erlangC(3, 1.4), 12);
    expect(m.slotDelay.meanMs).toBeCloseTo(31.25, 9);
    expect(m.p95Ms).toBeCloseTo(50 + quantileOfSum(m.cpuDelay, m.slotDelay, 0.95), 9);
    expect(m.p50Ms).toBeLessThan(m.p95Ms);
    expect(m.p95Ms).toBeLessThan(m.p99Ms);
  });

  it('gthread workers queue what they accepted on their own threads: λ / workers on each', () => {
    const m = responseModel(
      shape({ rps: 14, cpuMs: 20, ioMs: 180, workers: 3, perWorker: 2, sharedQueue: false }),
    );
    expect(m.slotDelay.p).toBeCloseTo(erlangC(2, ((14 / 3) * m.holdMs) / 1000), 12);
  });

  it('a worker runs on one core (GIL): one worker on 4 vCPUs cannot use more than one', () => {
    const m = responseModel(
      shape({ rps: 12, cpuMs: 100, vcpu: 4, workers: 1, perWorker: 8, sharedQueue: false }),
    );
    expect(m.stable).toBe(false); // needs 1.2 cores, the box has 4 but the worker only 1
    expect(responseModel(shape({ rps: 12, cpuMs: 100, vcpu: 4, workers: 2, perWorker: 8 })).stable).toBe(
      true,
    );
  });

  it('more cores cut the CPU delay (Erlang C over k cores)', () => {
    const one = responseModel(shape({ rps: 7, cpuMs: 100, workers: 3 }));
    const four = responseModel(shape({ rps: 28, cpuMs: 100, vcpu: 4, workers: 9 }));
    expect(four.cpuBusy).toBeCloseTo(one.cpuBusy, 12);
    expect(four.p95Ms).toBeLessThan(one.p95Ms);
  });

  it('past 100% CPU (with the rest of the box) it is overloaded', () => {
    expect(responseModel(shape({ rps: 8, otherVcpu: 0.3 })).stable).toBe(false);
    expect(responseModel(shape({ rps: 8, otherVcpu: 0.3 })).p95Ms).toBe(Infinity);
  });

  it('meetsP95 agrees with the p95 the model computes', () => {
    fc.assert(
      fc.property(
        fc.record({
          rps: fc.double({ min: 0.1, max: 200, noNaN: true }),
          cpuMs: fc.double({ min: 1, max: 500, noNaN: true }),
          ioMs: fc.double({ min: 0, max: 2000, noNaN: true }),
          vcpu: fc.integer({ min: 1, max: 16 }),
          workers: fc.integer({ min: 1, max: 40 }),
          perWorker: fc.integer({ min: 1, max: 8 }),
          sharedQueue: fc.boolean(),
        }),
        (s) => {
          const full = { ...s, otherVcpu: 0 };
          const m = responseModel(full);
          if (!m.stable) {
            expect(meetsP95(full, 1e9)).toBe(false);
          } else if (m.p95Ms < 60_000) {
            // Past a minute the tail is so flat that half a millisecond is below double precision.
            expect(meetsP95(full, m.p95Ms + 0.5)).toBe(true);
            if (m.p95Ms - 0.5 > full.ioMs + full.cpuMs) expect(meetsP95(full, m.p95Ms - 0.5)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// 22 users / (1 s + 0.1 s) = 20 dynamic requests/s of 100 ms with 90% I/O: 10 ms of CPU each.
const EXAMPLE: Answers = {
  ...DEFAULT_ANSWERS,
  concurrentUsers: 22,
  thinkTimeSec: 1,
  responseTimeMs: 100,
  ioSharePct: 90,
  staticSharePct: 0,
};
const d = demand(EXAMPLE);
const plan = (workers: number, threads: number) =>
  ({
    workers: r(workers, ''),
    threads: r(threads, ''),
    perWorker: threads,
    slots: workers * threads,
    workerClass: r(threads > 1 ? 'gthread' : 'sync', ''),
  }) as GunicornPlan;

describe('latency at peak', () => {
  it('adds Django’s overhead to the CPU the user gives, and says what it assumes', () => {
    const l = latency(EXAMPLE, d, plan(3, 4), 0.2, 2);
    expect(l.stable).toBe(true);
    expect(l.p95ResponseMs).toBeGreaterThanOrEqual(100 + DJANGO_OVERHEAD_CPU_MS);
    expect(l.p95WaitMs).toBeCloseTo(l.p95ResponseMs - 100 - DJANGO_OVERHEAD_CPU_MS, 9);
    expect(l.summary).toContain('slots busy');
  });

  it('too few slots: overloaded, unbounded queue', () => {
    const l = latency(EXAMPLE, d, plan(1, 1), 0.2, 2);
    expect(l.stable).toBe(false);
    expect(l.p95ResponseMs).toBe(Infinity);
    expect(l.summary).toBe(
      'Overloaded: 20 requests/s need more than 1 slots; the queue grows without bound.',
    );
  });

  it('past 100% CPU the box is overloaded whatever the slot count says', () => {
    const over = latency(EXAMPLE, d, plan(40, 1), 1.2, 1);
    expect(over.stable).toBe(false);
    expect(over.p95WaitMs).toBe(Infinity);
    expect(over.summary).toBe('Overloaded: peak CPU needs 122% of the vCPUs; the queue grows without bound.');
  });

  it('a plan with no workers is treated as one, not as a division by zero', () => {
    const l = latency(
      { ...EXAMPLE, concurrentUsers: 1 },
      demand({ ...EXAMPLE, concurrentUsers: 1 }),
      plan(0, 1),
    );
    expect(l.stable).toBe(true);
    expect(Number.isFinite(l.p95ResponseMs)).toBe(true);
  });
});

describe('the p95 target', () => {
  it('is the user’s, or 3 × the typical response', () => {
    expect(p95Target({ ...DEFAULT_ANSWERS, p95TargetMs: 450 }).value).toBe(450);
    expect(p95Target(DEFAULT_ANSWERS).value).toBe(AUTO_P95_MULTIPLE * DEFAULT_ANSWERS.responseTimeMs);
    expect(p95Target(DEFAULT_ANSWERS).reason).toContain('3 × your typical 200 ms response');
  });

  it('is unreachable below the response time itself', () => {
    expect(reachable(DEFAULT_ANSWERS, 200)).toBe(false);
    expect(reachable(DEFAULT_ANSWERS, 250)).toBe(true);
  });
});
