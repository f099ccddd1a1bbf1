import { fmt, usd, r, type Reasoned } from './reasoned';
import type { Recommendation } from './recommend';

/** The answer in one line: what the live summary and the top of the result show (issue 11). */
export interface Summary {
  instanceType: string;
  /** Boxes of that type the peak needs: 1, or the fleet size when one box cannot carry the peak. */
  instances: number;
  /** The Auto Scaling group's spare boxes beside them (the bill's spare line); 0 without a load balancer. */
  spareInstances: number;
  workers: number;
  threads: number;
  workerClass: string;
  /** The EC2 price of the boxes the peak needs (the bill's instances line): every box, not one; the reason
   * names the group's spare, priced on its own line. */
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
  const each = `${instance.type} at ${usd(instance.usdPerHour, 4)}/hour, ${usd(usdPerMonth)}/month`;
  const spare = rec.bill.spare;
  const spareText = spare
    ? ` The Auto Scaling group keeps ${spare.boxes} spare beside ${n > 1 ? 'them' : 'it'}: ${usd(spare.usdPerMonth)}/month more, its own line on the bill.`
    : '';
  return {
    instanceType: instance.type,
    instances: n,
    spareInstances: spare?.boxes ?? 0,
    workers: plan.workers.value,
    threads: plan.threads.value,
    workerClass: plan.workerClass.value,
    usdPerMonth: r(
      rec.bill.instances.usdPerMonth,
      (n > 1 ? `${n} boxes × ${each} each.` : `One ${each}.`) + spareText,
    ),
    usdPerHour: rec.bill.instances.usdPerHour,
    billUsdPerMonth: rec.bill.onDemandUsdPerMonth,
    p95ResponseMs: r(
      rec.latency.p95ResponseMs,
      `Your typical response (${fmt(rec.answers.responseTimeMs, 0)} ms) plus the p95 queueing delay at peak: ${rec.latency.summary}`,
    ),
  };
}
