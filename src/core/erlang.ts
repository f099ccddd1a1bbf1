/**
 * M/M/c queueing (Erlang C). Offered load a = λ/μ in Erlangs, c servers.
 * Computed through the Erlang B recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), which is O(c) and never
 * forms a^c or c! (those overflow for c > 170), then C = c·B / (c − a·(1 − B)).
 */

// Above this load the recurrence does not start at k = 1 (see erlangBStart).
const LONG_RECURRENCE = 10_000;

/**
 * Where to start the Erlang B recurrence for load a: [k₀, B(k₀)]. Exactly [0, 1] for a ≤ 10,000. For larger
 * a (a daily-traffic peak can reach 10⁸ Erlangs, and O(a) per call then takes seconds) it starts at
 * k₀ = a − 12√a from B ≈ 1 − k₀/a, the fixed point of 1/B(k) = 1 + (k/a)/B(k−1). That map shrinks an error
 * in 1/B by k/a per step, so by k = a the start's error has shrunk by about e^(−(12√a)²/2a) = e^(−72):
 * below double precision.
 */
function erlangBStart(a: number): [number, number] {
  if (a <= LONG_RECURRENCE) return [0, 1];
  const k0 = Math.floor(a - 12 * Math.sqrt(a));
  return [k0, (a - k0) / a];
}

export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  let [k, b] = erlangBStart(a);
  while (k < c) {
    k++;
    b = (a * b) / (k + a * b);
  }
  return (c * b) / (c - a * (1 - b));
}

export interface QueueEstimate {
  /** a / c: share of the time the average slot is busy. */
  utilisation: number;
  /** Chance an arriving request waits for a free slot. */
  pWait: number;
  meanWaitMs: number;
  p95WaitMs: number;
  stable: boolean;
}

/** λ requests/s, each holding a slot for serviceSec, c slots. Waits from E[Wq] = C/(cμ−λ), P(Wq>t) = C·e^{−(cμ−λ)t}. */
export function queue(lambda: number, serviceSec: number, c: number): QueueEstimate {
  const a = lambda * serviceSec;
  if (lambda <= 0) return { utilisation: 0, pWait: 0, meanWaitMs: 0, p95WaitMs: 0, stable: true };
  if (a >= c)
    return { utilisation: a / c, pWait: 1, meanWaitMs: Infinity, p95WaitMs: Infinity, stable: false };
  const pWait = erlangC(c, a);
  const drain = c / serviceSec - lambda;
  const meanWaitMs = (pWait / drain) * 1000;
  const p95WaitMs = pWait <= 0.05 ? 0 : (Math.log(pWait / 0.05) / drain) * 1000;
  return { utilisation: a / c, pWait, meanWaitMs, p95WaitMs, stable: true };
}

/**
 * Fewest slots that keep the p95 queueing delay within `targetSec`. Starts at ⌊a⌋ + 1 (fewer cannot be
 * stable) and walks up. Calling queue() per step would redo the O(c) Erlang B recurrence each time
 * (O(c × steps): seconds for a ≈ 10⁵); instead B(k) is carried from one step to the next, the same sequence
 * of operations erlangC() performs, so each step costs O(1) and the result is identical to queue()'s.
 */
export function slotsFor(lambda: number, serviceSec: number, targetSec: number): number {
  const a = lambda * serviceSec;
  let c = Math.max(1, Math.floor(a) + 1);
  if (lambda <= 0) return c; // queue(): no arrivals, no wait.
  let [k, b] = erlangBStart(a); // as in erlangC()
  while (k < c) {
    k++;
    b = (a * b) / (k + a * b);
  }
  for (;;) {
    // queue()'s p95 for c slots (a < c here, so the queue is stable).
    const pWait = (c * b) / (c - a * (1 - b));
    const drain = c / serviceSec - lambda;
    const p95WaitMs = pWait <= 0.05 ? 0 : (Math.log(pWait / 0.05) / drain) * 1000;
    if (!(p95WaitMs / 1000 > targetSec)) return c;
    c++;
    b = (a * b) / (c + a * b);
  }
}

/**
 * A delay that is 0 with probability 1 − p and otherwise exponential with mean `meanMs`: P(D > t) = p·e^(−t/mean).
 * It is the exact waiting time of M/M/c (p = Erlang C, mean = 1 / (cμ − λ)), and the form the latency model
 * (latency.ts) gives the CPU delay too.
 */
export interface AtomExp {
  p: number;
  meanMs: number;
}

export const NO_DELAY: AtomExp = { p: 0, meanMs: 0 };

/** The M/M/c waiting time as an AtomExp: c slots, λ requests/s, each holding a slot `serviceMs`. */
export function slotWait(lambda: number, serviceMs: number, c: number): AtomExp | null {
  const a = (lambda * serviceMs) / 1000;
  if (lambda <= 0) return NO_DELAY;
  if (a >= c) return null;
  return { p: erlangC(c, a), meanMs: 1000 / (c / (serviceMs / 1000) - lambda) };
}

/** P(X + Y > t) for independent AtomExp delays: the atoms, each alone, and the hypoexponential sum of both. */
export function tailOfSum(x: AtomExp, y: AtomExp, t: number): number {
  const ex = x.meanMs > 0 ? Math.exp(-t / x.meanMs) : 0;
  const ey = y.meanMs > 0 ? Math.exp(-t / y.meanMs) : 0;
  let both: number;
  const dm = x.meanMs - y.meanMs;
  if (Math.abs(dm) < 1e-6 * (x.meanMs + y.meanMs)) both = x.meanMs > 0 ? (1 + t / x.meanMs) * ex : 0;
  else both = (x.meanMs * ex - y.meanMs * ey) / dm;
  return x.p * (1 - y.p) * ex + y.p * (1 - x.p) * ey + x.p * y.p * both;
}

/** The q-quantile (e.g. 0.95) of X + Y, ms: bisection on the tail, which falls monotonically in t. */
export function quantileOfSum(x: AtomExp, y: AtomExp, q: number): number {
  const beyond = 1 - q;
  if (tailOfSum(x, y, 0) <= beyond) return 0;
  let lo = 0;
  let hi = Math.max(1, x.meanMs + y.meanMs);
  while (tailOfSum(x, y, hi) > beyond) hi *= 2;
  // 40 halvings: well below 0.01 ms for any delay under an hour.
  for (let i = 0; i < 40 && hi - lo > 1e-3; i++) {
    const mid = (lo + hi) / 2;
    if (tailOfSum(x, y, mid) > beyond) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
