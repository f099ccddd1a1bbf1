import { fmt, r, type Reasoned } from './reasoned';
import type { Recommendation } from './recommend';

/** The answer in one line: what the live summary and the top of the result show (issue 11). */
export interface Summary {
  instanceType: string;
  /** Boxes of that type: 1, or the fleet size when one box cannot carry the peak. */
  instances: number;
  workers: number;
  threads: number;
  workerClass: string;
  /** The web fleet's EC2 price (the bill's instances line): every box, not one. */
  usdPerMonth: Reasoned<number>;
  usdPerHour: number;
  /** The whole on-demand bill: EC2, storage, and any managed database, cache and load balancer. */
  billUsdPerMonth: Reasoned<number>;
  /** Typical response plus the p95 queueing delay at peak (M/M/c, latency.ts); Infinity when overloaded. */
  p95ResponseMs: Reasoned<number>;
}

export function summarize(rec: Recommendation): Summary {
  const { instance, plan, usdPerMonth } = rec.chosen;
  const n = rec.choice.scaleOut;
  const each = `${instance.type} at $${fmt(instance.usdPerHour, 4)}/hour, $${fmt(usdPerMonth)}/month`;
  return {
    instanceType: instance.type,
    instances: n,
    workers: plan.workers.value,
    threads: plan.threads.value,
    workerClass: plan.workerClass.value,
    usdPerMonth: r(rec.bill.instances.usdPerMonth, n > 1 ? `${n} boxes × ${each} each.` : `One ${each}.`),
    usdPerHour: rec.bill.instances.usdPerHour,
    billUsdPerMonth: rec.bill.onDemandUsdPerMonth,
    p95ResponseMs: r(
      rec.latency.p95ResponseMs,
      `Your typical response (${fmt(rec.answers.responseTimeMs, 0)} ms) plus the p95 queueing delay at peak: ${rec.latency.summary}`,
    ),
  };
}
