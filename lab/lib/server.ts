// The lab's server: the reference Django project copied to a temp dir, with a seeded SQLite database, and
// Debian's Gunicorn 20.1 running the gunicorn.conf.py that Rightsize generates (generateGunicornConf through a
// DeployTarget; the lab changes the plan *object* — workers, threads, preload — never the text).
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ANSWERS, type Answers } from '../../src/core/answers';
import type { Instance } from '../../src/core/catalog';
import { demand, type Demand } from '../../src/core/demand';
import { generateGunicornConf } from '../../src/core/generators/gunicornConf';
import { productionTarget, type DeployTarget } from '../../src/core/generators/target';
import type { GunicornPlan, WorkerClass } from '../../src/core/gunicorn';
import { r } from '../../src/core/reasoned';
import { recommend, type Recommendation } from '../../src/core/recommend';
import { shippedCatalog } from '../../src/testing/fixtures';
import { BIN, CLEAN_ENV, run, sleep, startServer, type Server } from '../../scripts/servers/tools';
import { childrenOf, setSessionNice } from './proc';
import { get, type Endpoint } from './loadgen';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DJANGO_SRC = join(HERE, '..', 'django');
export const MODULE = 'labsite';
export const HOST = 'example.com';

export interface LabSite {
  root: string;
  project: string;
  db: string;
  cleanup: () => Promise<void>;
}

/** Copies the reference project to a temp dir, migrates and seeds its SQLite database. */
export async function createSite(): Promise<LabSite> {
  const root = await mkdtemp(join(tmpdir(), 'rightsize-lab-'));
  const project = join(root, 'project');
  await cp(DJANGO_SRC, project, { recursive: true, filter: (s) => !s.includes('__pycache__') });
  for (const d of ['run', 'log', 'venv/bin']) await mkdir(join(root, d), { recursive: true });
  await symlink(BIN.gunicorn, join(root, 'venv/bin/gunicorn'));
  const db = join(root, 'lab.sqlite3');
  const env = { ...CLEAN_ENV, LAB_DB: db };
  for (const args of [
    ['manage.py', 'migrate', '-v0'],
    ['-m', 'shop.management_seed'],
  ]) {
    const res = await run(BIN.python, args, { cwd: project, env, timeoutMs: 120_000 });
    if (res.code !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr}`);
  }
  return { root, project, db, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** What the lab asks Gunicorn to run: one configuration of the plan. */
export interface ServerConfig {
  workers: number;
  threads: number;
  /** sync when threads = 1 unless given. */
  workerClass?: WorkerClass;
  preload?: boolean;
}

export const configLabel = (c: ServerConfig) =>
  `${c.workers}×${c.threads} ${c.workerClass ?? (c.threads > 1 ? 'gthread' : 'sync')}${c.preload ? ' preload' : ''}`;

/** The answers a lab profile stands for: the user's typical response and I/O share, the app in the lab site. */
export function labAnswers(site: LabSite, over: Partial<Answers>): Answers {
  return {
    ...DEFAULT_ANSWERS,
    djangoModule: MODULE,
    appDir: site.project,
    staticRoot: join(site.root, 'static'),
    mediaRoot: join(site.root, 'media'),
    ...over,
  };
}

/** The lab's "instance": `cores` cores of this machine (Gunicorn's own 2 × cores + 1 uses the physical count). */
export function labInstance(cores: number, memoryGib = 2): Instance {
  return {
    type: `lab-${cores}core`,
    family: 'lab',
    arch: 'x86_64',
    vcpu: cores,
    cores,
    memoryGib,
    usdPerHour: 0.01,
    baselinePct: null,
  };
}

/** Demand that sends exactly `rps` dynamic requests/s (the lab drives the rate itself). */
export function labDemand(a: Answers, rps: number): Demand {
  const d = demand(a);
  return { ...d, dynamicRps: r(rps, `lab: ${rps} requests/s`) };
}

/** A recommendation for the answers with the plan set to `cfg`: what generateGunicornConf renders. */
export function labRecommendation(a: Answers, cfg: ServerConfig): Recommendation {
  const rec = recommend(a, shippedCatalog());
  const wc: WorkerClass = cfg.workerClass ?? (cfg.threads > 1 ? 'gthread' : 'sync');
  const why = 'Set by the fidelity lab for this measurement.';
  const plan: GunicornPlan = {
    ...rec.chosen.plan,
    workers: r(cfg.workers, why),
    threads: r(cfg.threads, why),
    workerClass: r(wc, why),
    perWorker: cfg.threads,
    slots: cfg.workers * cfg.threads,
    workerConnections: wc === 'gthread' ? r(1000, 'Gunicorn’s default.') : null,
    preloadApp: r(cfg.preload ?? false, why),
  };
  return { ...rec, chosen: { ...rec.chosen, plan } };
}

export function labTarget(rec: Recommendation, site: LabSite, confPath: string): DeployTarget {
  return {
    ...productionTarget(rec),
    socketPath: join(site.root, 'run', 'gunicorn.sock'),
    logDir: join(site.root, 'log'),
    venvPath: join(site.root, 'venv'),
    gunicornConfPath: confPath,
    listenAddress: '127.0.0.1',
    tls: { kind: 'off' },
    caddyAdmin: { kind: 'off' },
  };
}

export interface Running {
  server: Server;
  ep: Endpoint;
  conf: string;
  masterPid: number;
  workerPids: () => number[];
  stop: () => Promise<void>;
}

export interface Placement {
  /** Cores Gunicorn is pinned to (taskset -c). */
  serverCpus: string;
  /** nice value for Gunicorn: negative shields it from other (niced) work on a shared machine. */
  nice: number;
  /** Group nice of the server's session under autogroup scheduling (proc.ts setSessionNice). */
  sessionNice: number;
}

/** Starts Gunicorn on the generated config, pinned and (optionally) reniced; waits until every worker answers. */
export async function startGunicorn(
  site: LabSite,
  a: Answers,
  cfg: ServerConfig,
  place: Placement,
): Promise<Running> {
  const rec = labRecommendation(a, cfg);
  const confPath = join(site.root, 'gunicorn.conf.py');
  const target = labTarget(rec, site, confPath);
  const conf = generateGunicornConf(rec, target);
  await writeFile(confPath, conf);
  await rm(target.socketPath, { force: true });
  const args = ['-c', String(place.serverCpus), 'nice', '-n', String(place.nice)];
  args.push(BIN.gunicorn, '-c', confPath, `${MODULE}.wsgi:application`);
  const server = startServer('gunicorn', '/usr/bin/taskset', args, {
    cwd: site.project,
    env: { ...CLEAN_ENV, LAB_DB: site.db },
    stopSignal: 'SIGTERM',
  });
  const ep = { socketPath: target.socketPath, host: HOST };
  const masterPid = server.child.pid!;
  // startServer runs it in its own session (setsid): give that session the same nice.
  setSessionNice(masterPid, place.sessionNice);
  const workerPids = () => childrenOf(masterPid);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`gunicorn exited:\n${server.output()}`);
    if (existsSync(ep.socketPath) && workerPids().length >= cfg.workers) {
      // Every worker imports Django lazily (no preload): touch each a few times before measuring.
      let ok = 0;
      for (let k = 0; k < cfg.workers * 4; k++) if ((await get(ep, '/io?ms=0', 5000)) === 200) ok++;
      if (ok === cfg.workers * 4) break;
    }
    if (Date.now() > deadline) throw new Error(`gunicorn did not start:\n${server.output()}`);
    await sleep(100);
  }
  return { server, ep, conf, masterPid, workerPids, stop: () => server.stop() };
}
