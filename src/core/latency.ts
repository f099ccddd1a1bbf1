import type { Answers } from './answers';
import type { Demand } from './demand';
import { queue } from './erlang';
import type { GunicornPlan } from './gunicorn';
import { fmt } from './reasoned';

export interface LatencyEstimate {
  /** Share of Gunicorn's request slots busy at peak. */
  slotUtilisation: number;
  pWait: number;
  meanWaitMs: number;
  p95WaitMs: number;
  /** Typical response + p95 queueing delay. */
  p95ResponseMs: number;
  stable: boolean;
  summary: string;
}

/**
 * M/M/c at peak: c = Gunicorn's slots (workers × threads), service time = the typical response time.
 * Assumes CPU is not saturated (the instance choice keeps it under CPU_TARGET), so threads do not slow each other much.
 */
export function latency(a: Answers, d: Demand, plan: GunicornPlan, cpuUtilisation = 0): LatencyEstimate {
  // Past 100% CPU the box cannot keep up whatever the slot count: every request waits longer than the last,
  // which the slot model (it assumes service times do not stretch) would not show.
  if (cpuUtilisation >= 1) {
    return {
      slotUtilisation: 1,
      pWait: 1,
      meanWaitMs: Infinity,
      p95WaitMs: Infinity,
      p95ResponseMs: Infinity,
      stable: false,
      summary: `Overloaded: peak CPU needs ${fmt(cpuUtilisation * 100, 0)}% of the vCPUs; the queue grows without bound.`,
    };
  }
  const q = queue(d.dynamicRps.value, a.responseTimeMs / 1000, Math.max(1, plan.slots));
  const p95ResponseMs = a.responseTimeMs + q.p95WaitMs;
  const summary = !q.stable
    ? `Overloaded: ${fmt(d.dynamicRps.value)} requests/s need more than ${plan.slots} slots; the queue grows without bound.`
    : `${fmt(q.utilisation * 100, 0)}% of ${plan.slots} slots busy at peak; ${fmt(q.pWait * 100, 1)}% of requests wait, ` +
      `mean wait ${fmt(q.meanWaitMs, 1)} ms, p95 wait ${fmt(q.p95WaitMs, 0)} ms.`;
  return {
    slotUtilisation: q.utilisation,
    pWait: q.pWait,
    meanWaitMs: q.meanWaitMs,
    p95WaitMs: q.p95WaitMs,
    p95ResponseMs,
    stable: q.stable,
    summary,
  };
}
