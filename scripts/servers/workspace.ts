// A throwaway deployment under /tmp: a tiny real Django project, a "venv" pointing at Debian's gunicorn,
// a self-signed certificate, and DeployTargets that put every path and port inside it.
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answers } from '../../src/core/answers';
import { productionTarget, type DeployTarget } from '../../src/core/generators/target';
import type { Recommendation } from '../../src/core/recommend';
import { BIN, run } from './tools';

export const DOMAIN = 'example.com';
export const MODULE = 'mysite';
export const STATIC_CSS = `/* Rightsize smoke test: served by the proxy from STATIC_ROOT. */\n${'.rightsize { color: #123456; }\n'.repeat(40)}`;
export const MEDIA_TEXT = 'uploaded by a user\n';

export interface Workspace {
  root: string;
  project: string;
  staticRoot: string;
  mediaRoot: string;
  cert: string;
  key: string;
  /** Answers that place the app inside this workspace. */
  answers: Partial<Answers>;
  cleanup: () => Promise<void>;
}

const py = (s: string) => JSON.stringify(s); // a valid Python literal for the ASCII paths used here

function djangoFiles(ws: { staticRoot: string }): Record<string, string> {
  return {
    'manage.py': `import os, sys\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${MODULE}.settings')\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n`,
    [`${MODULE}/__init__.py`]: '',
    [`${MODULE}/settings.py`]: [
      'from pathlib import Path',
      'BASE_DIR = Path(__file__).resolve().parent.parent',
      "SECRET_KEY = 'rightsize-smoke-test-only'",
      'DEBUG = False',
      `ALLOWED_HOSTS = [${py(DOMAIN)}]`,
      // The generated loadbalancer.py, when a fleet test put it in the project (its middleware first).
      `MIDDLEWARE = ['${MODULE}.loadbalancer.ClientAddressMiddleware'] if (BASE_DIR / '${MODULE}' / 'loadbalancer.py').exists() else []`,
      `ROOT_URLCONF = '${MODULE}.urls'`,
      "INSTALLED_APPS = ['django.contrib.staticfiles']",
      'DATABASES = {}',
      'USE_TZ = True',
      "STATIC_URL = '/static/'",
      `STATIC_ROOT = ${py(ws.staticRoot)}`,
      "STATICFILES_DIRS = [BASE_DIR / 'assets']",
      // The full-stack smoke test writes services.json (PostgreSQL's socket and port, Redis's port) first.
      'import json',
      "_services = BASE_DIR / 'services.json'",
      'SERVICES = json.loads(_services.read_text()) if _services.exists() else {}',
      "if 'postgres' in SERVICES:",
      "    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'postgres', 'USER': 'postgres',",
      "        'HOST': SERVICES['postgres']['host'], 'PORT': SERVICES['postgres']['port'], 'CONN_MAX_AGE': 60}}",
      "if 'redis' in SERVICES:",
      "    CELERY_BROKER_URL = f\"redis://127.0.0.1:{SERVICES['redis']['port']}/0\"",
      '    CELERY_RESULT_BACKEND = CELERY_BROKER_URL',
      '',
    ].join('\n'),
    // Celery's Django layout (First steps with Django): `celery -A mysite` finds mysite.celery.app.
    [`${MODULE}/celery.py`]: [
      'import os',
      'from celery import Celery',
      `os.environ.setdefault('DJANGO_SETTINGS_MODULE', '${MODULE}.settings')`,
      `app = Celery('${MODULE}')`,
      "app.config_from_object('django.conf:settings', namespace='CELERY')",
      '',
      '@app.task',
      'def add(x, y):',
      "    return {'sum': x + y, 'worker_pid': os.getpid()}",
      '',
      '@app.task',
      'def tick():',
      '    import redis',
      '    from django.conf import settings',
      "    redis.Redis.from_url(settings.CELERY_BROKER_URL).incr('rightsize:beat-ticks')",
      '',
      `app.conf.beat_schedule = {'tick': {'task': '${MODULE}.celery.tick', 'schedule': 1.0}}`,
      '',
    ].join('\n'),
    [`${MODULE}/urls.py`]: [
      'import os',
      'from django.http import JsonResponse',
      'from django.urls import path',
      'try:',
      `    from ${MODULE} import loadbalancer`,
      'except ImportError:',
      '    loadbalancer = None',
      '',
      'def whoami(request):',
      '    m = request.META',
      '    return JsonResponse({',
      "        'app': 'rightsize-smoke',",
      "        'host': request.get_host(),",
      "        'x_forwarded_for': m.get('HTTP_X_FORWARDED_FOR'),",
      "        'x_forwarded_proto': m.get('HTTP_X_FORWARDED_PROTO'),",
      "        'x_real_ip': m.get('HTTP_X_REAL_IP'),",
      "        'remote_addr': m.get('REMOTE_ADDR'),",
      // Which of the fleet test's boxes answered (its gunicorn's environment).
      "        'box': os.environ.get('RIGHTSIZE_BOX'),",
      "        'body_bytes': len(request.body),",
      '    })',
      '',
      'def db(request):',
      '    # A query to PostgreSQL and a write to Redis, through Django and redis-py.',
      '    import redis',
      '    from django.conf import settings',
      '    from django.db import connection',
      '    with connection.cursor() as c:',
      "        c.execute('SELECT current_setting(%s), current_setting(%s), count(*) FROM pg_stat_activity', ['shared_buffers', 'max_connections'])",
      '        shared_buffers, max_connections, backends = c.fetchone()',
      '    r = redis.Redis.from_url(settings.CELERY_BROKER_URL)',
      '    return JsonResponse({',
      "        'shared_buffers': shared_buffers,",
      "        'max_connections': int(max_connections),",
      "        'backends': backends,",
      "        'hits': r.incr('rightsize:hits'),",
      "        'maxmemory_policy': r.config_get('maxmemory-policy')['maxmemory-policy'],",
      '    })',
      '',
      'def task(request):',
      '    # A Celery round trip: published to Redis, run by a worker, the result read back from Redis.',
      `    from ${MODULE}.celery import add`,
      '    return JsonResponse(add.delay(2, 3).get(timeout=20))',
      '',
      "urlpatterns = [path('', whoami), path('db', db), path('task', task)]",
      "if hasattr(loadbalancer, 'healthz'):",
      "    urlpatterns.append(path('healthz', loadbalancer.healthz))",
      '',
    ].join('\n'),
    [`${MODULE}/wsgi.py`]: `import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${MODULE}.settings')\napplication = get_wsgi_application()\n`,
    [`${MODULE}/asgi.py`]: `import os\nfrom django.core.asgi import get_asgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${MODULE}.settings')\napplication = get_asgi_application()\n`,
    'assets/rightsize.css': STATIC_CSS,
  };
}

/** Creates the workspace; with `collectstatic`, runs Django's collectstatic into the static root. */
export async function createWorkspace(opts: { collectstatic?: boolean } = {}): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'rightsize-'));
  // nginx's workers run as "nobody" when started by root: they must reach the socket and the files.
  await chmod(root, 0o755);
  const project = join(root, 'project');
  const staticRoot = join(root, 'static');
  const mediaRoot = join(root, 'media');
  for (const d of [
    project,
    staticRoot,
    mediaRoot,
    join(root, 'run'),
    join(root, 'log'),
    join(root, 'venv/bin'),
  ])
    await mkdir(d, { recursive: true });
  for (const [file, text] of Object.entries(djangoFiles({ staticRoot }))) {
    await mkdir(join(project, file, '..'), { recursive: true });
    await writeFile(join(project, file), text);
  }
  await writeFile(join(mediaRoot, 'hello.txt'), MEDIA_TEXT);
  // The generated units start <venv>/bin/gunicorn: here that is Debian's gunicorn 20.1.
  await symlink(BIN.gunicorn, join(root, 'venv/bin/gunicorn'));
  // <venv>/bin/celery: Debian's Celery 5.2 (python3-celery ships no /usr/bin/celery; `python -m celery` is it).
  await writeFile(join(root, 'venv/bin/celery'), `#!/bin/sh\nexec ${BIN.python} -m celery "$@"\n`, {
    mode: 0o755,
  });
  const cert = join(root, 'cert.pem');
  const key = join(root, 'key.pem');
  const ssl = await run(BIN.openssl, [
    ...'req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2'.split(' '),
    ...['-keyout', key, '-out', cert, '-subj', `/CN=${DOMAIN}`],
  ]);
  if (ssl.code !== 0) throw new Error(`openssl failed: ${ssl.stderr}`);
  if (opts.collectstatic) {
    const r = await run(BIN.python, ['manage.py', 'collectstatic', '--noinput'], { cwd: project });
    if (r.code !== 0) throw new Error(`collectstatic failed: ${r.stderr}`);
  }
  return {
    root,
    project,
    staticRoot,
    mediaRoot,
    cert,
    key,
    answers: { domain: DOMAIN, djangoModule: MODULE, appDir: project, staticRoot, mediaRoot },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Production defaults with every path inside the workspace and the proxy on 127.0.0.1. */
export function workspaceTarget(
  rec: Recommendation,
  ws: Workspace,
  dir: string,
  over: Partial<DeployTarget> = {},
): DeployTarget {
  return {
    ...productionTarget(rec),
    socketPath: join(ws.root, 'run', 'gunicorn.sock'),
    logDir: join(ws.root, 'log'),
    venvPath: join(ws.root, 'venv'),
    gunicornConfPath: join(dir, 'gunicorn.conf.py'),
    listenAddress: '127.0.0.1',
    tls: { kind: 'files', certPath: ws.cert, keyPath: ws.key },
    caddyAdmin: { kind: 'off' },
    // A box behind a load balancer has no TLS of its own: tests that want one pass loadBalancer (and tls off).
    loadBalancer: null,
    ...over,
  };
}
