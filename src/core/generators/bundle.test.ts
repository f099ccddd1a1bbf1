import { describe, expect, it } from 'vitest';
import { generateAll } from './bundle';
import { generateCaddyfile } from './caddy';
import { generateGunicornConf } from './gunicornConf';
import { generateNginxSite } from './nginx';
import { productionTarget } from './target';
import { recFor } from '../../testing/scenarios';

describe('generateAll', () => {
  it('gives the nginx set without Celery', () => {
    const rec = recFor({ proxy: 'nginx', celery: 'none', domain: 'shop.example.org' });
    const t = productionTarget(rec);
    const files = generateAll(rec, t);
    expect(files.map(({ name, path, language }) => ({ name, path, language }))).toEqual([
      { name: 'gunicorn.conf.py', path: '/srv/mysite/gunicorn.conf.py', language: 'python' },
      {
        name: 'shop.example.org (nginx site)',
        path: '/etc/nginx/sites-available/shop.example.org',
        language: 'nginx',
      },
      { name: 'gunicorn.socket', path: '/etc/systemd/system/gunicorn.socket', language: 'ini' },
      { name: 'gunicorn.service', path: '/etc/systemd/system/gunicorn.service', language: 'ini' },
      // The defaults keep Redis on the box: its maxmemory and policy come with it.
      { name: 'redis.conf (include)', path: '/etc/redis/rightsize-redis.conf', language: 'conf' },
    ]);
    expect(files[0]!.content).toBe(generateGunicornConf(rec, t));
    expect(files[1]!.content).toBe(generateNginxSite(rec, t));
  });

  it('gives the Caddyfile and celery.service when Celery runs here', () => {
    const rec = recFor({ proxy: 'caddy', celery: 'here' });
    const files = generateAll(rec, productionTarget(rec));
    expect(files.map((f) => f.name)).toEqual([
      'gunicorn.conf.py',
      'Caddyfile',
      'gunicorn.socket',
      'gunicorn.service',
      'celery.service',
      'redis.conf (include)',
    ]);
    expect(files[1]!.content).toBe(generateCaddyfile(rec, productionTarget(rec)));
  });

  it('writes no celery.service when Celery runs elsewhere', () => {
    const rec = recFor({ celery: 'elsewhere' });
    expect(generateAll(rec, productionTarget(rec)).map((f) => f.name)).not.toContain('celery.service');
  });

  it('adds celerybeat.service, postgresql.conf or my.cnf, and redis.conf for what runs on the box, and only that', () => {
    const rec = recFor({ celery: 'here', celeryBeat: 'yes', dbLocation: 'here', redis: 'here' });
    const files = generateAll(rec, productionTarget(rec));
    expect(files.map((f) => f.path).slice(4)).toEqual([
      '/etc/systemd/system/celery.service',
      '/etc/systemd/system/celerybeat.service',
      '/etc/postgresql/15/main/conf.d/rightsize-postgresql.conf',
      '/etc/redis/rightsize-redis.conf',
    ]);
    const off = recFor({ celery: 'elsewhere', celeryBeat: 'yes', dbLocation: 'managed', redis: 'managed' });
    expect(generateAll(off, productionTarget(off)).map((f) => f.name)).toEqual([
      'gunicorn.conf.py',
      'example.com (nginx site)',
      'gunicorn.socket',
      'gunicorn.service',
    ]);
    // MySQL on the box: MariaDB's option file instead of PostgreSQL's.
    const mysql = recFor({ dbLocation: 'here', dbEngine: 'mysql' });
    const names = generateAll(mysql, productionTarget(mysql)).map((f) => f.name);
    expect(names).toContain('my.cnf (mariadb.conf.d)');
    expect(names).not.toContain('postgresql.conf (conf.d)');
    const mysqlFile = generateAll(mysql, productionTarget(mysql)).find((f) => f.name.startsWith('my.cnf'))!;
    expect([mysqlFile.path, mysqlFile.language]).toEqual([
      '/etc/mysql/mariadb.conf.d/60-rightsize.cnf',
      'ini',
    ]);
    const managed = recFor({ dbLocation: 'managed', dbEngine: 'mysql' });
    expect(generateAll(managed, productionTarget(managed)).map((f) => f.name)).not.toContain(
      'my.cnf (mariadb.conf.d)',
    );
  });

  it('gives every file its own download name (the zip and the install commands use it)', () => {
    const rec = recFor({ celery: 'here', celeryBeat: 'yes', dbLocation: 'here', redis: 'here' });
    const names = generateAll(rec, productionTarget(rec)).map((f) => f.path.split('/').pop());
    expect(new Set(names).size).toBe(names.length);
  });

  it('is deterministic', () => {
    const rec = recFor({ proxy: 'caddy', celery: 'here' });
    expect(generateAll(rec, productionTarget(rec))).toEqual(generateAll(rec, productionTarget(rec)));
  });
});
