// Every generated file, for a matrix of scenarios, checked by the real programs that will read it:
// gunicorn 20.1, nginx 1.22, Caddy 2.6.2 and systemd-analyze (Debian 12's versions).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAll } from '../../src/core/generators/bundle';
import { generateCaddyfile } from '../../src/core/generators/caddy';
import { generateGunicornConf } from '../../src/core/generators/gunicornConf';
import { generateNginxSite } from '../../src/core/generators/nginx';
import { SYSTEMD_DIR } from '../../src/core/generators/systemd';
import { productionTarget, type DeployTarget } from '../../src/core/generators/target';
import { TRAFFIC, recFor, scenarioMatrix, type Scenario } from '../../src/testing/scenarios';
import type { Recommendation } from '../../src/core/recommend';
import { caddyValidate, nginxTest, writeDebianNginxConf, writeNginxConf } from './proxies';
import { structuralCheck, unitCheckMode, verifyUnits } from './units';
import { BIN, pool, run } from './tools';
import { createWorkspace, workspaceTarget, type Workspace } from './workspace';

interface SettingsReport {
  path: string;
  unknown: string[];
  invalid: Record<string, string>;
  settings: Record<string, unknown>;
  workerClass: string | null;
}

interface Built {
  rec: Recommendation;
  dir: string;
  conf: string;
  units: string[];
  service: string;
  /** nginx prefixes with their nginx.conf, or Caddyfiles, one per target variant. */
  proxyFiles: Array<{ variant: string; path: string; prefix?: string }>;
}

const HELPER = join(import.meta.dirname, 'gunicorn_settings.py');
const WORKER_CLASSES = {
  sync: 'gunicorn.workers.sync.SyncWorker',
  gthread: 'gunicorn.workers.gthread.ThreadWorker',
  asgi: 'uvicorn.workers.UvicornWorker',
} as const;

/** Loads gunicorn.conf.py files with gunicorn 20.1's own loader and settings table. */
async function gunicornSettings(paths: string[]): Promise<Map<string, SettingsReport>> {
  const r = await run(BIN.python, [HELPER, ...paths], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`gunicorn_settings.py failed: ${r.stderr}`);
  return new Map((JSON.parse(r.stdout) as SettingsReport[]).map((x) => [x.path, x]));
}

/** ExecStart= and WorkingDirectory= of a generated service, to run exactly what systemd would. */
function execStart(service: string): { argv: string[]; cwd: string } {
  const line = (key: string) =>
    service
      .split('\n')
      .find((l) => l.startsWith(`${key}=`))
      ?.slice(key.length + 1);
  return { argv: (line('ExecStart') ?? '').split(' '), cwd: line('WorkingDirectory') ?? '/' };
}

async function build(s: Scenario, ws: Workspace): Promise<Built> {
  const rec = recFor({ ...s.answers, ...ws.answers });
  const dir = join(ws.root, s.name);
  await mkdir(dir, { recursive: true });
  const prod = productionTarget(rec);
  const test = workspaceTarget(rec, ws, dir, { httpPort: 18080, httpsPort: 18443 });
  // gunicorn.conf.py exactly as a user gets it (bind and logs are not touched by --check-config).
  const conf = join(dir, 'gunicorn.conf.py');
  await writeFile(conf, generateGunicornConf(rec, prod));
  const units: string[] = [];
  for (const f of generateAll(rec, test).filter((f) => f.path.startsWith(SYSTEMD_DIR))) {
    units.push(join(dir, f.name));
    await writeFile(join(dir, f.name), f.content);
  }
  const proxyFiles: Built['proxyFiles'] = [];
  // Production addresses and ports, with the test certificate instead of certbot's (a target parameter).
  // Every scenario also behind a load balancer (plain HTTP, /healthz, X-Forwarded-For from its subnet); a
  // scenario that scales out is behind one in production already.
  const behindLb: DeployTarget = {
    ...test,
    tls: { kind: 'off' },
    loadBalancer: { trustedCidr: '10.0.0.0/16' },
  };
  const variants: Array<[string, DeployTarget]> = [
    [
      'production',
      rec.answers.proxy === 'nginx' && prod.loadBalancer === null ? { ...prod, tls: test.tls } : prod,
    ],
    ['test-tls', test],
    ['test-plain', { ...test, tls: { kind: 'off' } }],
    ['test-lb', behindLb],
  ];
  for (const [variant, target] of variants) {
    if (rec.answers.proxy === 'nginx') {
      const prefix = join(dir, `nginx-${variant}`);
      const site = join(prefix, 'site.conf');
      await mkdir(prefix, { recursive: true });
      await writeFile(site, generateNginxSite(rec, target));
      proxyFiles.push({ variant, path: await writeNginxConf(prefix, site), prefix });
      if (variant === 'production' || variant === 'test-lb')
        proxyFiles.push({
          variant: `${variant} in Debian’s nginx.conf`,
          path: await writeDebianNginxConf(prefix, site),
          prefix,
        });
    } else {
      const path = join(dir, `Caddyfile.${variant}`);
      await writeFile(path, generateCaddyfile(rec, target));
      proxyFiles.push({ variant, path });
    }
  }
  return {
    rec,
    dir,
    conf,
    units,
    service: generateAll(rec, test).find((f) => f.name === 'gunicorn.service')!.content,
    proxyFiles,
  };
}

async function checkProxy(b: Built, f: Built['proxyFiles'][number]) {
  const r = f.prefix
    ? await nginxTest(f.prefix, f.path)
    : await caddyValidate(f.path, join(b.dir, 'caddy-home'));
  return { ...r, variant: f.variant, ok: r.code === 0 };
}

const scenarios = scenarioMatrix();
let ws: Workspace;
const built = new Map<string, Built>();
let reports: Map<string, SettingsReport>;

beforeAll(async () => {
  ws = await createWorkspace();
  await pool(scenarios, 4, async (s) => built.set(s.name, await build(s, ws)));
  reports = await gunicornSettings([...built.values()].map((b) => b.conf));
  console.info(`systemd units checked with: ${await unitCheckMode()}`);
});

afterAll(async () => {
  await ws?.cleanup();
});

describe.each(scenarios)('$name', (s) => {
  it.concurrent(
    'gunicorn.conf.py sets only gunicorn 20.1 settings, to the planned values',
    async ({ expect }) => {
      const b = built.get(s.name)!;
      const rep = reports.get(b.conf)!;
      const p = b.rec.chosen.plan;
      expect(rep.unknown).toEqual([]);
      expect(rep.invalid).toEqual({});
      expect(rep.workerClass).toBe(WORKER_CLASSES[s.workload]);
      expect(rep.settings).toEqual({
        bind: ['unix:/run/gunicorn.sock'],
        workers: p.workers.value,
        threads: p.threads.value,
        worker_class: p.workerClass.value,
        ...(p.workerConnections ? { worker_connections: p.workerConnections.value } : {}),
        timeout: p.timeout.value,
        graceful_timeout: p.gracefulTimeout.value,
        keepalive: p.keepalive.value,
        max_requests: p.maxRequests.value,
        max_requests_jitter: p.maxRequestsJitter.value,
        preload_app: p.preloadApp.value,
        worker_tmp_dir: p.workerTmpDir.value,
        forwarded_allow_ips: [p.forwardedAllowIps.value],
        accesslog: '/var/log/gunicorn/access.log',
        errorlog: '/var/log/gunicorn/error.log',
        loglevel: 'info',
      });
    },
  );

  it.concurrent(
    'gunicorn --check-config loads the Django app with it, as gunicorn.service starts it',
    async ({ expect }) => {
      const b = built.get(s.name)!;
      const { argv, cwd } = execStart(b.service);
      expect(argv.slice(1)).toEqual(['-c', b.conf, `mysite.${b.rec.answers.appInterface}:application`]);
      const r = await run(argv[0]!, ['--check-config', ...argv.slice(1)], { cwd });
      expect(r.code, r.stderr).toBe(0);
    },
  );

  it.concurrent(
    `${s.answers.proxy === 'nginx' ? 'nginx -t' : 'caddy validate'} accepts the proxy config`,
    async ({ expect }) => {
      const b = built.get(s.name)!;
      for (const f of b.proxyFiles) {
        const r = await checkProxy(b, f);
        expect(r.ok, `${f.variant}: ${r.stderr}${r.stdout}`).toBe(true);
      }
    },
  );

  it.concurrent(
    'systemd-analyze verify (or, where it cannot run, a structural check) accepts the units',
    async ({ expect }) => {
      const b = built.get(s.name)!;
      // celery.service goes where Celery runs: this box, or the Celery box a scale-out moved it to.
      expect(b.units.length).toBe(s.answers.celery === 'here' ? 3 : 2);
      const v = await verifyUnits(b.units);
      expect(v.ok, v.report).toBe(true);
    },
  );
});

// Each checker must be able to fail: the same files with one known defect are refused.
describe('the matrix covers every unit', () => {
  it('some scenarios keep Celery on one box, so celery.service goes through systemd-analyze', () => {
    const withCelery = [...built.values()].filter((b) => b.units.some((u) => u.endsWith('celery.service')));
    expect(withCelery.length).toBeGreaterThan(0);
  });
});

describe('the checks catch broken configs', () => {
  const anyOf = (proxy: 'nginx' | 'caddy', workload: Scenario['workload']) =>
    built.get(scenarios.find((s) => s.answers.proxy === proxy && s.workload === workload)!.name)!;

  it('a misspelt gunicorn setting is reported (gunicorn itself would ignore it)', async () => {
    const b = anyOf('nginx', 'gthread');
    const bad = join(b.dir, 'misspelt.conf.py');
    await writeFile(bad, `${await readFile(b.conf, 'utf8')}\nworker = 3\n`);
    const rep = (await gunicornSettings([bad])).get(bad)!;
    expect(rep.unknown).toEqual(['worker']);
  });

  it('--check-config fails when the module is not the project', async () => {
    const b = anyOf('nginx', 'sync');
    const { argv, cwd } = execStart(b.service);
    const r = await run(argv[0]!, ['--check-config', '-c', b.conf, 'othersite.wsgi:application'], { cwd });
    expect(r.code).not.toBe(0);
  });

  it('nginx 1.22 refuses the site generated for nginx 1.25+ (`http2 on;`)', async () => {
    const b = anyOf('nginx', 'sync');
    const prefix = join(b.dir, 'nginx-1.25');
    await mkdir(prefix, { recursive: true });
    const site = join(prefix, 'site.conf');
    const t = workspaceTarget(b.rec, ws, b.dir, { versions: { nginx: '1.25+', caddy: '2.6' } });
    await writeFile(site, generateNginxSite(b.rec, t));
    const r = await nginxTest(prefix, await writeNginxConf(prefix, site));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('unknown directive "http2"');
  });

  it('Caddy 2.6 refuses the Caddyfile generated for Caddy 2.7+ (`request_buffers`)', async () => {
    const b = anyOf('caddy', 'sync');
    const file = join(b.dir, 'Caddyfile.2.7');
    const t = workspaceTarget(b.rec, ws, b.dir, { versions: { nginx: '1.22', caddy: '2.7+' } });
    await writeFile(file, generateCaddyfile(b.rec, t));
    const r = await caddyValidate(file, join(b.dir, 'caddy-home'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('request_buffers');
  });

  it('systemd-analyze (or the structural check) reports a service whose gunicorn does not exist', async () => {
    const b = anyOf('caddy', 'gthread');
    const dir = join(b.dir, 'novenv');
    await mkdir(dir, { recursive: true });
    const t = workspaceTarget(b.rec, ws, dir, { venvPath: join(ws.root, 'no-such-venv') });
    const units: string[] = [];
    for (const f of generateAll(b.rec, t).filter((f) => f.path.startsWith(SYSTEMD_DIR))) {
      units.push(join(dir, f.name));
      await writeFile(join(dir, f.name), f.content);
    }
    const v = await verifyUnits(units);
    expect(v.ok).toBe(false);
    expect(v.report).toContain('no-such-venv');
    // The fallback must catch it too, and pass the good units.
    expect((await structuralCheck(units)).report).toContain('no-such-venv');
    expect(await structuralCheck(b.units)).toEqual({ ok: true, report: '' });
  });
});

// The fleet variants the matrix does not reach: a health check answered by Django, and both proxies for a plan
// that scales out (production target: plain HTTP on port 80, the default VPC's subnet trusted).
describe('behind a load balancer', () => {
  const cases = (['nginx', 'caddy'] as const).flatMap((proxy) =>
    (['proxy', 'django'] as const).map((healthCheck) => ({ proxy, healthCheck })),
  );
  it.each(cases)(
    '$proxy, health check by $healthCheck: the server accepts the production config',
    async (c) => {
      const rec = recFor({ ...TRAFFIC.large, proxy: c.proxy, healthCheck: c.healthCheck, ...ws.answers });
      expect(rec.choice.scaleOut).toBeGreaterThan(1);
      const prod = productionTarget(rec);
      expect(prod.loadBalancer).toEqual({ trustedCidr: '172.31.0.0/16' });
      const dir = join(ws.root, `lb-${c.proxy}-${c.healthCheck}`);
      await mkdir(dir, { recursive: true });
      if (c.proxy === 'nginx') {
        const site = join(dir, 'site.conf');
        await writeFile(site, generateNginxSite(rec, prod));
        for (const conf of [await writeNginxConf(dir, site), await writeDebianNginxConf(dir, site)]) {
          const r = await nginxTest(dir, conf);
          expect(r.code, r.stderr).toBe(0);
        }
      } else {
        const file = join(dir, 'Caddyfile');
        await writeFile(file, generateCaddyfile(rec, prod));
        const r = await caddyValidate(file, join(dir, 'caddy-home'));
        expect(r.code, r.stderr).toBe(0);
      }
    },
  );

  it('Caddy 2.6 refuses the global servers { trusted_proxies } of Caddy 2.7+, so the generator uses reverse_proxy’s', async () => {
    const dir = join(ws.root, 'lb-caddy-global-trusted');
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'Caddyfile');
    await writeFile(
      file,
      '{\n\tservers {\n\t\ttrusted_proxies static 10.0.0.0/16\n\t}\n}\nhttp://:18080 {\n\trespond ok\n}\n',
    );
    const r = await caddyValidate(file, join(dir, 'caddy-home'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unrecognized servers option 'trusted_proxies'");
  });
});
