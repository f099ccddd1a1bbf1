// The RDS instance class for a managed database (or one a scale-out moved off the web boxes): the cheapest class
// of the user's engine that holds the fleet's connections, keeps the hot part of the data in memory and carries
// the database's share of the CPU. Prices and classes: catalog.services.rds (../shared/reference/aws-services.tsv).
import type { Answers } from './answers';
import type { Catalog, RdsClass } from './catalog';
import {
  rdsClassMemoryBytes,
  rdsMaxConnections,
  usableConnections,
  type FleetConnections,
} from './connections';
import { CPU_TARGET, LOCAL_DB_SHARE } from './cpu';
import { fmt, usd, r, type Reasoned } from './reasoned';

// Assumption: a fifth of the data is hot (read often enough that a miss is felt): the 80/20 skew of most web
// apps' access, where recent rows and the indexes over them carry most reads.
export const HOT_SHARE = 0.2;
// Memory the database caches data in, as a share of DBInstanceClassMemory (as connections.ts estimates it).
// Assumption: RDS's default MySQL buffer pool is 3/4 of it; PostgreSQL's shared_buffers is a quarter and the
// OS page cache, which PostgreSQL relies on, holds most of the rest.
export const CACHE_SHARE = 0.75;
// Assumption: RDS's burstable db.t3/db.t4g classes sustain the same baseline per vCPU as the EC2 type of the same
// name (the catalog's baselinePct); other classes are held to the guide's 70% like the web boxes.
const ec2Twin = (c: RdsClass) => c.class.replace(/^db\./, '');

export interface RdsPlan {
  /** The chosen class (Single-AZ: one instance, no standby). */
  rdsClass: RdsClass;
  /** Its Multi-AZ (one standby) row, when the catalog has it: shown beside the choice, not billed. */
  multiAz: RdsClass | undefined;
  maxConnections: Reasoned<number>;
  /** Connections the deployment opens at peak (connections.ts: web boxes, Celery, beat, admin). */
  connectionsNeeded: number;
  /** False when no class holds the connections: a pooler (PgBouncer, RDS Proxy) must sit in front. */
  connectionsFit: boolean;
  hotDataGb: Reasoned<number>;
  cacheGb: number;
  /** vCPUs the database burns at peak. */
  cpuVcpu: number;
  sustainableVcpu: number;
  /** What even the chosen (then largest) class cannot hold: 'the hot data', 'the query CPU'; empty when it holds both. */
  short: string[];
  storageGb: Reasoned<number>;
  /**
   * PostgreSQL only, when the class was picked for its connections: the cheaper class that would do behind
   * PgBouncer (transaction pooling), with the server connections its pools would open. Named in the reason, not
   * chosen (README, "A fleet behind a load balancer").
   */
  pooledAlternative: { rdsClass: RdsClass; serverConnections: number; usdPerMonthLess: number } | null;
  reason: string;
}

/** PgBouncer pools a cheaper class would have to hold: `perBox` server connections on each of `maxBoxes` boxes. */
export interface PoolShape {
  perBox: number;
  maxBoxes: number;
}

/** GB the class caches data in: CACHE_SHARE of DBInstanceClassMemory. */
const cacheGbOf = (c: RdsClass) => (rdsClassMemoryBytes(c.memoryGib) * CACHE_SHARE) / 2 ** 30;
/** Connections of the class's default max_connections the app may open. */
const usableOf = (c: RdsClass) => usableConnections(c.engine, rdsMaxConnections(c.engine, c.memoryGib).value);

/** Storage: the data plus 25% for indexes' growth, WAL/binlogs and bloat (assumption), at least RDS's 20 GB. */
export function rdsStorageGb(a: Answers): Reasoned<number> {
  const gb = Math.max(20, Math.ceil(a.dbDataGb * 1.25));
  return r(
    gb,
    `${fmt(a.dbDataGb)} GB of data + 25% for growth, WAL and bloat (assumption)` +
      (gb === 20 && a.dbDataGb * 1.25 < 20 ? ', raised to the 20 GB RDS minimum' : '') +
      ` = ${fmt(gb)} GB of gp3.`,
  );
}

/**
 * The class for `conns` (the deployment's database connections at peak: every box, Celery, beat, admin) and
 * the app's CPU (vCPU Django burns at peak across the fleet), for the answers' engine, Single-AZ.
 */
export function sizeRds(
  a: Answers,
  conns: FleetConnections,
  appVcpu: number,
  catalog: Catalog,
  pool: PoolShape | null = null,
): RdsPlan {
  const ec2 = new Map(catalog.instances.map((i) => [i.type, i]));
  const classes = catalog.services.rds.classes
    .filter((c) => c.engine === a.dbEngine && c.deployment === 'single-az')
    .sort((x, y) => x.usdPerHour - y.usdPerHour || x.memoryGib - y.memoryGib || (x.class < y.class ? -1 : 1));
  const needed = conns.total.value;
  const hot = a.dbDataGb * HOT_SHARE;
  const cpuVcpu = appVcpu * LOCAL_DB_SHARE;
  const cacheOf = cacheGbOf;
  const sustainable = (c: RdsClass) => {
    const pct = ec2.get(ec2Twin(c))?.baselinePct ?? null;
    return pct === null ? CPU_TARGET * c.vcpu : (pct / 100) * c.vcpu;
  };
  const holdsData = (c: RdsClass) => cacheOf(c) >= hot && sustainable(c) >= cpuVcpu;
  const all = classes.find((c) => holdsData(c) && usableOf(c) >= needed);
  // No class holds the connections: size for data and CPU, and say a pooler must sit in front.
  const dataOnly = classes.find(holdsData);
  // Nothing holds the data either: the largest class (most memory, then vCPU).
  const largest = [...classes].sort((x, y) => y.memoryGib - x.memoryGib || y.vcpu - x.vcpu)[0]!;
  const chosen = all ?? dataOnly ?? largest;
  const maxConnections = rdsMaxConnections(chosen.engine, chosen.memoryGib);
  const maxConn = maxConnections.value;
  const usable = usableOf(chosen);
  const engine = a.dbEngine === 'postgresql' ? 'PostgreSQL' : 'MySQL';
  const hotDataGb = r(
    hot,
    `${Math.round(HOT_SHARE * 100)}% of ${fmt(a.dbDataGb)} GB is hot (assumption: the 80/20 skew of web traffic) = ${fmt(hot)} GB to keep in memory.`,
  );
  const multiAz = catalog.services.rds.classes.find(
    (c) => c.class === chosen.class && c.engine === chosen.engine && c.deployment === 'multi-az',
  );
  const cheaper = classes.filter((c) => c.usdPerHour < chosen.usdPerHour).length;
  const fits = chosen === all;
  const parts = [
    `${fmt(maxConn)} max_connections (${fmt(usable)} for the app) for the deployment’s ${fmt(needed)} connections`,
    `${fmt(cacheOf(chosen))} GB of cache (${Math.round(CACHE_SHARE * 100)}% of its memory, assumption) for ${fmt(hot)} GB of hot data`,
    `${fmt(sustainable(chosen))} vCPU sustained for the ${fmt(cpuVcpu)} vCPU its queries burn (a quarter of Django’s ${fmt(appVcpu)}, assumption)`,
  ];
  const shortOf = [
    ...(cacheOf(chosen) < hot ? ['the hot data'] : []),
    ...(sustainable(chosen) < cpuVcpu ? ['the query CPU'] : []),
  ];
  const short = shortOf.join(' or ');
  let reason =
    chosen === largest && !dataOnly
      ? `No ${engine} class in the catalog holds ${short}; ${chosen.class} is the largest: ${parts.join('; ')}. Spread reads over read replicas, cache more in Redis, or cut the queries per request.`
      : fits
        ? `The cheapest Single-AZ ${engine} class with ${parts.join(', ')}` +
          (cheaper ? `; the ${cheaper} cheaper classes fall short.` : '.')
        : `No ${engine} class allows ${fmt(needed)} connections: put a pooler (PgBouncer in transaction mode, or RDS Proxy) in front and keep its server connections at most ${fmt(usable - conns.admin)} (the usable connections less the admin margin). ${chosen.class} is the cheapest class with ${parts.slice(1).join(', ')}.`;
  // The same data and CPU behind per-box PgBouncer pools: they open only the pools' server connections.
  const direct = conns.celery + conns.beat + conns.admin;
  const serverConnections = pool ? direct + pool.maxBoxes * pool.perBox : Infinity;
  const pooledClass =
    a.dbEngine === 'postgresql' && fits
      ? classes.find((c) => holdsData(c) && usableOf(c) >= serverConnections)
      : undefined;
  const pooledAlternative =
    pool && pooledClass && pooledClass.usdPerHour < chosen.usdPerHour
      ? {
          rdsClass: pooledClass,
          serverConnections,
          usdPerMonthLess: (chosen.usdPerHour - pooledClass.usdPerHour) * catalog.hoursPerMonth,
        }
      : null;
  if (pool && pooledAlternative)
    reason += ` With PgBouncer in transaction mode on each web box (pools of ${fmt(pool.perBox)}, the request slots the peak needs, on at most ${fmt(pool.maxBoxes)} box${pool.maxBoxes > 1 ? 'es' : ''}: ${fmt(serverConnections)} server connections with Celery, beat and admin), ${pooledAlternative.rdsClass.class} would hold the data and CPU for ${usd(pooledAlternative.usdPerMonthLess)}/month less. Not chosen: transaction pooling drops session features (SET, advisory locks, LISTEN, server-side cursors), and this plan’s p95 assumes every request gets its connection at once.`;
  const baseline = ec2.get(ec2Twin(chosen))?.baselinePct ?? null;
  if (baseline !== null)
    reason += ` Burstable: above its ${baseline}% baseline it spends CPU credits (RDS CPU-credit charges are not priced here).`;
  reason += multiAz
    ? ` Single-AZ; a Multi-AZ standby costs ${usd(multiAz.usdPerHour, 4)}/hour instead of ${usd(chosen.usdPerHour, 4)}${multiAz.computed ? ' (computed as 2 × Single-AZ)' : ''}.`
    : ' Single-AZ.';
  return {
    rdsClass: chosen,
    multiAz,
    maxConnections,
    connectionsNeeded: needed,
    connectionsFit: usable >= needed,
    hotDataGb,
    cacheGb: cacheOf(chosen),
    cpuVcpu,
    sustainableVcpu: sustainable(chosen),
    short: shortOf,
    storageGb: rdsStorageGb(a),
    pooledAlternative,
    reason,
  };
}
