import type { GeneratedFile } from './generators/bundle';
import type { DeployTarget } from './generators/target';
import { celeryPlan } from './celery';
import { REDIS_CONF_PATH, REDIS_INCLUDE_LINE } from './generators/redisConf';
import { postgresPlan } from './postgres';
import type { Recommendation } from './recommend';
import { redisPlan } from './redis';

/** A value a step puts in force, with its reason (the same text as the comment above it in the file). */
export interface StepSetting {
  name: string;
  value: string;
  reason: string;
}

export interface SetupStep {
  title: string;
  commands: string[];
  note?: string;
  settings?: StepSetting[];
}

/**
 * How to put the generated files on a Debian/Ubuntu server and switch them on, in order. Paths come from
 * the files themselves, so the steps can never disagree with what is downloaded.
 */
export function setupSteps(rec: Recommendation, target: DeployTarget, files: GeneratedFile[]): SetupStep[] {
  const a = rec.answers;
  const byName = (n: string) => files.find((f) => f.name === n)?.path;
  const proxyFile = files.find((f) => f.language === 'nginx' || f.language === 'caddy')!;
  const pg = postgresPlan(rec);
  const redis = redisPlan(a);
  const celery = celeryPlan(a, rec.chosen);
  const steps: SetupStep[] = [
    {
      title: 'Install the packages and the app user',
      commands: [
        `sudo apt-get install -y ${[
          ...(a.proxy === 'nginx' ? ['nginx', 'certbot'] : ['caddy']),
          ...(pg ? ['postgresql'] : []),
          ...(redis ? ['redis-server'] : []),
        ].join(' ')}`,
        `sudo useradd --system --home ${a.appDir} --shell /usr/sbin/nologin ${a.appUser} || true`,
        `sudo install -d -o ${a.appUser} -g ${a.appUser} ${target.logDir}`,
        `sudo -u ${a.appUser} python3 -m venv ${target.venvPath} && sudo -u ${a.appUser} ${target.venvPath}/bin/pip install gunicorn${a.appInterface === 'asgi' ? ' "uvicorn[standard]"' : ''}${celery ? ' "celery[redis]"' : ''}${pg ? ' psycopg2-binary' : ''}`,
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
  if (pg)
    steps.push({
      title: 'Apply the PostgreSQL settings (a restart: shared_buffers needs one)',
      commands: [
        'sudo systemctl restart postgresql',
        `sudo -u postgres psql -c "SHOW shared_buffers" -c "SHOW max_connections"`,
      ],
      note:
        `Create the app’s role and database (createuser, createdb). settings.py: DATABASES["default"] with "HOST": "localhost" and "CONN_MAX_AGE": 60; max_connections (${pg.maxConnections}) counts one connection per Gunicorn thread and Celery process.` +
        // Debian's PostgreSQL listens on localhost only: a Celery box elsewhere cannot reach it as installed.
        (a.celery === 'elsewhere'
          ? ' Celery runs on another instance: it needs listen_addresses to include this box’s private address, a pg_hba.conf line for that instance, and port 5432 open to it in the security group only.'
          : ''),
      settings: pg.settings.map(({ name, value, reason }) => ({ name, value, reason })),
    });
  if (redis)
    steps.push({
      title: 'Apply the Redis settings',
      commands: [
        `grep -qxF '${REDIS_INCLUDE_LINE}' /etc/redis/redis.conf || echo '${REDIS_INCLUDE_LINE}' | sudo tee -a /etc/redis/redis.conf`,
        'sudo systemctl restart redis-server',
        'redis-cli CONFIG GET maxmemory-policy',
      ],
      note:
        (redis.role === 'broker'
          ? `settings.py: CELERY_BROKER_URL = "redis://127.0.0.1:6379/0". ${REDIS_CONF_PATH} is read last, so its values win over redis.conf’s.`
          : `settings.py: CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"} (Django 4+). ${REDIS_CONF_PATH} is read last, so its values win.`) +
        // Debian's redis.conf binds 127.0.0.1 with protected mode: a Celery box elsewhere cannot reach it.
        (a.celery === 'elsewhere'
          ? ' Celery runs on another instance: bind this box’s private address too, set requirepass, and open port 6379 to that instance only.'
          : ''),
      settings: [
        { name: 'maxmemory', value: `${redis.maxmemoryMib.value}mb`, reason: redis.maxmemoryMib.reason },
        { name: 'maxmemory-policy', value: redis.policy.value, reason: redis.policy.reason },
      ],
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
  const celeryUnits = ['celery.service', 'celerybeat.service'].filter((n) => byName(n));
  if (celery && celeryUnits.length)
    steps.push({
      title: 'Start Celery',
      commands: [`sudo systemctl enable --now ${celeryUnits.join(' ')}`],
      note: `settings.py: CELERY_BROKER_URL, and ${a.djangoModule}/celery.py as in Celery’s “First steps with Django”.`,
      settings: [
        { name: 'concurrency', value: `${celery.concurrency.value}`, reason: celery.concurrency.reason },
        { name: 'room on this box', value: `${celery.maxOnBox.value}`, reason: celery.maxOnBox.reason },
        { name: 'celery beat', value: celery.beat.value ? 'yes' : 'no', reason: celery.beat.reason },
      ],
    });
  const gunicorn = rec.chosen.plan.preloadApp.value
    ? 'sudo systemctl restart gunicorn.service'
    : 'sudo systemctl reload gunicorn.service';
  steps.push({
    title: 'Deploy new code later',
    commands: [
      gunicorn,
      // Celery workers import the tasks once at start: new code runs only after a restart (a warm shutdown
      // lets running tasks finish first, up to TimeoutStopSec).
      ...(celeryUnits.length ? [`sudo systemctl restart ${celeryUnits.join(' ')}`] : []),
    ],
    note:
      (rec.chosen.plan.preloadApp.value
        ? 'preload_app is on, so new code needs a restart (a HUP reload would keep the old code loaded in the master).'
        : 'A reload (HUP) starts new workers with the new code and lets the old ones finish their requests.') +
      (celeryUnits.length
        ? ' Celery workers keep the code they started with: restart them too (running tasks finish first).'
        : a.celery === 'elsewhere'
          ? ' Celery runs on another instance: restart its workers there with the same code.'
          : ''),
  });
  return steps;
}

/** The file's name in the download (and in `install` commands): the last part of its server path. */
export function basename(f: GeneratedFile): string {
  return f.path.slice(f.path.lastIndexOf('/') + 1);
}
