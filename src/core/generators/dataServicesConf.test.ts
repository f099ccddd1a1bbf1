import { describe, expect, it } from 'vitest';
import { celeryPlan } from '../celery';
import { mysqlPlan } from '../mysql';
import { postgresPlan } from '../postgres';
import { redisPlan } from '../redis';
import { generateMysqlConf } from './mysqlConf';
import { generatePostgresqlConf } from './postgresqlConf';
import { generateRedisConf } from './redisConf';
import { generateCeleryBeatService, generateCeleryService } from './systemd';
import { productionTarget } from './target';
import { oneLine } from './text';
import { recFor } from '../../testing/scenarios';

const ALL = { celery: 'here', celeryBeat: 'yes', dbLocation: 'here', redis: 'here' } as const;
const settingLines = (conf: string) => conf.split('\n').filter((l) => l && !l.startsWith('#'));

describe('postgresql.conf (conf.d)', () => {
  it('sets every planned value as `name = value`, each under its reason', () => {
    const rec = recFor({ ...ALL, concurrentUsers: 300 });
    const conf = generatePostgresqlConf(rec, productionTarget(rec));
    const plan = postgresPlan(rec)!;
    expect(settingLines(conf)).toEqual(plan.settings.map((s) => `${s.name} = ${s.value}`));
    const lines = conf.split('\n');
    for (const s of plan.settings) {
      const at = lines.indexOf(`${s.name} = ${s.value}`);
      expect(lines[at - 1]).toBe(`# ${oneLine(s.reason)}`);
    }
    expect(conf).toContain('/etc/postgresql/15/main/conf.d/rightsize-postgresql.conf');
  });

  it('is refused when PostgreSQL is not on the box', () => {
    const rec = recFor({ dbLocation: 'managed' });
    expect(() => generatePostgresqlConf(rec, productionTarget(rec))).toThrow(/does not run on this box/);
  });
});

describe('my.cnf (mariadb.conf.d)', () => {
  it('sets every planned value as `name = value` in [mysqld], each under its reason', () => {
    const rec = recFor({ ...ALL, dbEngine: 'mysql', concurrentUsers: 300 });
    const conf = generateMysqlConf(rec, productionTarget(rec));
    const plan = mysqlPlan(rec)!;
    expect(settingLines(conf)).toEqual(['[mysqld]', ...plan.settings.map((s) => `${s.name} = ${s.value}`)]);
    const lines = conf.split('\n');
    for (const s of plan.settings) {
      const at = lines.indexOf(`${s.name} = ${s.value}`);
      expect(lines[at - 1]).toBe(`# ${oneLine(s.reason)}`);
    }
    expect(conf).toContain('/etc/mysql/mariadb.conf.d/60-rightsize.cnf');
    expect(settingLines(conf)).toContain('innodb_buffer_pool_size = 1922M');
  });

  it('is refused when MySQL is not on the box', () => {
    const rec = recFor({ dbLocation: 'here', dbEngine: 'postgresql' });
    expect(() => generateMysqlConf(rec, productionTarget(rec))).toThrow(/MySQL does not run on this box/);
  });
});

describe('redis.conf (include)', () => {
  it.each([
    ['here', 'noeviction'],
    ['none', 'allkeys-lru'],
  ] as const)('Celery %s: maxmemory from the budget, policy %s', (celery, policy) => {
    const rec = recFor({ celery, redisDataMb: 200 });
    const conf = generateRedisConf(rec, productionTarget(rec));
    expect(settingLines(conf)).toEqual(['maxmemory 210mb', `maxmemory-policy ${policy}`]);
    expect(redisPlan(rec.answers)!.policy.value).toBe(policy);
  });
});

describe('Celery units', () => {
  it('celery.service runs the planned concurrency and says how much room the box has', () => {
    const rec = recFor({ ...ALL, celeryConcurrency: 3 });
    const unit = generateCeleryService(rec, productionTarget(rec));
    const c = celeryPlan(rec.answers, rec.chosen)!;
    expect(unit).toContain('worker --concurrency=3 --loglevel=INFO');
    expect(unit).toContain(`# ${oneLine(c.maxOnBox.reason)}`);
  });

  it('celerybeat.service runs one beat with its schedule in systemd’s state directory', () => {
    const rec = recFor(ALL);
    const unit = generateCeleryBeatService(rec, productionTarget(rec));
    expect(unit).toContain('StateDirectory=celerybeat');
    expect(unit).toContain(
      'ExecStart=/srv/mysite/venv/bin/celery -A mysite beat --loglevel=INFO --schedule=${STATE_DIRECTORY}/celerybeat-schedule',
    );
    const none = recFor({ ...ALL, celeryBeat: 'no' });
    expect(() => generateCeleryBeatService(none, productionTarget(none))).toThrow(/beat does not run/);
  });
});
