// Shared by the core's tests (and the generators' and real-server tests): the shipped catalog, parsed once,
// and shorthands for a catalog type and for the default answers with a few changed.
import catalogJson from '../../public/catalog.json';
import { DEFAULT_ANSWERS, type Answers } from '../core/answers';
import { parseCatalog, type Catalog, type Instance } from '../core/catalog';

export function shippedCatalog(): Catalog {
  const r = parseCatalog(catalogJson);
  if (!r.ok) throw new Error(r.error);
  return r.catalog;
}

export const catalog = shippedCatalog();

export function inst(type: string): Instance {
  const i = catalog.instances.find((x) => x.type === type);
  if (!i) throw new Error(`${type} is not in the shipped catalog`);
  return i;
}

export const A = (over: Partial<Answers> = {}): Answers => ({ ...DEFAULT_ANSWERS, ...over });

/**
 * Hand-computed scenarios several test files share.
 * cpuBound: 1000 users / (4 s think + 1 s response) = 200 requests/s, all dynamic, 1000 ms × 5% CPU = 50 ms each
 *   → 10 vCPU for Django, + Nginx 200 × 0.1 ms = 0.02 → 10.02 vCPU: over 70% of 8 vCPUs, under 70% of 16.
 * scaleOut: 10,000 users / (9 s + 1 s) = 1000 requests/s, 1 s each, 50% I/O → 500 ms CPU = 500 vCPU, + Nginx
 *   0.1 = 500.1; a 16-vCPU box sustains 11.2 → 45 boxes; the cheapest is c6g.4xlarge: 45 × $0.544 × 730 = $17,870.40.
 */
export const SCENARIOS = {
  cpuBound: {
    concurrentUsers: 1000,
    thinkTimeSec: 4,
    responseTimeMs: 1000,
    ioSharePct: 95,
    staticSharePct: 0,
  },
  scaleOut: {
    concurrentUsers: 10_000,
    thinkTimeSec: 9,
    responseTimeMs: 1000,
    ioSharePct: 50,
    staticSharePct: 0,
    redis: 'none',
  },
  // Behind the ALB Celery moves to a box of its own: 4 processes at 25% busy → one c6g.large (1 vCPU of work,
  // past c6g.medium's 0.7 sustained).
  celeryBox: { concurrentUsers: 300, lb: 'alb', celery: 'here', celeryBeat: 'yes', celeryConcurrency: 4 },
  // 64 processes at 100% busy fit no one type: 6 × c6g.4xlarge, 11 on each, beat on one of them.
  celeryBoxes: {
    concurrentUsers: 300,
    lb: 'alb',
    celery: 'here',
    celeryBeat: 'yes',
    celeryConcurrency: 64,
    celeryBusyPct: 100,
  },
} as const satisfies Record<string, Partial<Answers>>;
