import type { Answers } from './answers';
import { isBurstable } from './catalog';
import { CPU_TARGET, CPU_TARGET_TEXT } from './cpu';
import type { Demand } from './demand';
import type { Choice } from './instance';
import type { LatencyEstimate } from './latency';
import { fmt } from './reasoned';

export type Severity = 'info' | 'warning' | 'danger';
export interface Warning {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
}

// Default connection limits: PostgreSQL max_connections 100 (3 reserved for superusers); MySQL 151.
const DB_LIMIT = { postgresql: 97, mysql: 151 } as const;
// RDS sets max_connections ≈ RAM / 9.5 MB (sizing-facts).
const RDS_MB_PER_CONNECTION = 9.5;

export function dbConnections(a: Answers, workers: number, threads: number) {
  // With persistent connections (CONN_MAX_AGE > 0) each worker thread holds one; Celery children hold one each.
  const web = workers * threads;
  const celery = a.celery === 'none' ? 0 : a.celeryConcurrency;
  return { web, celery, total: web + celery };
}

export function warnings(a: Answers, d: Demand, choice: Choice, lat: LatencyEstimate): Warning[] {
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
        `Above the baseline it spends credits, then bills about $${fmt(cpu.surplusUsdPerVcpuHour)} per vCPU-hour in unlimited mode (the default). Watch CPUCreditBalance and CPUSurplusCreditsCharged in CloudWatch.`,
    });
  if (memory.usedShare > 0.75)
    out.push({
      id: 'memory',
      severity: memory.usedShare > 0.85 ? 'danger' : 'warning',
      title: `Memory near the limit (${fmt(memory.usedShare * 100, 0)}% of ${memory.visibleMib} MB)`,
      detail: `A leak or a traffic spike can push the box into the OOM killer. max_requests (${plan.maxRequests.value}) recycles workers; consider one size up.`,
    });
  if (a.dbLocation === 'here')
    out.push({
      id: 'db-local',
      severity: 'warning',
      title: 'Database on the same box',
      detail: `${a.dbEngine === 'postgresql' ? 'PostgreSQL' : 'MySQL'} competes with Gunicorn for memory and CPU, and the box becomes a single point of failure for your data: back it up off the box, or use a managed service (RDS) as the guide advises.`,
    });
  const conns = dbConnections(a, plan.workers.value, plan.threads.value);
  if (a.dbLocation === 'here') {
    const limit = DB_LIMIT[a.dbEngine];
    if (conns.total > limit * 0.8)
      out.push({
        id: 'db-connections',
        severity: conns.total > limit ? 'danger' : 'warning',
        title: `Database connections: ${conns.total} of ${limit}`,
        detail: `${plan.workers.value} workers × ${plan.threads.value} threads${conns.celery ? ` + ${conns.celery} Celery` : ''} = ${conns.total} persistent connections, against the default max_connections. Raise it or put PgBouncer in front.`,
      });
  } else {
    const minRamMb = Math.ceil((conns.total * 1.25 * RDS_MB_PER_CONNECTION) / 256) * 256;
    out.push({
      id: 'db-connections',
      severity: 'info',
      title: `Database connections: ${conns.total} at most`,
      detail: `${plan.workers.value} workers × ${plan.threads.value} threads${conns.celery ? ` + ${conns.celery} Celery` : ''}. RDS allows about RAM / 9.5 MB connections: keep 25% spare with an instance of at least ${minRamMb} MB (or use RDS Proxy / PgBouncer).`,
    });
  }
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
        'Gunicorn’s docs note 4–12 workers serve hundreds to thousands of requests per second; past that, a second instance behind a load balancer is often the better step.',
    });
  return out;
}
