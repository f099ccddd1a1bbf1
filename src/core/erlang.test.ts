import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC, NO_DELAY, quantileOfSum, queue, slotsFor, slotWait, tailOfSum } from './erlang';

/**
 * Erlang C straight from its definition, in log space so that large c neither overflows nor loses the terms:
 * C = [aᶜ/c! · c/(c−a)] / [Σ_{k<c} aᵏ/k! + aᶜ/c! · c/(c−a)].
 */
function erlangCByDefinition(c: number, a: number): number {
  const logTerms: number[] = [];
  let logTerm = 0; // log(a^0 / 0!)
  for (let k = 0; k < c; k++) {
    logTerms.push(logTerm);
    logTerm += Math.log(a) - Math.log(k + 1);
  }
  const logTop = logTerm + Math.log(c / (c - a)); // log(a^c / c! · c/(c−a))
  const max = Math.max(logTop, ...logTerms);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - max), 0);
  const top = Math.exp(logTop - max);
  return top / (sum + top);
}

/** The Erlang B recurrence from k = 1, every step, as the model did before it learnt to start late. */
function erlangCFullRecurrence(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

describe('erlangC', () => {
  it('matches hand-worked small cases', () => {
    // c = 1: M/M/1 waits with probability ρ.
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    // c = 2, a = 1: Σ_{k<2} = 1 + 1 = 2; a²/2! · 2/(2−1) = 1 → C = 1/3
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // a = 2: c = 3 → 4/9; c = 4 → 4/23; c = 5 → 4/67 (sums 5, 19/3, 7 against tops 4, 4/3, 4/9)
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangC(4, 2)).toBeCloseTo(4 / 23, 12);
    expect(erlangC(5, 2)).toBeCloseTo(4 / 67, 12);
  });

  it('is 0 without load and 1 at or above saturation', () => {
    expect(erlangC(3, 0)).toBe(0);
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 7)).toBe(1);
  });

  it('does not overflow for large c (a^c and c! would)', () => {
    for (const [c, a] of [
      [171, 150],
      [200, 150],
      [1000, 900],
      [5000, 4950],
    ] as const) {
      const v = erlangC(c, a);
      expect(Number.isFinite(v), `c=${c}`).toBe(true);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
      expect(v).toBeCloseTo(erlangCByDefinition(c, a), 9);
    }
  });

  it('agrees with the definition on random loads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        (c, rho) => {
          const a = c * rho;
          expect(Math.abs(erlangC(c, a) - erlangCByDefinition(c, a))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('above 10,000 Erlangs, starting the recurrence late changes nothing that a double can hold', () => {
    for (const a of [10_001, 25_000.5, 123_456.7, 1e6]) {
      for (const extra of [1, Math.ceil(Math.sqrt(a)), Math.ceil(3 * Math.sqrt(a))]) {
        const c = Math.floor(a) + extra;
        const exact = erlangCFullRecurrence(c, a);
        expect(Math.abs(erlangC(c, a) - exact) / exact, `a=${a} c=${c}`).toBeLessThan(1e-9);
      }
    }
  });

  it('answers for 10⁸ Erlangs in well under a second', () => {
    const start = performance.now();
    const v = erlangC(1e8 + 20_000, 1e8);
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(1);
    // A loose bound: the old O(c) recurrence took seconds here.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('queue: the sizing-facts example, λ = 20/s, service 100 ms (a = 2)', () => {
  // P(Wq > t) = C·e^{−(cμ−λ)t} = 0.05 → t = ln(C/0.05) / (cμ − λ)
  it('c = 3: p95 wait ≈ 219 ms', () => {
    const q = queue(20, 0.1, 3);
    // C = 4/9, cμ − λ = 30 − 20 = 10/s → ln(8.889)/10 = 0.21848 s
    expect(q.p95WaitMs).toBeCloseTo(218.48, 1);
    expect(Math.round(q.p95WaitMs)).toBe(218); // ../shared/reference/sizing-facts.md rounds 218.5 up to "219"
    expect(q.pWait).toBeCloseTo(4 / 9, 12);
    expect(q.meanWaitMs).toBeCloseTo(44.444, 2); // (4/9) / 10 s
    expect(q.utilisation).toBeCloseTo(2 / 3, 12);
    expect(q.stable).toBe(true);
  });

  it('c = 4: p95 wait ≈ 62 ms', () => {
    // C = 4/23, cμ − λ = 20/s → ln(3.4783)/20 = 0.062327 s
    expect(queue(20, 0.1, 4).p95WaitMs).toBeCloseTo(62.33, 1);
  });

  it('c = 5: p95 wait ≈ 6 ms', () => {
    // C = 4/67, cμ − λ = 30/s → ln(1.19403)/30 = 0.005911 s
    expect(queue(20, 0.1, 5).p95WaitMs).toBeCloseTo(5.91, 1);
  });

  it('c = 6: fewer than 5% wait, so the p95 wait is zero', () => {
    expect(queue(20, 0.1, 6).pWait).toBeLessThan(0.05);
    expect(queue(20, 0.1, 6).p95WaitMs).toBe(0);
  });

  it('c ≤ a is unstable: the queue grows without bound', () => {
    for (const c of [1, 2]) {
      const q = queue(20, 0.1, c);
      expect(q.stable).toBe(false);
      expect(q.p95WaitMs).toBe(Infinity);
      expect(q.meanWaitMs).toBe(Infinity);
      expect(q.pWait).toBe(1);
    }
  });

  it('no traffic, no wait', () => {
    expect(queue(0, 0.1, 1)).toEqual({ utilisation: 0, pWait: 0, meanWaitMs: 0, p95WaitMs: 0, stable: true });
  });
});

/** The search as first written: call queue() for each c from ⌊a⌋ + 1 up. */
function slotsByWalkingQueue(lambda: number, serviceSec: number, targetSec: number): number {
  let c = Math.max(1, Math.floor(lambda * serviceSec) + 1);
  while (queue(lambda, serviceSec, c).p95WaitMs / 1000 > targetSec) c++;
  return c;
}

describe('slotsFor', () => {
  it('finds the fewest slots for the example at several targets', () => {
    // p95 at c = 3, 4, 5, 6: 218, 62, 5.9, 0 ms
    expect(slotsFor(20, 0.1, 1)).toBe(3);
    expect(slotsFor(20, 0.1, 0.1)).toBe(4);
    expect(slotsFor(20, 0.1, 0.02)).toBe(5);
    expect(slotsFor(20, 0.1, 0.005)).toBe(6);
    expect(slotsFor(20, 0.1, 0)).toBe(6);
  });

  it('needs one slot for no traffic', () => {
    expect(slotsFor(0, 0.2, 0.04)).toBe(1);
  });

  it('gives exactly what walking queue() gives', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0.005, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lambda, service, share) => {
          expect(slotsFor(lambda, service, service * share)).toBe(
            slotsByWalkingQueue(lambda, service, service * share),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is the fewest: one slot fewer misses the target', () => {
    for (const [lambda, service] of [
      [2.94, 0.2],
      [500, 0.05],
      [5000, 1],
      [40_000, 0.5],
    ] as const) {
      const target = 0.2 * service;
      const c = slotsFor(lambda, service, target);
      expect(queue(lambda, service, c).p95WaitMs / 1000).toBeLessThanOrEqual(target);
      if (c > Math.floor(lambda * service) + 1)
        expect(queue(lambda, service, c - 1).p95WaitMs / 1000).toBeGreaterThan(target);
    }
  });

  it('answers at once for a huge peak (a ≈ 8·10⁸ Erlangs)', () => {
    const start = performance.now();
    const c = slotsFor(1.3e7, 60, 12);
    expect(c).toBeGreaterThan(1.3e7 * 60);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('delays of the form "0, or exponential" and the quantiles of their sum', () => {
  it('one delay alone: P(D > t) = p·e^(−t/mean), so p95 = mean · ln(p / 0.05)', () => {
    const x = { p: 0.7, meanMs: 100 };
    expect(tailOfSum(x, NO_DELAY, 0)).toBeCloseTo(0.7, 12);
    expect(quantileOfSum(x, NO_DELAY, 0.95)).toBeCloseTo(100 * Math.log(0.7 / 0.05), 2);
    expect(quantileOfSum(NO_DELAY, x, 0.95)).toBeCloseTo(100 * Math.log(0.7 / 0.05), 2);
  });

  it('a delay that rarely happens has a p95 of 0', () => {
    expect(quantileOfSum({ p: 0.03, meanMs: 500 }, { p: 0.01, meanMs: 50 }, 0.95)).toBe(0);
  });

  it('two certain exponential delays: the hypoexponential tail, and Erlang-2 when the means are equal', () => {
    const t = 150;
    // rates a = 1/100, b = 1/50: P(S > t) = (b e^(−at) − a e^(−bt)) / (b − a)
    const [a, b] = [1 / 100, 1 / 50];
    expect(tailOfSum({ p: 1, meanMs: 100 }, { p: 1, meanMs: 50 }, t)).toBeCloseTo(
      (b * Math.exp(-a * t) - a * Math.exp(-b * t)) / (b - a),
      12,
    );
    expect(tailOfSum({ p: 1, meanMs: 80 }, { p: 1, meanMs: 80 }, t)).toBeCloseTo(
      (1 + t / 80) * Math.exp(-t / 80),
      12,
    );
  });

  it('the quantile inverts the tail', () => {
    const x = { p: 0.4, meanMs: 120 };
    const y = { p: 0.25, meanMs: 30 };
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const t = quantileOfSum(x, y, q);
      if (t > 0) expect(tailOfSum(x, y, t)).toBeCloseTo(1 - q, 5);
    }
  });

  it('slotWait is M/M/c: Erlang C and 1 / (cμ − λ); null when the slots cannot keep up', () => {
    // 20/s × 100 ms = 2 Erlangs on 4 slots: C = 4/23, drain 40 − 20 = 20/s → 50 ms
    const w = slotWait(20, 100, 4)!;
    expect(w.p).toBeCloseTo(4 / 23, 9);
    expect(w.meanMs).toBeCloseTo(50, 9);
    expect(slotWait(20, 100, 2)).toBeNull();
    expect(slotWait(0, 100, 1)).toEqual(NO_DELAY);
  });
});
