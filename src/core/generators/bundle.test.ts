import { describe, expect, it } from 'vitest';
import { generateAll } from './bundle';
import { generateCaddyfile } from './caddy';
import { generateGunicornConf } from './gunicornConf';
import { generateNginxSite } from './nginx';
import { productionTarget } from './target';
import { SCENARIOS } from '../../testing/fixtures';
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

  it('gives the Celery box its units when a load balancer moves Celery off the web boxes', () => {
    // 300 users behind the ALB: Celery's 4 processes at 25% busy go to the cheapest box holding them: 630 MB
    // (150 OS + 100 master + 4 × 80 + 60 beat) and 4 × 25% = 1 vCPU, past c6g.medium's 0.7 sustained (70% of
    // 1 vCPU), within c6g.large's 1.4.
    const rec = recFor(SCENARIOS.celeryBox);
    expect(rec.bill.celery?.instance.type).toBe('c6g.large');
    const files = generateAll(rec, productionTarget(rec));
    const worker = files.find((f) => f.name === 'celery.service')!;
    const beat = files.find((f) => f.name === 'celerybeat.service')!;
    expect(worker.box).toEqual({ dir: 'celery-box', label: 'the Celery box (c6g.large)' });
    expect(beat.box).toEqual(worker.box);
    expect(worker.content).toContain('# On the Celery box (c6g.large), not on the web boxes.');
    expect(worker.content).toContain(' worker --concurrency=4 ');
    // Nothing local to wait for: the database and Redis moved off too.
    expect(worker.content).toContain('\nAfter=network.target\n');
    expect(files.filter((f) => f.box).map((f) => f.name)).toEqual(['celery.service', 'celerybeat.service']);
    const big = recFor(SCENARIOS.celeryBoxes);
    const bigFiles = generateAll(big, productionTarget(big));
    const w = bigFiles.find((f) => f.name === 'celery.service')!;
    expect(w.content).toContain('# On each of the 6 Celery boxes (c6g.4xlarge), not on the web boxes.');
    expect(w.content).toContain(' worker --concurrency=11 ');
    const b = bigFiles.find((f) => f.name === 'celerybeat.service')!;
    expect(b.content).toContain('# On one of the 6 Celery boxes only, not on the web boxes.');
    expect(b.box?.label).toBe('one Celery box only');
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
