import type { Recommendation } from '../recommend';
import { redisPlan } from '../redis';
import { checkedInput, type DeployTarget } from './target';
import { headerTexts } from './text';
import { blank, conf, directive, note, renderRedisConf } from './tree';

/** Included from the end of Debian's /etc/redis/redis.conf: for a directive set twice, the last one wins. */
export const REDIS_CONF_PATH = '/etc/redis/rightsize-redis.conf';
export const REDIS_INCLUDE_LINE = `include ${REDIS_CONF_PATH}`;

/** redis.conf settings for Redis on this box; throws when the plan has no Redis here. */
export function generateRedisConf(rec: Recommendation, target: DeployTarget): string {
  const input = checkedInput(rec, target);
  const plan = redisPlan(input.a);
  if (!plan) throw new Error('Redis does not run on this box in this plan.');
  const notes = [
    `For Redis 7 (Debian 12). Install as ${REDIS_CONF_PATH} and add "${REDIS_INCLUDE_LINE}" as the last line of /etc/redis/redis.conf; then: sudo systemctl restart redis-server`,
    'Check: redis-cli CONFIG GET maxmemory*',
  ];
  return renderRedisConf(
    conf(
      headerTexts(
        input,
        `Redis as ${plan.role === 'broker' ? 'Celery’s broker' : 'a cache'} for ${input.a.djangoModule}.`,
        notes,
      ).map(note),
      blank,
      note(plan.maxmemoryMib.reason),
      // "1mb => 1024*1024 bytes" (redis.conf): the budget's MiB.
      directive('maxmemory', `${plan.maxmemoryMib.value}mb`),
      blank,
      note(plan.policy.reason),
      directive('maxmemory-policy', plan.policy.value),
    ),
  );
}
