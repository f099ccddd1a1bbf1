import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../recommend';
import { generateGunicornConf } from './gunicornConf';
import { productionTarget } from './target';
import { recFor, WORKLOADS } from '../../testing/scenarios';

const ASSIGNMENT = /^([a-z_]+) = (.+)$/;

/** The `name = value` lines, in order; throws on any line that is neither that, a comment nor blank. */
function assignments(conf: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of conf.split('\n')) {
    if (line === '' || line.startsWith('# ')) continue;
    const m = ASSIGNMENT.exec(line);
    if (!m) throw new Error(`Not a setting, a comment or blank: ${JSON.stringify(line)}`);
    out.push([m[1]!, m[2]!]);
  }
  return out;
}

/** The same recommendation with every plan reason replaced (reasons are free prose from the core). */
function withReasons(rec: Recommendation, reason: string): Recommendation {
  const plan = Object.fromEntries(
    Object.entries(rec.chosen.plan).map(
      ([k, v]) => [k, v && typeof v === 'object' && 'reason' in v ? { ...v, reason } : v] as const,
    ),
  ) as unknown as Recommendation['chosen']['plan'];
  return { ...rec, chosen: { ...rec.chosen, plan } };
}

describe('generateGunicornConf', () => {
  it('sets every recommended setting to the plan’s value (gthread)', () => {
    const rec = recFor(WORKLOADS.gthread);
    const p = rec.chosen.plan;
    expect(Object.fromEntries(assignments(generateGunicornConf(rec, productionTarget(rec))))).toEqual({
      bind: "'unix:/run/gunicorn.sock'",
      workers: String(p.workers.value),
      threads: String(p.threads.value),
      worker_class: "'gthread'",
      worker_connections: String(p.workerConnections!.value),
      timeout: String(p.timeout.value),
      graceful_timeout: String(p.gracefulTimeout.value),
      keepalive: String(p.keepalive.value),
      max_requests: String(p.maxRequests.value),
      max_requests_jitter: String(p.maxRequestsJitter.value),
      preload_app: p.preloadApp.value ? 'True' : 'False',
      worker_tmp_dir: "'/dev/shm'",
      forwarded_allow_ips: "'127.0.0.1'",
      accesslog: "'/var/log/gunicorn/access.log'",
      errorlog: "'/var/log/gunicorn/error.log'",
      loglevel: "'info'",
    });
  });

  it('leaves out worker_connections for sync workers, which have no use for it', () => {
    const rec = recFor(WORKLOADS.sync);
    expect(rec.chosen.plan.workerClass.value).toBe('sync');
    const names = assignments(generateGunicornConf(rec, productionTarget(rec))).map(([n]) => n);
    expect(names).not.toContain('worker_connections');
    expect(names).toContain('workers');
  });

  it('runs the ASGI worker class for an ASGI app', () => {
    const rec = recFor(WORKLOADS.asgi);
    expect(generateGunicornConf(rec, productionTarget(rec))).toContain(
      "worker_class = 'uvicorn.workers.UvicornWorker'",
    );
  });

  it('puts each setting under its reason', () => {
    const rec = recFor();
    const lines = generateGunicornConf(rec, productionTarget(rec)).split('\n');
    const i = lines.indexOf(`workers = ${rec.chosen.plan.workers.value}`);
    expect(lines[i - 1]).toBe(`# ${rec.chosen.plan.workers.reason}`);
  });

  it.each(['\nimport os; os.system("x")', '\r\nworkers = 1', '\u2028workers = 1', '\u0085x', '\u202e#'])(
    'keeps a reason containing %j inside its comment',
    (evil) => {
      const rec = recFor();
      const clean = assignments(generateGunicornConf(rec, productionTarget(rec)));
      const conf = generateGunicornConf(withReasons(rec, evil), productionTarget(rec));
      expect(assignments(conf)).toEqual(clean);
      expect(conf).not.toMatch(/[\u2028\u2029\u0085\u202e\r]/);
    },
  );

  it('uses the target’s socket, log directory and paths', () => {
    const rec = recFor();
    const conf = generateGunicornConf(rec, {
      ...productionTarget(rec),
      socketPath: '/tmp/t/app.sock',
      logDir: '/tmp/t/log',
      venvPath: '/opt/venv',
      gunicornConfPath: '/etc/gunicorn/app.py',
    });
    expect(conf).toContain("bind = 'unix:/tmp/t/app.sock'");
    expect(conf).toContain("accesslog = '/tmp/t/log/access.log'");
    expect(conf).toContain(
      '/opt/venv/bin/gunicorn --check-config -c /etc/gunicorn/app.py mysite.wsgi:application',
    );
  });

  it('has a header with the answers, the rules version and the permalink', () => {
    const rec = recFor({ concurrentUsers: 321 });
    const conf = generateGunicornConf(rec, {
      ...productionTarget(rec),
      permalink: 'https://r.example/?v=1&cu=321',
    });
    expect(conf).toContain(`rules ${rec.rulesVersion}`);
    expect(conf).toContain('concurrentUsers=321');
    expect(conf).toContain('# These answers: https://r.example/?v=1&cu=321');
  });

  it('refuses to write a non-finite number (Python has no literal for it)', () => {
    const rec = recFor();
    const broken = {
      ...rec,
      chosen: { ...rec.chosen, plan: { ...rec.chosen.plan, workers: { value: NaN, reason: 'x' } } },
    };
    expect(() => generateGunicornConf(broken, productionTarget(rec))).toThrow(/finite/);
  });
});
