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
    ]);
    expect(files[1]!.content).toBe(generateCaddyfile(rec, productionTarget(rec)));
  });

  it('writes no celery.service when Celery runs elsewhere', () => {
    const rec = recFor({ celery: 'elsewhere' });
    expect(generateAll(rec, productionTarget(rec)).map((f) => f.name)).not.toContain('celery.service');
  });

  it('is deterministic', () => {
    const rec = recFor({ proxy: 'caddy', celery: 'here' });
    expect(generateAll(rec, productionTarget(rec))).toEqual(generateAll(rec, productionTarget(rec)));
  });
});
