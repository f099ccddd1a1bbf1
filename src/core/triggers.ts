import type { Answers } from './answers';
import { CPU_TARGET_TEXT } from './cpu';
import type { Evaluation } from './instance';
import type { LatencyEstimate } from './latency';
import { fmt } from './reasoned';

export interface Trigger {
  signal: string;
  threshold: string;
  expected: string;
  action: string;
}

/** The guide's Step 7 ("upgrade only when required") made concrete for this box and plan. */
export function upgradeTriggers(
  a: Answers,
  e: Evaluation,
  lat: LatencyEstimate,
  sizeUp: string | undefined,
): Trigger[] {
  const { cpu, memory, instance, plan } = e;
  const up = sizeUp ?? 'a larger type or a second instance';
  return [
    {
      signal: 'CPU (CloudWatch CPUUtilization)',
      threshold: `consistently > ${CPU_TARGET_TEXT}${instance.baselinePct !== null ? `, or above the ${instance.baselinePct}% baseline while CPUCreditBalance falls` : ''}`,
      expected: `about ${fmt(cpu.utilisation * 100, 0)}% at peak`,
      action: `Move to ${up}, or raise workers if memory allows.`,
    },
    {
      signal: 'Memory (free -m “available”)',
      threshold: `below ${Math.round(memory.visibleMib * 0.1)} MB (10%)`,
      expected: `${memory.totalMib} of ${memory.visibleMib} MB used`,
      action: `Lower max_requests (now ${plan.maxRequests.value}) to recycle leaking workers, then move to ${up}.`,
    },
    {
      signal:
        a.dbLocation === 'here'
          ? 'Database queries (pg_stat_statements / slow log)'
          : 'Database queries (RDS Performance Insights)',
      threshold: 'mean query time rising, or connections near max_connections',
      expected: `up to ${plan.workers.value * plan.threads.value} web connections`,
      action:
        a.dbLocation === 'here'
          ? 'Move the database to RDS before resizing the app box.'
          : 'Add indexes, then scale the RDS instance.',
    },
    {
      signal: 'Response latency (access log $request_time)',
      threshold: `p95 > ${Math.round(lat.stable ? Math.max(2 * a.responseTimeMs, lat.p95ResponseMs * 1.5) : 2 * a.responseTimeMs)} ms`,
      expected: lat.stable
        ? `p95 about ${Math.round(lat.p95ResponseMs)} ms at peak (${a.responseTimeMs} ms + queueing)`
        : 'overloaded at peak: the queue grows',
      action: 'If CPU is low, add threads/workers; if high, move up a size.',
    },
  ];
}
