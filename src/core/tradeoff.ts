import type { Answers } from './answers';
import type { Demand } from './demand';
import type { Evaluation } from './instance';
import { DJANGO_OVERHEAD_CPU_MS, responseModel, shapeOf } from './latency';
import { memoryBudget } from './memory';

export interface TradeoffPoint {
  workers: number;
  threads: number;
  /** Requests served at once: workers × per-worker concurrency. */
  capacity: number;
  memoryMib: number;
  /** p95 delay beyond the typical response at peak (CPU contention + slot queue, latency.ts), ms; Infinity when overloaded. */
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
  // The same model as the latency estimate (latency.ts), on this box with the rest of its CPU load.
  const djangoVcpu = (d.dynamicRps.value * d.cpuMsPerRequest.value) / 1000;
  const shape = shapeOf(a, d, plan, instance.vcpu, Math.max(0, chosen.cpu.totalVcpu - djangoVcpu));
  const base = a.responseTimeMs + DJANGO_OVERHEAD_CPU_MS;
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
        p95WaitMs: Math.max(
          0,
          responseModel({
            ...shape,
            workers: w,
            perWorker,
            sharedQueue: a.appInterface === 'wsgi' && t === 1,
          }).p95Ms - base,
        ),
        fits: mem.totalMib <= mem.limitMib,
        recommended: w === plan.workers.value && t === plan.threads.value,
      });
    }
  }
  return { threadOptions, points, limitMib, visibleMib };
}
