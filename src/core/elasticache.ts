// The ElastiCache node for Redis that is managed (or that a scale-out moved off the web boxes): the cheapest node
// whose memory, after ElastiCache's reserved memory, holds the Redis data. Nodes and prices:
// catalog.services.elasticache (../shared/reference/aws-services.tsv, S2).
import type { Answers } from './answers';
import type { CacheNode, Catalog } from './catalog';
import { MEM } from './memory';
import { fmt, r, type Reasoned } from './reasoned';

// reserved-memory-percent defaults to 25% of maxmemory; AWS advises raising it to 30% on small and 50% on micro
// burstable nodes (../shared/reference/aws-services.md, "ElastiCache (Redis OSS) memory and eviction"; ElastiCache
// user guide, redis-memory-management.html). We size with the advised value.
export function reservedShare(node: CacheNode): number {
  if (/^cache\.t\d+g?\.micro$/.test(node.node)) return 0.5;
  if (/^cache\.t\d+g?\.small$/.test(node.node)) return 0.3;
  return 0.25;
}

/** MiB the node gives Redis's data: its memory less the reserved share. */
export const usableMib = (node: CacheNode) => node.memoryGib * 1024 * (1 - reservedShare(node));

export interface CachePlan {
  node: CacheNode;
  /** Memory Redis needs: its data plus the empty server. */
  neededMib: Reasoned<number>;
  usableMib: number;
  /** False when no node holds the data: the largest is shown, and the data must be sharded. */
  fits: boolean;
  reason: string;
}

export function sizeElastiCache(a: Answers, catalog: Catalog): CachePlan {
  const nodes = [...catalog.services.elasticache.nodes].sort(
    (x, y) => x.usdPerHour - y.usdPerHour || y.memoryGib - x.memoryGib || (x.node < y.node ? -1 : 1),
  );
  const need = a.redisDataMb + MEM.redisBase;
  const neededMib = r(need, `${fmt(a.redisDataMb)} MB of data + ~${MEM.redisBase} MB for the empty server.`);
  const fit = nodes.find((n) => usableMib(n) >= need);
  const node = fit ?? [...nodes].sort((x, y) => y.memoryGib - x.memoryGib)[0]!;
  const usable = usableMib(node);
  const pct = Math.round(reservedShare(node) * 100);
  const cheaper = nodes.filter((n) => n.usdPerHour < node.usdPerHour).length;
  const reason =
    (fit
      ? `The cheapest node whose memory after ElastiCache’s reserved share holds ${fmt(need)} MB: ${node.node} has ${fmt(node.memoryGib)} GiB, ${pct}% reserved${pct === 25 ? ' (the default reserved-memory-percent)' : ' (AWS’s advice for this small burstable node; the default is 25%)'} leaves ${fmt(usable)} MB` +
        (cheaper ? `; the ${cheaper} cheaper nodes hold less.` : '.')
      : `No single node holds ${fmt(need)} MB: ${node.node} is the largest (${fmt(usable)} MB after ${pct}% reserved); shard the data (cluster mode) or keep less in Redis.`) +
    ' One node, no replica (assumption): a replica for failover is a second node at the same price.' +
    (a.celery !== 'none'
      ? ' As a Celery broker, set maxmemory-policy noeviction in its parameter group (the default volatile-lru may evict results and cache keys sharing the node).'
      : '');
  return { node, neededMib, usableMib: usable, fits: Boolean(fit), reason };
}
