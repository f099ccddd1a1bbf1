import type { Answers } from './answers';
import type { Instance } from './catalog';
import { CPU_TARGET, CPU_TARGET_TEXT } from './cpu';
import type { FleetConnections } from './connections';
import type { FleetPlan } from './fleet';
import type { Evaluation } from './instance';
import type { LatencyEstimate } from './latency';
import { fmt } from './reasoned';
import type { RdsPlan } from './rds';

export interface Trigger {
  signal: string;
  threshold: string;
  expected: string;
  action: string;
  /** The instance type the action moves to, when it names one. */
  moveTo?: string;
}

/** vCPUs a type sustains: its burstable baseline, else the guide's 70% of its vCPUs (as the chooser counts). */
export const sustainedVcpu = (i: Instance) =>
  i.baselinePct === null ? CPU_TARGET * i.vcpu : (i.baselinePct / 100) * i.vcpu;

// A move worth making adds at least a quarter of what is short: the cheapest type adding anything at all moved
// c6g.xlarge (2.8 vCPU sustained) to t4g.2xlarge (3.2, on credits) to save $0.003/hour over c6g.2xlarge (5.6).
export const MIN_UPGRADE_GAIN = 1.25;

/**
 * The type an upgrade trigger names: the cheapest of the chosen type's architecture that adds what is short —
 * at least MIN_UPGRADE_GAIN × the sustained CPU (vCPUs or a higher baseline) for CPU, × the memory for memory —
 * without giving up the other, and never a burstable type in place of a steady one (its baseline is not a
 * steady box's CPU). "One size up" in the same family can add neither (t4g.small → t4g.medium: 2 vCPU at 20%).
 */
export function upgradeTarget(
  instances: readonly Instance[],
  from: Instance,
  short: 'cpu' | 'memory',
): Instance | undefined {
  const cpu = sustainedVcpu(from);
  const steady = from.baselinePct === null;
  return instances
    .filter(
      (i) =>
        i.arch === from.arch &&
        !(steady && i.baselinePct !== null) &&
        (short === 'cpu'
          ? sustainedVcpu(i) >= MIN_UPGRADE_GAIN * cpu && i.memoryGib >= from.memoryGib
          : i.memoryGib >= MIN_UPGRADE_GAIN * from.memoryGib && sustainedVcpu(i) >= cpu),
    )
    .sort((x, y) => x.usdPerHour - y.usdPerHour || (x.type < y.type ? -1 : 1))[0];
}

export interface UpgradeTargets {
  cpu: Instance | undefined;
  memory: Instance | undefined;
}

/** The guide's Step 7 ("upgrade only when required") made concrete for this box and plan. */
export function upgradeTriggers(
  a: Answers,
  e: Evaluation,
  lat: LatencyEstimate,
  targets: UpgradeTargets,
  fleet: FleetPlan,
  conns: FleetConnections,
  rds: RdsPlan | null,
): Trigger[] {
  const { cpu, memory, instance, plan } = e;
  const asg = fleet.asg;
  // Boxes sharing the database at peak: the group's estimate, when its boxes share one (conns.spare > 0).
  const grown = asg && conns.spare ? asg.atPeak : 0;
  const none = 'a second instance behind a load balancer (no larger type in the catalog adds it)';
  const cpuUp = targets.cpu
    ? `${targets.cpu.type} (${fmt(sustainedVcpu(targets.cpu))} vCPU sustained, against ${fmt(sustainedVcpu(instance))})`
    : none;
  const memUp = targets.memory
    ? `${targets.memory.type} (${fmt(targets.memory.memoryGib)} GiB, against ${fmt(instance.memoryGib)})`
    : none;
  // A fleet grows by boxes first (the group does it by itself), then by a larger type for all of them.
  const cpuAction = asg
    ? asg.heldBy
      ? `The Auto Scaling group cannot add boxes (its max is its minimum, ${asg.min.value}: ${asg.heldBy === 'database' ? 'the database’s connections' : 'the most boxes this tool plans'}); ${asg.heldBy === 'database' ? 'put a pooler in front of the database or ' : ''}move every box to ${targets.cpu ? cpuUp : 'a larger type (none in the catalog adds CPU)'}.`
      : `The Auto Scaling group adds boxes above ${asg.cpuTargetPct.value}% average CPU, up to its max of ${asg.max.value}; when it sits at its max, raise the max (the database’s connections allowing) or move every box to ${targets.cpu ? cpuUp : 'a larger type (none in the catalog adds CPU)'}.`
    : `Move to ${cpuUp}, or raise workers if memory allows.`;
  const memoryAction = asg
    ? `Lower max_requests (now ${plan.maxRequests.value}) to recycle leaking workers; adding boxes does not help a box short of memory: move the launch template to ${targets.memory ? memUp : 'a larger type (none in the catalog adds memory)'}.`
    : `Lower max_requests (now ${plan.maxRequests.value}) to recycle leaking workers, then move to ${memUp}.`;
  return [
    {
      signal: 'CPU (CloudWatch CPUUtilization)',
      threshold: `consistently > ${CPU_TARGET_TEXT}${instance.baselinePct !== null ? `, or above the ${instance.baselinePct}% baseline while CPUCreditBalance falls` : ''}`,
      expected: `about ${fmt(cpu.utilisation * 100, 0)}% at peak`,
      action: cpuAction,
      moveTo: targets.cpu?.type,
    },
    {
      signal: 'Memory (free -m “available”)',
      threshold: `below ${fmt(memory.visibleMib * 0.1, 0)} MB (10%)`,
      expected:
        `${fmt(memory.usedMib)} of ${fmt(memory.visibleMib)} MB used by processes` +
        (memory.reclaimableMib
          ? `, plus ${fmt(memory.reclaimableMib)} MB of page cache that “available” counts as free`
          : ''),
      action: memoryAction,
      moveTo: targets.memory?.type,
    },
    {
      signal:
        a.dbLocation === 'here'
          ? 'Database queries (pg_stat_statements / slow log)'
          : 'Database queries (RDS Performance Insights)',
      threshold: 'mean query time rising, or connections near max_connections',
      expected:
        conns.boxes > 1
          ? `${fmt(conns.total.value)} connections across the fleet (${conns.boxes} boxes${conns.spare ? ` (${conns.boxes - conns.spare} for the peak + ${conns.spare} spare)` : ''} × ${fmt(conns.perBox.value)} + Celery and admin)` +
            // Target tracking may run more boxes than the minimum at peak (the group's CPU-target reason says
            // how many); each opens its own.
            (grown > conns.boxes
              ? `, ${fmt(conns.total.value + (grown - conns.boxes) * conns.perBox.value)} when the group grows to ${grown} boxes at peak`
              : '')
          : `up to ${fmt(conns.total.value)} connections (${fmt(conns.perBox.value)} web + Celery and admin)`,
      action:
        a.dbLocation === 'here'
          ? 'Move the database to RDS before resizing the app box.'
          : rds?.short.length
            ? `${rds.rdsClass.class} is already the largest class and falls short of ${rds.short.join(' and ')}: spread reads over read replicas, cache more in Redis, or cut the queries per request.`
            : 'Add indexes, then scale the RDS instance.',
    },
    {
      signal: 'Response latency (access log $request_time)',
      threshold: `p95 > ${Math.round(lat.stable ? Math.max(2 * a.responseTimeMs, lat.p95ResponseMs * 1.5) : 2 * a.responseTimeMs)} ms`,
      expected: lat.stable
        ? `p95 about ${Math.round(lat.p95ResponseMs)} ms at peak (${a.responseTimeMs} ms + queueing)`
        : 'overloaded at peak: the queue grows',
      action: asg
        ? asg.heldBy
          ? `If CPU is low, add threads/workers; if high, the group cannot add boxes (its max is its minimum): move every box to ${targets.cpu?.type ?? 'a larger type'}.`
          : 'If CPU is low, add threads/workers; if high, the group should be adding boxes: check it is not at its max.'
        : `If CPU is low, add threads/workers; if high, move to ${targets.cpu?.type ?? 'a second instance'}.`,
      moveTo: asg ? undefined : targets.cpu?.type,
    },
  ];
}
