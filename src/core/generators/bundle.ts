import type { Recommendation } from '../recommend';
import { CADDYFILE_PATH, generateCaddyfile } from './caddy';
import { generateGunicornConf } from './gunicornConf';
import { generateNginxSite, nginxSitePath } from './nginx';
import {
  SYSTEMD_DIR,
  generateCeleryService,
  generateGunicornService,
  generateGunicornSocket,
} from './systemd';
import { checkedInput, type DeployTarget } from './target';

export interface GeneratedFile {
  name: string;
  /** Where it goes on the server. */
  path: string;
  language: 'python' | 'nginx' | 'caddy' | 'ini';
  content: string;
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
  if (a.celery === 'here')
    files.push({
      name: 'celery.service',
      path: `${SYSTEMD_DIR}/celery.service`,
      language: 'ini',
      content: generateCeleryService(rec, target),
    });
  return files;
}
