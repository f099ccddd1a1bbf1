import type { GeneratedFile } from './generators/bundle';
import type { DeployTarget } from './generators/target';
import type { Recommendation } from './recommend';

export interface SetupStep {
  title: string;
  commands: string[];
  note?: string;
}

/**
 * How to put the generated files on a Debian/Ubuntu server and switch them on, in order. Paths come from
 * the files themselves, so the steps can never disagree with what is downloaded.
 */
export function setupSteps(rec: Recommendation, target: DeployTarget, files: GeneratedFile[]): SetupStep[] {
  const a = rec.answers;
  const byName = (n: string) => files.find((f) => f.name === n)?.path;
  const proxyFile = files.find((f) => f.language === 'nginx' || f.language === 'caddy')!;
  const steps: SetupStep[] = [
    {
      title: 'Install the packages and the app user',
      commands: [
        `sudo apt-get install -y ${a.proxy === 'nginx' ? 'nginx certbot' : 'caddy'}`,
        `sudo useradd --system --home ${a.appDir} --shell /usr/sbin/nologin ${a.appUser} || true`,
        `sudo install -d -o ${a.appUser} -g ${a.appUser} ${target.logDir}`,
        `sudo -u ${a.appUser} python3 -m venv ${target.venvPath} && sudo -u ${a.appUser} ${target.venvPath}/bin/pip install gunicorn${a.appInterface === 'asgi' ? ' "uvicorn[standard]"' : ''}${a.celery === 'here' ? ' celery' : ''}`,
      ],
      note: 'Gunicorn runs from the app’s virtualenv, so its version follows your requirements file.',
    },
    {
      title: 'Copy the files to the paths shown on their tabs',
      commands: files.map((f) => `sudo install -m 644 ${basename(f)} ${f.path}`),
    },
  ];
  if (a.staticFiles === 'proxy')
    steps.push({
      title: 'Collect static files where the proxy serves them',
      commands: [
        `sudo install -d -o ${a.appUser} -g ${a.appUser} ${a.staticRoot} ${a.mediaRoot}`,
        `cd ${a.appDir} && sudo -u ${a.appUser} ${target.venvPath}/bin/python manage.py collectstatic --noinput`,
      ],
      note: `settings.py: STATIC_ROOT = "${a.staticRoot}", MEDIA_ROOT = "${a.mediaRoot}", STATIC_URL = "/static/", MEDIA_URL = "/media/".`,
    });
  steps.push({
    title: 'Start Gunicorn through its socket',
    commands: [
      'sudo systemctl daemon-reload',
      'sudo systemctl enable --now gunicorn.socket',
      `curl --unix-socket ${target.socketPath} -H "Host: ${a.domain}" http://localhost/`,
    ],
    note: `The first request starts gunicorn.service. settings.py: ALLOWED_HOSTS = ["${a.domain}"], SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https"), and CONN_MAX_AGE > 0 for persistent database connections.`,
  });
  if (a.proxy === 'nginx')
    steps.push({
      title: 'Get the certificate, enable the site, check and reload Nginx',
      commands: [
        `sudo certbot certonly --standalone -d ${a.domain} --pre-hook "systemctl stop nginx" --post-hook "systemctl start nginx"`,
        `sudo ln -sf ${proxyFile.path} /etc/nginx/sites-enabled/${a.domain}`,
        'sudo rm -f /etc/nginx/sites-enabled/default',
        'sudo nginx -t',
        'sudo systemctl reload nginx',
      ],
      note: 'Certbot keeps the hooks for renewals. Ports 80 and 443 must be open in the security group, and the domain must point at this box.',
    });
  else
    steps.push({
      title: 'Check and reload Caddy',
      commands: [
        `sudo caddy validate --adapter caddyfile --config ${proxyFile.path}`,
        'sudo systemctl reload caddy',
      ],
      note: 'Caddy gets and renews the certificate itself once the domain points at this box and ports 80 and 443 are open.',
    });
  const celery = byName('celery.service');
  if (celery) steps.push({ title: 'Start Celery', commands: ['sudo systemctl enable --now celery.service'] });
  steps.push({
    title: 'Deploy new code later',
    commands: [
      rec.chosen.plan.preloadApp.value
        ? 'sudo systemctl restart gunicorn.service'
        : 'sudo systemctl reload gunicorn.service',
    ],
    note: rec.chosen.plan.preloadApp.value
      ? 'preload_app is on, so new code needs a restart (a HUP reload would keep the old code loaded in the master).'
      : 'A reload (HUP) starts new workers with the new code and lets the old ones finish their requests.',
  });
  return steps;
}

/** The file's name in the download (and in `install` commands): the last part of its server path. */
export function basename(f: GeneratedFile): string {
  return f.path.slice(f.path.lastIndexOf('/') + 1);
}
