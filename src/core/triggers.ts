import type { Answers } from './answers';
import { CPU_TARGET_TEXT } from './cpu';
import type { FleetConnections } from './connections';
import type { FleetPlan } from './fleet';
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
  fleet: FleetPlan,
  conns: FleetConnections,
): Trigger[] {
  const { cpu, memory, instance, plan } = e;
  const asg = fleet.asg;
  const up = sizeUp ?? (asg ? 'a larger type for every box' : 'a larger type or a second instance');
  // A fleet grows by boxes first (the group does it by itself), then by a larger type for all of them.
  const cpuAction = asg
    ? `The Auto Scaling group adds boxes above ${asg.cpuTargetPct.value}% average CPU, up to its max of ${asg.max.value}; when it sits at its max, raise the max (the database’s connections allowing) or move every box to ${up}.`
    : `Move to ${up}, or raise workers if memory allows.`;
  const memoryAction = asg
    ? `Lower max_requests (now ${plan.maxRequests.value}) to recycle leaking workers; adding boxes does not help a box short of memory: move the launch template to ${up}.`
    : `Lower max_requests (now ${plan.maxRequests.value}) to recycle leaking workers, then move to ${up}.`;
  return [
    {
      signal: 'CPU (CloudWatch CPUUtilization)',
      threshold: `consistently > ${CPU_TARGET_TEXT}${instance.baselinePct !== null ? `, or above the ${instance.baselinePct}% baseline while CPUCreditBalance falls` : ''}`,
      expected: `about ${fmt(cpu.utilisation * 100, 0)}% at peak`,
      action: cpuAction,
    },
    {
      signal: 'Memory (free -m “available”)',
      threshold: `below ${Math.round(memory.visibleMib * 0.1)} MB (10%)`,
      expected: `${memory.totalMib} of ${memory.visibleMib} MB used`,
      action: memoryAction,
    },
    {
      signal:
        a.dbLocation === 'here'
          ? 'Database queries (pg_stat_statements / slow log)'
          : 'Database queries (RDS Performance Insights)',
      threshold: 'mean query time rising, or connections near max_connections',
      expected:
        conns.boxes > 1
          ? `up to ${fmt(conns.total.value)} connections across the fleet (${conns.boxes} boxes × ${fmt(conns.perBox.value)} + Celery and admin)`
          : `up to ${fmt(conns.total.value)} connections (${fmt(conns.perBox.value)} web + Celery and admin)`,
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
      action: asg
        ? 'If CPU is low, add threads/workers; if high, the group should be adding boxes: check it is not at its max.'
        : 'If CPU is low, add threads/workers; if high, move up a size.',
    },
  ];
}
