import type { Answers } from './answers';
import type { Demand } from './demand';
import { queue } from './erlang';
import type { Evaluation } from './instance';
import { memoryBudget } from './memory';

export interface TradeoffPoint {
  workers: number;
  threads: number;
  /** Requests served at once: workers × per-worker concurrency. */
  capacity: number;
  memoryMib: number;
  /** p95 queueing delay at peak, ms (Infinity when overloaded). */
  p95WaitMs: number;
  fits: boolean;
  recommended: boolean;
}

export interface TradeoffSeries {
  /** One line per thread count (1 for sync/ASGI-only views). */
  threadOptions: number[];
  points: TradeoffPoint[];
  limitMib: number;
  visibleMib: number;
}

const THREAD_OPTIONS = [1, 2, 4, 8];

/**
 * Memory against concurrent-request capacity on the chosen instance, for each sensible (workers, threads):
 * workers 1 … a little past what memory allows (so the limit line is crossed), threads 1/2/4/8 (the
 * recommended count too) for WSGI; ASGI varies workers only.
 */
export function tradeoff(a: Answers, d: Demand, chosen: Evaluation): TradeoffSeries {
  const { plan, instance } = chosen;
  const threadOptions =
    a.appInterface === 'asgi'
      ? [1]
      : [...new Set([...THREAD_OPTIONS, plan.threads.value])].sort((x, y) => x - y);
  const points: TradeoffPoint[] = [];
  const service = a.responseTimeMs / 1000;
  let limitMib = 0;
  let visibleMib = 0;
  for (const t of threadOptions) {
    const perWorker = a.appInterface === 'asgi' ? plan.perWorker : t;
    const top = Math.max(plan.workers.value, Math.min(64, Math.ceil(plan.memoryCap * 1.25) + 1), 4);
    for (let w = 1; w <= top; w++) {
      const mem = memoryBudget(a, instance, w, t);
      limitMib = mem.limitMib;
      visibleMib = mem.visibleMib;
      const capacity = w * perWorker;
      points.push({
        workers: w,
        threads: t,
        capacity,
        memoryMib: mem.totalMib,
        p95WaitMs: queue(d.dynamicRps.value, service, capacity).p95WaitMs,
        fits: mem.totalMib <= mem.limitMib,
        recommended: w === plan.workers.value && t === plan.threads.value,
      });
    }
  }
  return { threadOptions, points, limitMib, visibleMib };
}
