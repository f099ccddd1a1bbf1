import { celeryPlacement } from '../celery';
import { mysqlPlan } from '../mysql';
import { postgresPlan } from '../postgres';
import type { Recommendation } from '../recommend';
import { redisPlan } from '../redis';
import { CADDYFILE_PATH, generateCaddyfile } from './caddy';
import { generateDjangoDatabase } from './djangoDatabase';
import { generateLbModule, lbModulePath } from './djangoLb';
import { generateGunicornConf } from './gunicornConf';
import { MYSQL_CONF_PATH, generateMysqlConf } from './mysqlConf';
import { generateNginxSite, nginxSitePath } from './nginx';
import { generatePostgresqlConf, postgresqlConfPath } from './postgresqlConf';
import { REDIS_CONF_PATH, generateRedisConf } from './redisConf';
import { PGBOUNCER_INI_PATH, generatePgbouncerIni } from './pgbouncerIni';
import {
  SYSTEMD_DIR,
  generateCeleryBeatService,
  generateCeleryService,
  generateGunicornService,
  generateGunicornSocket,
} from './systemd';
import { checkedInput, type DeployTarget } from './target';

export interface GeneratedFile {
  name: string;
  /** Where it goes on the server. */
  path: string;
  language: 'python' | 'nginx' | 'caddy' | 'ini' | 'conf';
  content: string;
  /**
   * Set when the file goes on another box than the web boxes (the Celery box a scale-out or a load balancer
   * moved Celery to): its folder in the .zip and the words that name the box.
   */
  box?: { dir: string; label: string };
}

/** Every file this deployment needs, in install order: app server, proxy, units. */
export function generateAll(rec: Recommendation, target: DeployTarget): GeneratedFile[] {
  const { a, t } = checkedInput(rec, target);
  const files: GeneratedFile[] = [
    {
      name: 'gunicorn.conf.py',
      path: t.gunicornConfPath,
      language: 'python',
      content: generateGunicornConf(rec, target),
    },
    a.proxy === 'nginx'
      ? {
          name: `${a.domain} (nginx site)`,
          path: nginxSitePath(a.domain),
          language: 'nginx',
          content: generateNginxSite(rec, target),
        }
      : {
          name: 'Caddyfile',
          path: CADDYFILE_PATH,
          language: 'caddy',
          content: generateCaddyfile(rec, target),
        },
    {
      name: 'gunicorn.socket',
      path: `${SYSTEMD_DIR}/gunicorn.socket`,
      language: 'ini',
      content: generateGunicornSocket(rec, target),
    },
    {
      name: 'gunicorn.service',
      path: `${SYSTEMD_DIR}/gunicorn.service`,
      language: 'ini',
      content: generateGunicornService(rec, target),
    },
  ];
  const celery = celeryPlacement(a, rec.chosen, rec.bill.celery);
  const celeryBox = celery?.box
    ? {
        dir: 'celery-box',
        label:
          celery.box.boxes > 1
            ? `the Celery boxes (${celery.box.boxes} × ${celery.box.instance.type})`
            : `the Celery box (${celery.box.instance.type})`,
      }
    : undefined;
  if (celery)
    files.push({
      name: 'celery.service',
      path: `${SYSTEMD_DIR}/celery.service`,
      language: 'ini',
      content: generateCeleryService(rec, target),
      ...(celeryBox && { box: celeryBox }),
    });
  if (celery?.plan.beat.value)
    files.push({
      name: 'celerybeat.service',
      path: `${SYSTEMD_DIR}/celerybeat.service`,
      language: 'ini',
      ...(celeryBox && {
        box: celery.box!.boxes > 1 ? { ...celeryBox, label: 'one Celery box only' } : celeryBox,
      }),
      content: generateCeleryBeatService(rec, target),
    });
  // The data services this box runs itself, each with the settings the memory budget counted.
  if (postgresPlan({ ...rec, answers: a }))
    files.push({
      name: 'postgresql.conf (conf.d)',
      path: postgresqlConfPath(),
      language: 'conf',
      content: generatePostgresqlConf(rec, target),
    });
  if (mysqlPlan({ ...rec, answers: a }))
    files.push({
      name: 'my.cnf (mariadb.conf.d)',
      path: MYSQL_CONF_PATH,
      language: 'ini',
      content: generateMysqlConf(rec, target),
    });
  if (redisPlan(a))
    files.push({
      name: 'redis.conf (include)',
      path: REDIS_CONF_PATH,
      language: 'conf',
      content: generateRedisConf(rec, target),
    });
  if (t.loadBalancer)
    files.push({
      name: 'loadbalancer.py',
      path: lbModulePath(a.appDir, a.djangoModule),
      language: 'python',
      content: generateLbModule(rec, target),
    });
  if (rec.pgbouncer)
    files.push(
      {
        name: 'pgbouncer.ini',
        path: PGBOUNCER_INI_PATH,
        language: 'ini',
        content: generatePgbouncerIni(rec, target),
      },
      {
        name: 'database_settings.py',
        path: `${a.appDir}/database_settings.py`,
        language: 'python',
        content: generateDjangoDatabase(rec, target),
      },
    );
  return files;
}
