// Redis on the same box: how much memory it may take and what it does when full, with reasons.
// Sources: ../shared/reference/aws-services.md ("Redis as a Celery broker: why noeviction").
import type { Answers } from './answers';
import { MEM, redisBudgetMib } from './memory';
import { fmt, type Reasoned } from './reasoned';

export type EvictionPolicy = 'noeviction' | 'allkeys-lru';

export interface RedisPlan {
  /** MiB: Redis's line of the memory budget. */
  maxmemoryMib: Reasoned<number>;
  policy: Reasoned<EvictionPolicy>;
  /** The role that decided the policy. */
  role: 'broker' | 'cache';
}

/** Redis's settings when it runs on this box, or null. With Celery in the answers, Redis is its broker. */
export function redisPlan(a: Answers): RedisPlan | null {
  if (a.redis !== 'here') return null;
  const role = a.celery !== 'none' ? 'broker' : 'cache';
  const mib = redisBudgetMib(a);
  return {
    role,
    maxmemoryMib: {
      value: mib,
      reason:
        `Redis’s line of the memory budget: ~${MEM.redisBase} MB for the server + ${fmt(a.redisDataMb)} MB of data. ` +
        'Past it Redis refuses writes or evicts instead of taking memory the budget gave Gunicorn. maxmemory counts ' +
        'what Redis allocates (used_memory), not allocator fragmentation: watch mem_fragmentation_ratio (INFO memory).',
    },
    policy:
      role === 'broker'
        ? {
            value: 'noeviction',
            reason:
              'Celery’s broker: its queues and _kombu.binding.* keys have no TTL, and an evicted one loses tasks silently ' +
              '(Celery docs, Redis broker, “Key eviction”). noeviction makes a full Redis fail loudly (OOM command not ' +
              'allowed) instead. A cache sharing this Redis then gets errors when full, not evictions: give a large cache its own Redis.',
          }
        : {
            value: 'allkeys-lru',
            reason:
              'A cache only: when full, drop the least recently used keys (Redis docs, key eviction) instead of refusing writes ' +
              '(Redis’s default, noeviction).',
          },
  };
}
