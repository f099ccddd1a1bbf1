import type { Answers } from './answers';
import { visibleMemoryMib, type Instance } from './catalog';
import { fmt } from './reasoned';

/** All memory figures are MiB. Sources: ../shared/reference/sizing-facts.md (Memory). Assumptions are labelled as such. */
export const MEM = {
  // Assumption: systemd, journald, sshd, the SSM and CloudWatch agents on a minimal Debian/Ubuntu AMI.
  os: 150,
  // Gunicorn master: reported 20–35 MB; the lab measured 28.8–28.9 MiB RSS for Gunicorn 20.1 without preload
  // (lab/results/memory.json; 47.4 MiB with preload_app, which loads the app into the master).
  gunicornMaster: 30,
  // A gthread thread adds its stack pages and its requests' objects, not a copy of the app. Lab: 0.7 MiB RSS and
  // PSS per extra thread after 1,500 requests (3 workers × 1 → × 8 threads: 49.0 → 54.2 MiB RSS per worker),
  // rounded up to 1 MiB; the old 8 MiB was an assumption.
  perExtraThread: 1,
  // Caddy: ~44 MB RES reported. nginx: master plus a few MB per worker (worker_processes auto = one per vCPU).
  caddy: 45,
  nginxMaster: 5,
  nginxPerWorker: 5,
  // Celery: master 60–200 MB, prefork child 60–100 MB, beat ~60 MB. Beat is budgeted even without scheduled
  // tasks (no celerybeat.service then): most Celery deployments add some, and the room costs little.
  celeryMaster: 100,
  celeryChild: 80,
  celeryBeat: 60,
  // PostgreSQL: postmaster and background workers; per connection < 2 MiB real plus one work_mem sort
  // (work_mem is what the generated postgresql.conf sets: postgres.ts reads it from here).
  postgresBase: 30,
  postgresWorkMem: 4,
  postgresPerConnection: 2 + 4,
  // MySQL 8 idles at a few hundred MB with performance_schema on (assumption). MariaDB 10.11 (Debian 12's MySQL,
  // performance_schema off) idled at 122 and 150 MiB RSS with a 452 and a 1,922 MB buffer pool not yet filled,
  // 262 MiB with 7,750 MB: about 2% of the pool more (scripts/servers/mysql.test.ts, README). Per connection
  // ~1 MiB of thread buffers (stack, network, read buffers) plus one sort buffer: MariaDB's and MySQL's 2 MiB
  // sort_buffer_size, which the generated my.cnf sets from here (mysql.ts).
  mysqlBase: 200,
  mysqlThread: 1,
  mysqlSortBuffer: 2,
  mysqlPerConnection: 1 + 2,
  // Redis: a few MB empty plus its data.
  redisBase: 10,
  // Keep 15% of visible memory free: page cache, deploy overlap, and request spikes (assumption; the guide's
  // upgrade trigger is "RAM usage near 100%", so we stop well before it).
  headroomShare: 0.15,
} as const;

/** The headroom as prose prints it ("15%"). */
export const HEADROOM_TEXT = `${Math.round(MEM.headroomShare * 100)}%`;

export interface MemoryItem {
  label: string;
  mib: number;
  reason: string;
  /**
   * Page cache the plan keeps room for but the OS hands back under pressure: budgeted (the chooser fits it
   * under the limit), never counted as memory the processes use.
   */
  reclaimable?: true;
}

export interface MemoryBudget {
  items: MemoryItem[];
  totalMib: number;
  /** MemTotal the box shows (below its nominal size). */
  visibleMib: number;
  /** What the plan may use: visible minus headroom. The chooser and the memory warning use this one limit. */
  limitMib: number;
  /** Page cache in the budget that the OS gives back under pressure (reclaimable items). */
  reclaimableMib: number;
  /** What the processes use: totalMib less the reclaimable page cache. */
  usedMib: number;
  /** usedMib / visibleMib: the share the processes use (page cache not counted as used). */
  usedShare: number;
}

/** The share of RAM a database on the box caches in (shared_buffers, the buffer pool): PostgreSQL's advice. */
export const DB_CACHE_SHARE = 0.25;
export const DB_CACHE_SHARE_TEXT = `${Math.round(DB_CACHE_SHARE * 100)}%`;

/**
 * Buffer pool / shared_buffers for a database on this box: DB_CACHE_SHARE of RAM, 128 MB below 1 GiB.
 * Redis's data on the same box is pinned in RAM, so the share is of the RAM it leaves (with 64 GB of Redis on a
 * 128 GiB box, a quarter of all RAM for the database, and as much again for its page cache, leaves no room
 * for a single Gunicorn worker on any type).
 */
export function dbCacheMib(a: Answers, visibleMib: number): number {
  if (visibleMib < 1024) return 128;
  const redisData = a.redis === 'here' ? a.redisDataMb : 0;
  return Math.round(Math.max(0, visibleMib - redisData) * DB_CACHE_SHARE);
}

/** Memory one Gunicorn worker costs, its threads and (when the database is local) its connections included. */
export function perWorkerMib(a: Answers, threads: number): number {
  const dbConn = a.dbLocation === 'here' ? threads * dbConnectionMib(a) : 0;
  return a.workerMemoryMb + (threads - 1) * MEM.perExtraThread + dbConn;
}

export const dbConnectionMib = (a: Answers) =>
  a.dbEngine === 'postgresql' ? MEM.postgresPerConnection : MEM.mysqlPerConnection;

/** Everything on the box except the Gunicorn workers. */
export function fixedItems(a: Answers, inst: Instance): MemoryItem[] {
  const visible = visibleMemoryMib(inst.memoryGib);
  const items: MemoryItem[] = [
    {
      label: 'Operating system',
      mib: MEM.os,
      reason: 'systemd, journald, sshd and the AWS agents (assumption).',
    },
  ];
  if (a.proxy === 'nginx') {
    const mib = MEM.nginxMaster + MEM.nginxPerWorker * inst.vcpu;
    items.push({
      label: 'Nginx',
      mib,
      reason: `Master plus ${inst.vcpu} worker processes (one per vCPU) at ~5 MB each.`,
    });
  } else {
    items.push({ label: 'Caddy', mib: MEM.caddy, reason: 'Caddy’s reported resident size, ~44 MB.' });
  }
  items.push({
    label: 'Gunicorn master',
    mib: MEM.gunicornMaster,
    reason: 'The arbiter process: 29 MiB RSS measured in the lab (Gunicorn 20.1), 20–35 MB reported.',
  });
  if (a.celery === 'here') {
    const mib = MEM.celeryMaster + a.celeryConcurrency * MEM.celeryChild + MEM.celeryBeat;
    items.push({
      label: 'Celery',
      mib,
      reason:
        `Master ~${MEM.celeryMaster} MB + ${a.celeryConcurrency} prefork children × ${MEM.celeryChild} MB + ~${MEM.celeryBeat} MB ` +
        (a.celeryBeat === 'yes'
          ? 'for celery beat (celerybeat.service).'
          : 'kept for celery beat, should you schedule tasks (celerybeat.service is generated when you do).'),
    });
  }
  if (a.dbLocation === 'here') {
    const cache = dbCacheMib(a, visible);
    const celeryConns = a.celery === 'none' ? 0 : a.celeryConcurrency;
    if (a.dbEngine === 'postgresql') {
      items.push({
        label: 'PostgreSQL',
        mib: MEM.postgresBase + cache + celeryConns * MEM.postgresPerConnection,
        reason:
          `shared_buffers ${fmt(cache)} MB (${DB_CACHE_SHARE_TEXT} of RAM${a.redis === 'here' ? ' not holding Redis data' : ''}, PostgreSQL's advice; its 128 MB default below 1 GiB) + ~${MEM.postgresBase} MB ` +
          `of background processes` +
          (celeryConns ? ` + ${celeryConns} Celery connections × ${MEM.postgresPerConnection} MB.` : '.') +
          ' Gunicorn’s connections are counted with the workers.',
      });
      // PostgreSQL caches data twice: in shared_buffers and in the OS page cache, which it "also relies on"
      // (PostgreSQL docs, shared_buffers: hence more than 40% of RAM in shared_buffers rarely helps).
      // Assumption: on a shared box keep as much page cache again as shared_buffers for its files, or every
      // read that misses shared_buffers goes to the EBS volume. Without it a 1 GiB box "fits" Gunicorn,
      // PostgreSQL and Redis at 81% of its memory, where the guide says 2–4 GB.
      items.push({
        label: 'PostgreSQL page cache',
        mib: cache,
        reason:
          `As much again as shared_buffers (${fmt(cache)} MB) left to the OS page cache for the database files: ` +
          'PostgreSQL relies on it as its second cache (PostgreSQL docs, shared_buffers). Reclaimable: the ' +
          'kernel gives it back to processes under pressure, so it is room kept, not memory used.',
        reclaimable: true,
      });
    } else {
      items.push({
        label: 'MySQL',
        mib: MEM.mysqlBase + cache + celeryConns * MEM.mysqlPerConnection,
        reason:
          `innodb_buffer_pool_size ${fmt(cache)} MB (${DB_CACHE_SHARE_TEXT} of RAM${a.redis === 'here' ? ' not holding Redis data' : ''} on a shared box; its 128 MB default below 1 GiB) + ~${MEM.mysqlBase} MB server baseline (assumption)` +
          (celeryConns ? ` + ${celeryConns} Celery connections × ${MEM.mysqlPerConnection} MB.` : '.') +
          ' Gunicorn’s connections are counted with the workers. InnoDB reads with O_DIRECT (MariaDB 10.6+’s default), so the buffer pool is its only cache: no page cache is kept beside it.',
      });
    }
  }
  if (a.redis === 'here') {
    items.push({
      label: 'Redis',
      mib: redisBudgetMib(a),
      reason: `~${MEM.redisBase} MB empty plus ${fmt(a.redisDataMb)} MB of data.`,
    });
  }
  return items;
}

/** Redis's line of the budget: the empty server plus its data. The generated redis.conf's maxmemory is this. */
export const redisBudgetMib = (a: Answers): number => MEM.redisBase + a.redisDataMb;

export const visibleAndLimit = (inst: Instance) => {
  const visibleMib = visibleMemoryMib(inst.memoryGib);
  return { visibleMib, limitMib: Math.floor(visibleMib * (1 - MEM.headroomShare)) };
};

/**
 * The most workers the memory limit allows after everything else on the box. `fixed`: fixedItems(a, inst),
 * when the caller has them (evaluate() builds them once for the cap and the budget: their reason texts are
 * a fifth of recommend()'s time).
 */
export function memoryWorkerCap(
  a: Answers,
  inst: Instance,
  threads: number,
  fixed: readonly MemoryItem[] = fixedItems(a, inst),
): number {
  const fixedMib = fixed.reduce((s, i) => s + i.mib, 0);
  const { limitMib } = visibleAndLimit(inst);
  return Math.max(0, Math.floor((limitMib - fixedMib) / perWorkerMib(a, threads)));
}

export function memoryBudget(
  a: Answers,
  inst: Instance,
  workers: number,
  threads: number,
  fixed: readonly MemoryItem[] = fixedItems(a, inst),
): MemoryBudget {
  const items = [...fixed];
  const per = perWorkerMib(a, threads);
  const parts = [`${fmt(a.workerMemoryMb)} MB app`];
  if (threads > 1) parts.push(`${threads - 1} extra threads × ${MEM.perExtraThread} MB`);
  if (a.dbLocation === 'here')
    parts.push(`${threads} DB connection${threads > 1 ? 's' : ''} × ${dbConnectionMib(a)} MB`);
  items.splice(items.length > 2 ? 3 : items.length, 0, {
    label: 'Gunicorn workers',
    mib: workers * per,
    reason: `${workers} workers × ${fmt(per)} MB (${parts.join(' + ')}).`,
  });
  const totalMib = items.reduce((s, i) => s + i.mib, 0);
  const reclaimableMib = items.reduce((s, i) => s + (i.reclaimable ? i.mib : 0), 0);
  const usedMib = totalMib - reclaimableMib;
  const { visibleMib, limitMib } = visibleAndLimit(inst);
  return {
    items,
    totalMib,
    visibleMib,
    limitMib,
    reclaimableMib,
    usedMib,
    usedShare: usedMib / visibleMib,
  };
}
