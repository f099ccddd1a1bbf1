import type { Answers } from './answers';
import { isBurstable } from './catalog';
import { CPU_TARGET, CPU_TARGET_TEXT } from './cpu';
import type { Demand } from './demand';
import { PG_SUPERUSER_RESERVED, type DatabaseLimit, type FleetConnections } from './connections';
import type { Choice } from './instance';
import { MIN_WORKERS } from './gunicorn';
import type { LatencyEstimate } from './latency';
import { HEADROOM_TEXT } from './memory';
import { fmt, usd } from './reasoned';
import type { RdsPlan } from './rds';
import type { PgBouncerPlan } from './pgbouncer';
import { behindLoadBalancer } from './fleet';

export type Severity = 'info' | 'warning' | 'danger';
export interface Warning {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
}

export function warnings(
  a: Answers,
  d: Demand,
  choice: Choice,
  lat: LatencyEstimate,
  conns: FleetConnections,
  db: DatabaseLimit,
  rds: RdsPlan | null,
  pgbouncer: PgBouncerPlan | null,
): Warning[] {
  const out: Warning[] = [];
  const c = choice.chosen;
  const { plan, memory, cpu, instance } = c;
  if (!choice.fits)
    out.push({
      id: 'scale-out',
      severity: 'danger',
      title: 'No single instance carries this load',
      detail: choice.reason,
    });
  if (cpu.utilisation > CPU_TARGET)
    out.push({
      id: 'cpu',
      severity: 'danger',
      title: `CPU over ${CPU_TARGET_TEXT} at peak (${fmt(cpu.utilisation * 100, 0)}%)`,
      detail: `The guide upgrades when CPU is consistently above ${CPU_TARGET_TEXT}: latency climbs steeply past it. Scale out or cut CPU per request.`,
    });
  if (isBurstable(instance))
    out.push({
      id: 'burstable',
      severity: 'warning',
      title: 'Burstable instance: CPU credits',
      detail:
        `${instance.type} sustains ${instance.baselinePct}% of each vCPU (${fmt(cpu.sustainableVcpu)} vCPU); your peak uses ${fmt(cpu.totalVcpu)} vCPU. ` +
        `Above the baseline it spends credits, then bills about ${usd(cpu.surplusUsdPerVcpuHour)} per vCPU-hour in unlimited mode (the default). Watch CPUCreditBalance and CPUSurplusCreditsCharged in CloudWatch.`,
    });
  // One limit: memory.limitMib, the one the chooser fits the whole budget under (page cache included). The
  // warning fires when the budget passes it (only when no type fits), or when it holds Gunicorn below the
  // rule's worker count (baseWorkers: the guide's 2 × cores + 1 for sync, one per vCPU for gthread; the peak is
  // still served: a type that cannot serve it is never chosen). The
  // percentage is what the processes use; reclaimable page cache is named apart, never counted as used.
  const overLimit = memory.totalMib > memory.limitMib;
  const capped = plan.memoryCap < plan.baseWorkers;
  if (overLimit || capped) {
    const used = `${fmt(memory.usedShare * 100, 0)}% of ${fmt(memory.visibleMib)} MB used`;
    const cache = memory.reclaimableMib
      ? ` plus ${fmt(memory.reclaimableMib)} MB of page cache the OS hands back under pressure`
      : '';
    out.push({
      id: 'memory',
      severity: overLimit ? 'danger' : 'info',
      title: overLimit ? `Memory over the plan’s limit (${used})` : `Memory sets the worker count (${used})`,
      detail:
        `Processes use ${fmt(memory.usedMib)} MB${cache}; the plan keeps the whole budget under ${fmt(memory.limitMib)} MB (${HEADROOM_TEXT} of ${fmt(memory.visibleMib)} MB free)` +
        (overLimit
          ? `, and this budget is ${fmt(memory.totalMib)} MB: cut the memory per worker or the services on the box.`
          : `, which allows ${plan.memoryCap} workers where ${plan.workerClass.value === 'gthread' ? `one gthread worker per vCPU (at least ${MIN_WORKERS}) is ${plan.baseWorkers}` : `the guide’s 2 × cores + 1 is ${plan.ruleOfThumb}`}. The peak needs ${plan.loadNeed}, so it is served; max_requests (${plan.maxRequests.value}) recycles leaking workers, and a type with more memory adds workers for growth.`),
    });
  }
  if (a.dbLocation === 'here')
    out.push({
      id: 'db-local',
      severity: 'warning',
      title: 'Database on the same box',
      detail: `${a.dbEngine === 'postgresql' ? 'PostgreSQL' : 'MySQL'} competes with Gunicorn for memory and CPU, and the box becomes a single point of failure for your data: back it up off the box, or use a managed service (RDS) as the guide advises.`,
    });
  // The bill pays for the largest class when none holds the data or the queries' CPU: the database, not the web
  // boxes, is then what fails first at peak.
  if (rds?.short.length)
    out.push({
      id: 'db-capacity',
      severity: 'danger',
      title: `The largest RDS class falls short of ${rds.short.join(' and ')}`,
      detail: rds.reason,
    });
  const use = conns.total.value / Math.max(1, db.usable);
  const fleet = conns.boxes > 1;
  out.push({
    id: 'db-connections',
    severity: db.exceeded ? 'danger' : use > 0.8 && !db.setByPlan ? 'warning' : 'info',
    title: `Database connections: ${fmt(conns.total.value)} ${fleet ? 'across the fleet' : 'at most'} (${db.exceeded ? 'over' : 'of'} ${fmt(db.usable)})`,
    detail:
      `${conns.total.reason} Limit: ${db.maxConnections.reason}` +
      (a.dbEngine === 'postgresql' ? ` ${PG_SUPERUSER_RESERVED} of them are kept for superusers.` : '') +
      (db.exceeded
        ? a.dbEngine === 'postgresql'
          ? ' Put PgBouncer in front (transaction pooling: the generated pgbouncer.ini) or use a larger database.'
          : ' Raise max_connections, use RDS Proxy, or a larger database.'
        : use > 0.8 && !db.setByPlan
          ? ' Less than 20% to spare: a deploy that briefly doubles the workers would run out.'
          : ''),
  });
  // The latency model gives every request its connection at once; a pool smaller than the requests in flight
  // queues the excess inside PgBouncer, which the p95 does not count.
  if (pgbouncer?.tight)
    out.push({
      id: 'pgbouncer-pool',
      severity: 'warning',
      title: `PgBouncer’s pool (${fmt(pgbouncer.defaultPoolSize.value)}) is smaller than the ${fmt(pgbouncer.inFlightPerBox)} requests in flight on a box at peak`,
      detail: `${pgbouncer.defaultPoolSize.reason} The p95 estimate assumes each request gets its connection at once, so with this pool it may be higher than shown.`,
    });
  const behind = behindLoadBalancer(a, choice.scaleOut).value;
  // Behind a load balancer the boxes are copies the Auto Scaling group replaces at will: an upload written to
  // one box's disk is missing on the others and lost with the box.
  if (behind && a.staticFiles === 'proxy')
    out.push({
      id: 'media-per-box',
      severity: 'danger',
      title: 'Uploaded media on each box’s own disk',
      detail:
        'Behind a load balancer a file uploaded through one box is missing on the others, and the Auto Scaling group may replace the box that holds it, disk and all. ' +
        'Store media on S3 (django-storages as Django’s default storage) or a shared file system (EFS); static files can stay on each box, since every deploy runs collectstatic there.',
    });
  if (a.celery === 'here')
    out.push({
      id: 'celery-local',
      severity: 'info',
      title: 'Celery shares the box',
      detail: `Its ${a.celeryConcurrency} processes are budgeted at ${a.celeryBusyPct}% busy. A heavy batch job can starve web requests: run Celery on its own instance if tasks are long or CPU-bound.`,
    });
  if (!lat.stable || lat.p95WaitMs > a.responseTimeMs)
    out.push({
      id: 'latency',
      severity: 'danger',
      title: 'Requests will queue at peak',
      detail: lat.summary,
    });
  if (a.appInterface === 'asgi')
    out.push({
      id: 'asgi',
      severity: 'info',
      title: 'ASGI needs uvicorn in your virtualenv',
      detail:
        'pip install "uvicorn[standard]"; sync views still run in a thread per worker, so the gain comes from async views.',
    });
  if (d.dynamicRps.value > 0 && plan.workers.value > 12)
    out.push({
      id: 'many-workers',
      severity: 'info',
      title: `${plan.workers.value} workers`,
      detail:
        'Gunicorn’s docs note 4–12 workers serve hundreds to thousands of requests per second; past that, ' +
        (behind
          ? 'more boxes of a smaller type behind the load balancer are often the better step.'
          : 'a second instance behind a load balancer is often the better step.'),
    });
  return out;
}
