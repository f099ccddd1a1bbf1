/**
 * M/M/c queueing (Erlang C). Offered load a = λ/μ in Erlangs, c servers.
 * Computed through the Erlang B recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), which is O(c) and never
 * forms a^c or c! (those overflow for c > 170), then C = c·B / (c − a·(1 − B)).
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
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
 * Fewest slots that keep the p95 queueing delay within `targetSec`. Starts at ⌈a⌉ (fewer cannot be
 * stable) and walks up; the p95 wait falls steeply with each slot, so this ends within a few steps.
 */
export function slotsFor(lambda: number, serviceSec: number, targetSec: number): number {
  const a = lambda * serviceSec;
  let c = Math.max(1, Math.floor(a) + 1);
  while (queue(lambda, serviceSec, c).p95WaitMs / 1000 > targetSec) c++;
  return c;
}
