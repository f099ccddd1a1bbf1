import type { Answers } from './answers';
import type { Demand } from './demand';
import { fmt } from './reasoned';

/** CPU figures are in vCPUs busy on average at peak (what CloudWatch's CPUUtilization × vCPU shows). */
export interface CpuItem {
  label: string;
  vcpu: number;
  reason: string;
}

// Assumption: a proxy spends ~0.1 ms of CPU per request (nginx serves >10k small requests/s per core);
// Caddy, in Go with TLS and encoding on by default, about twice that.
const PROXY_MS = { nginx: 0.1, caddy: 0.2 } as const;
// Assumption: a database on the same box burns about a quarter of Django's CPU time answering its queries
// (the I/O share the user gave mostly waits on the database, but much of that wait is disk and locks).
export const LOCAL_DB_SHARE = 0.25;
// Target: the guide's Step 7 trigger is "CPU consistently > 70%". Prose prints it with CPU_TARGET_TEXT.
export const CPU_TARGET = 0.7;
export const CPU_TARGET_TEXT = `${Math.round(CPU_TARGET * 100)}%`;

export function cpuItems(a: Answers, d: Demand): CpuItem[] {
  const app = (d.dynamicRps.value * d.cpuMsPerRequest.value) / 1000;
  const items: CpuItem[] = [
    {
      label: 'Django (Gunicorn)',
      vcpu: app,
      reason: `${fmt(d.dynamicRps.value)} requests/s × ${fmt(d.cpuMsPerRequest.value)} ms CPU = ${fmt(app)} vCPU.`,
    },
  ];
  const proxy = (d.proxyRps * PROXY_MS[a.proxy]) / 1000;
  items.push({
    label: a.proxy === 'nginx' ? 'Nginx' : 'Caddy',
    vcpu: proxy,
    reason: `${fmt(d.proxyRps)} requests/s × ~${PROXY_MS[a.proxy]} ms (assumption).`,
  });
  if (a.celery === 'here') {
    const v = a.celeryConcurrency * (a.celeryBusyPct / 100);
    items.push({
      label: 'Celery',
      vcpu: v,
      reason: `${a.celeryConcurrency} worker processes busy ${a.celeryBusyPct}% of the time.`,
    });
  }
  if (a.dbLocation === 'here') {
    const v = app * LOCAL_DB_SHARE;
    items.push({
      label: a.dbEngine === 'postgresql' ? 'PostgreSQL' : 'MySQL',
      vcpu: v,
      reason: `About a quarter of Django’s CPU time, answering its queries (assumption).`,
    });
  }
  return items;
}

export const totalCpu = (items: CpuItem[]) => items.reduce((s, i) => s + i.vcpu, 0);
