// `npm run lab`: the fidelity lab. Real Django 3.2 under real Gunicorn 20.1 running the gunicorn.conf.py that
// Rightsize generates, pinned to `LAB_CORES` cores (the "instance"); the load generator on the next core.
// Environment: LAB_QUICK=1 (a few minutes, 1 run per point), LAB_ONLY=cpu,memory,saturation,latency,sweep
// (a subset; the others' committed results are kept), LAB_CORES=1, LAB_NICE=-5; LAB_SWEEP_ONLY=mixed:2x3,io:2x8
// (sweep points to measure, the others' committed runs kept), LAB_SWEEP_REPS=5 (runs per sweep point; 3),
// LAB_LATENCY_ONLY=mixed,io (profiles whose accuracy runs to measure, the others' committed runs kept),
// LAB_LATENCY_LOADS=0.8 (loads of the accuracy runs to measure, the other loads' committed runs kept),
// LAB_SWEEP_ALL=1 (also the sweep's far-from-best points, profiles.ts sweepMore; otherwise their runs are kept),
// LAB_SWEEP_APPEND=1 (add runs to the measured points instead of replacing theirs).
// Results: lab/results/<experiment>.json and lab/results/README.md (tables), committed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { stopAll } from '../scripts/servers/tools';
import { closedLoop, get, openLoop } from './lib/loadgen';
import {
  cpuSecondsOf,
  cpusBusySeconds,
  describeMachine,
  memOf,
  setSessionNice,
  treeCpuSeconds,
} from './lib/proc';
import {
  configLabel,
  createSite,
  labAnswers,
  startGunicorn,
  type LabSite,
  type Placement,
  type ServerConfig,
} from './lib/server';
import { percentile, round, sortNum, spread } from './lib/stats';
import { LOADS, PROFILES, type Profile } from './profiles';
import { writeReport } from './report';

const RESULTS = join(__dirname, 'results');
const QUICK = process.env.LAB_QUICK === '1';
const ONLY = (process.env.LAB_ONLY ?? 'check,cpu,memory,saturation,latency,sweep,report').split(',');
const CORES = Number(process.env.LAB_CORES ?? 1);
const NICE = Number(process.env.LAB_NICE ?? -5);
// Autogroup scheduling (on here) makes each session compete as one group whatever its processes' nice: the
// other helpers' `nice -n 19` then gives them the same weight as the server. The sessions of the server and of
// the generator get this group nice instead, which restores the intended order (nice -5 server vs nice 19
// neighbours is ~200:1 in CFS weights; group nice -20 vs 0 is 87:1). See proc.ts setSessionNice.
const SESSION_NICE = Number(process.env.LAB_SESSION_NICE ?? -20);
const MACHINE_CPUS = cpus().length;
if (CORES >= MACHINE_CPUS)
  throw new Error(
    `LAB_CORES=${CORES}: this machine has ${MACHINE_CPUS} CPUs; one must stay for the load generator`,
  );
const place: Placement = {
  serverCpus: CORES === 1 ? '0' : `0-${CORES - 1}`,
  nice: NICE,
  sessionNice: SESSION_NICE,
};
const loadCpus = `${CORES}-${MACHINE_CPUS - 1}`;

let site: LabSite;
let sessionNice = false;
const serverCpuIds = Array.from({ length: CORES }, (_, i) => i);
const t0 = Date.now();
const log = (msg: string) =>
  console.log(`[lab ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

function save(name: string, data: unknown) {
  const file = join(RESULTS, `${name}${QUICK ? '.quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
  log(`wrote ${file}`);
}

export function load<T>(name: string): T | undefined {
  const file = join(RESULTS, `${name}${QUICK ? '.quick' : ''}.json`);
  const fallback = join(RESULTS, `${name}.json`);
  const f = existsSync(file) ? file : existsSync(fallback) ? fallback : undefined;
  return f ? (JSON.parse(readFileSync(f, 'utf8')) as T) : undefined;
}

const meta = () => ({
  measuredAt: new Date().toISOString(),
  quick: QUICK,
  machine: describeMachine(),
  software: { gunicorn: '20.1.0', django: djangoVersion() },
  placement: {
    serverCpus: place.serverCpus,
    serverNice: NICE,
    loadGeneratorCpus: loadCpus,
    sessionNice: sessionNice ? SESSION_NICE : null,
    note: "gunicorn pinned with taskset and reniced (nice, and its session's autogroup nice when autogroup scheduling is on) to shield it from other work on the shared machine; the load generator runs on the other core(s), its session reniced the same way. foreignCpu in each run is the share of the server cores other processes still took.",
  },
  cores: CORES,
});

function djangoVersion(): string {
  return execFileSync('/usr/bin/python3', ['-c', 'import django; print(django.get_version())'])
    .toString()
    .trim();
}

async function withServer<T>(
  p: Profile | null,
  cfg: ServerConfig,
  fn: (s: Awaited<ReturnType<typeof startGunicorn>>) => Promise<T>,
): Promise<T> {
  const a = labAnswers(site, p ? { responseTimeMs: p.responseTimeMs, ioSharePct: p.ioSharePct } : {});
  const s = await startGunicorn(site, a, cfg, place);
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}

const seedOf = (...parts: (string | number)[]) =>
  parts
    .join('/')
    .split('')
    .reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 7);

const MEASURING = ONLY.some((x) => x !== 'report');

beforeAll(async () => {
  if (!MEASURING) return;
  // The load generator (this process) runs on the cores Gunicorn does not use.
  execFileSync('/usr/bin/taskset', ['-a', '-p', '-c', loadCpus, String(process.pid)]);
  // `npm run lab` starts this in its own session (setsid): its nice shields the generator's timing too.
  sessionNice = setSessionNice(process.pid, SESSION_NICE);
  site = await createSite();
  log(
    `site at ${site.root}; gunicorn on CPU ${place.serverCpus} (nice ${NICE}), load generator on CPU ${loadCpus}${QUICK ? ' — QUICK mode' : ''}`,
  );
}, 180_000);

afterAll(async () => {
  await stopAll();
  await site?.cleanup();
});

// ---- check: the generator itself. An I/O-only view at low load must come back at its sleep time.
test.runIf(ONLY.includes('check'))(
  'check: the load generator',
  async () => {
    const sleepMs = 50;
    const out = await withServer(null, { workers: 3, threads: 8 }, async (s) => {
      const r = await openLoop({
        ep: s.ep,
        path: `/io?ms=${sleepMs}`,
        rate: 5,
        durationMs: QUICK ? 8000 : 30_000,
        warmupMs: 1000,
        seed: 1,
      });
      const l = sortNum(r.latenciesMs);
      return {
        sleepMs,
        rate: 5,
        n: l.length,
        errors: r.errors,
        p50: round(percentile(l, 50)),
        p95: round(percentile(l, 95)),
        p99: round(percentile(l, 99)),
        sendLagP99Ms: round(r.sendLagP99Ms, 2),
      };
    });
    log(
      `generator check: /io?ms=${sleepMs} at 5/s → p50 ${out.p50} ms, p95 ${out.p95} ms (n ${out.n}, send lag p99 ${out.sendLagP99Ms} ms)`,
    );
    save('check', { ...meta(), ...out });
  },
  600_000,
);

export interface CpuResult {
  profile: string;
  path: string;
  config: string;
  requests: number;
  /** Worker CPU ms per request, measured one request at a time. */
  workerCpuMs: number;
  /** Master CPU ms per request. */
  masterCpuMs: number;
  /** Wall time of one request alone, ms (median). */
  aloneMs: number;
}

// ---- cpu: CPU time per request, one request at a time (the view's work + Django's and Gunicorn's overhead).
test.runIf(ONLY.includes('cpu'))(
  'cpu: CPU per request',
  async () => {
    const n = QUICK ? 100 : 400;
    const paths = [
      { profile: 'overhead', path: '/cpu?ms=0' },
      { profile: 'overhead-io', path: '/io?ms=0' },
      ...PROFILES.map((p) => ({ profile: p.id, path: p.path })),
    ];
    const rows: CpuResult[] = [];
    for (const cfg of [
      { workers: 1, threads: 1 },
      { workers: 1, threads: 4 },
    ] as ServerConfig[]) {
      // A fresh server per path: the generated max_requests (≥ 1,000) must not recycle the worker mid-count.
      for (const { profile, path } of paths) {
        await withServer(null, cfg, async (s) => {
          const w = s.workerPids()[0]!;
          const reps = path.includes('ms=0') || profile === 'page' ? n : Math.max(20, Math.round(n / 8));
          for (let k = 0; k < 5; k++) await get(s.ep, path);
          const c0 = cpuSecondsOf(w);
          const m0 = cpuSecondsOf(s.masterPid);
          const walls: number[] = [];
          for (let k = 0; k < reps; k++) {
            const t = performance.now();
            await get(s.ep, path);
            walls.push(performance.now() - t);
          }
          const row = {
            profile,
            path,
            config: configLabel(cfg),
            requests: reps,
            workerCpuMs: round(((cpuSecondsOf(w) - c0) / reps) * 1000, 2),
            masterCpuMs: round(((cpuSecondsOf(s.masterPid) - m0) / reps) * 1000, 3),
            aloneMs: round(spread(walls).median, 2),
          };
          if (s.workerPids()[0] !== w) throw new Error('the worker was recycled during the count');
          rows.push(row);
          log(`cpu ${row.config} ${path}: ${row.workerCpuMs} ms CPU/request (alone ${row.aloneMs} ms wall)`);
        });
      }
    }
    save('cpu', { ...meta(), rows });
  },
  1_800_000,
);

// ---- memory: RSS and PSS of the master and each worker, idle and after load.
test.runIf(ONLY.includes('memory'))(
  'memory: RSS and PSS',
  async () => {
    const configs: ServerConfig[] = [
      { workers: 3, threads: 1 },
      { workers: 3, threads: 1, preload: true },
      { workers: 3, threads: 1, workerClass: 'gthread' },
      { workers: 3, threads: 2 },
      { workers: 3, threads: 4 },
      { workers: 3, threads: 8 },
      { workers: 3, threads: 4, preload: true },
    ];
    const stages = QUICK ? [0, 150] : [0, 300, 1500];
    const rows: Record<string, unknown>[] = [];
    for (const cfg of configs) {
      await withServer(null, cfg, async (s) => {
        let sent = 0;
        for (const total of stages) {
          if (total > sent) {
            // Enough concurrency that every thread of every worker serves requests; page and a short wait mixed.
            await closedLoop({
              ep: s.ep,
              paths: ['/page', '/mixed?cpu=2&io=20'],
              concurrency: cfg.workers * cfg.threads * 2,
              count: total - sent,
              maxMs: 120_000,
            });
            sent = total;
          }
          const master = memOf(s.masterPid);
          const workers = s
            .workerPids()
            .map(memOf)
            .filter((x) => x !== null);
          const kib = (x: number) => round(x / 1024, 1);
          const row = {
            config: configLabel(cfg),
            afterRequests: total,
            master: master && { rssMib: kib(master.rssKib), pssMib: kib(master.pssKib) },
            workers: workers.map((w) => ({
              rssMib: kib(w.rssKib),
              pssMib: kib(w.pssKib),
              privateMib: kib(w.privateKib),
              threads: w.threads,
            })),
            totalPssMib: kib((master?.pssKib ?? 0) + workers.reduce((t, w) => t + w.pssKib, 0)),
          };
          rows.push(row);
          log(
            `memory ${row.config} after ${total} requests: master ${row.master?.rssMib} MiB RSS; workers RSS ${row.workers.map((w) => w.rssMib).join('/')} PSS ${row.workers.map((w) => w.pssMib).join('/')}; total PSS ${row.totalPssMib} MiB`,
          );
        }
      });
    }
    save('memory', { ...meta(), stages, rows });
  },
  1_800_000,
);

// ---- saturation: closed-loop throughput per profile at its accuracy-run configuration.
test.runIf(ONLY.includes('saturation'))(
  'saturation: throughput',
  async () => {
    const rows: Record<string, unknown>[] = [];
    for (const p of PROFILES) {
      for (let rep = 0; rep < (QUICK ? 1 : 3); rep++) {
        const row = await withServer(p, p.config, async (s) => {
          const slots = p.config.workers * p.config.threads;
          await closedLoop({ ep: s.ep, paths: [p.path], concurrency: slots * 2, count: 1e9, maxMs: 2000 });
          const c0 = treeCpuSeconds(s.masterPid, s.workerPids());
          const r = await closedLoop({
            ep: s.ep,
            paths: [p.path],
            concurrency: slots * 2,
            count: 1e9,
            maxMs: QUICK ? 4000 : 10_000,
          });
          const cpu = treeCpuSeconds(s.masterPid, s.workerPids()) - c0;
          return {
            profile: p.id,
            config: configLabel(p.config),
            rep,
            rps: round((r.done / r.elapsedMs) * 1000, 2),
            cpuMsPerRequest: round((cpu / r.done) * 1000, 2),
            cpuShare: round(cpu / (r.elapsedMs / 1000) / CORES, 3),
            errors: r.errors,
          };
        });
        rows.push(row);
        log(
          `saturation ${p.id} ${row.config}: ${row.rps} requests/s, ${row.cpuMsPerRequest} ms CPU/request, CPU ${round(row.cpuShare * 100, 0)}%`,
        );
      }
    }
    save('saturation', { ...meta(), rows });
  },
  1_800_000,
);

export interface LatencyRun {
  profile: string;
  config: string;
  workers: number;
  threads: number;
  load: number;
  rate: number;
  realizedRate: number;
  durationMs: number;
  rep: number;
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Server CPU busy share during the run (all processes / cores). */
  cpuShare: number;
  /** Share of the server's cores other processes took during the run (the shared machine's noise). */
  foreignCpu: number;
  sendLagP99Ms: number;
  attempts: number;
}

/** CPU ms per request the lab measured for a profile (one request at a time), for its worker class. */
function cpuMsFor(p: Profile, cfg: ServerConfig): number {
  const res = load<{ rows: CpuResult[] }>('cpu');
  const label = cfg.threads > 1 ? '1×4 gthread' : '1×1 sync';
  const row = res?.rows.find((r) => r.profile === p.id && r.config === label);
  if (!row) throw new Error(`no CPU measurement for ${p.id} (${label}): run LAB_ONLY=cpu first`);
  const ms = row.workerCpuMs + row.masterCpuMs;
  if (!(ms > 0)) throw new Error(`CPU per request for ${p.id} is ${ms} ms: re-run LAB_ONLY=cpu`);
  return ms;
}

async function point(
  p: Profile,
  cfg: ServerConfig,
  s: Awaited<ReturnType<typeof startGunicorn>>,
  loadShare: number,
  rep: number,
): Promise<LatencyRun> {
  const cpuMs = cpuMsFor(p, cfg);
  const rate = (loadShare * CORES * 1000) / cpuMs;
  // ~250 samples per run where that takes under 25 s (p95 then rests on ~12 samples above it per run).
  const durationMs = 1000 * Math.min(QUICK ? 6 : 25, Math.max(QUICK ? 3 : 10, (QUICK ? 60 : 250) / rate));
  let c0 = treeCpuSeconds(s.masterPid, s.workerPids());
  let b0 = cpusBusySeconds(serverCpuIds);
  let w0 = performance.now();
  // The generator's own health: a run in which it sent requests late (p99 > 20 ms: its core was taken by other
  // work) measures the machine, not the server; run it again (twice at most) and say how many attempts it took.
  let r = await openLoop({
    ep: s.ep,
    path: p.path,
    rate,
    durationMs,
    warmupMs: 2000,
    seed: seedOf(p.id, configLabel(cfg), loadShare, rep),
  });
  let attempts = 1;
  while (r.sendLagP99Ms > 20 && attempts < 3) {
    attempts++;
    c0 = treeCpuSeconds(s.masterPid, s.workerPids());
    b0 = cpusBusySeconds(serverCpuIds);
    w0 = performance.now();
    r = await openLoop({
      ep: s.ep,
      path: p.path,
      rate,
      durationMs,
      warmupMs: 2000,
      seed: seedOf(p.id, configLabel(cfg), loadShare, rep, attempts),
    });
  }
  const wall = (performance.now() - w0) / 1000;
  const own = treeCpuSeconds(s.masterPid, s.workerPids()) - c0;
  const cpuShare = own / wall / CORES;
  const foreignCpu = Math.max(0, cpusBusySeconds(serverCpuIds) - b0 - own) / wall / CORES;
  const l = sortNum(r.latenciesMs);
  return {
    profile: p.id,
    config: configLabel(cfg),
    workers: cfg.workers,
    threads: cfg.threads,
    load: loadShare,
    rate: round(rate, 2),
    // Poisson arrivals vary: the rate this run's arrivals actually had after the warm-up (the model uses it).
    realizedRate: round(r.measured / (durationMs / 1000), 2),
    durationMs,
    rep,
    n: l.length,
    errors: r.errors,
    p50: round(percentile(l, 50)),
    p95: round(percentile(l, 95)),
    p99: round(percentile(l, 99)),
    mean: round(l.reduce((t, x) => t + x, 0) / Math.max(1, l.length)),
    cpuShare: round(cpuShare, 3),
    foreignCpu: round(foreignCpu, 3),
    sendLagP99Ms: round(r.sendLagP99Ms, 2),
    attempts,
  };
}

const logRun = (x: LatencyRun) =>
  log(
    `${x.profile} ${x.config} @${x.load * 100}% (${x.rate}/s, CPU ${round(x.cpuShare * 100, 0)}%) rep ${x.rep} (foreign ${round(x.foreignCpu * 100, 0)}%, lag ${x.sendLagP99Ms} ms): p50 ${x.p50} p95 ${x.p95} p99 ${x.p99} ms (n ${x.n}${x.errors ? `, ${x.errors} errors` : ''})`,
  );

// ---- latency: p50/p95/p99 at 30/50/70/90% of CPU capacity, repeated; reps interleaved so drift spreads.
test.runIf(ONLY.includes('latency'))(
  'latency: open-loop percentiles',
  async () => {
    const reps = QUICK ? 1 : 5;
    // LAB_LATENCY_LOADS=0.8 measures those loads only and keeps the committed runs at the others.
    const onlyLoads = process.env.LAB_LATENCY_LOADS?.split(',').map(Number);
    const loads = onlyLoads ?? (QUICK ? [0.3, 0.7] : LOADS);
    const only = process.env.LAB_LATENCY_ONLY?.split(',');
    const kept = only || onlyLoads ? (load<{ runs: LatencyRun[] }>('latency')?.runs ?? []) : [];
    const measuring = (r: LatencyRun) => (!only || only.includes(r.profile)) && loads.includes(r.load);
    const runs: LatencyRun[] = kept.filter((r) => !measuring(r));
    for (let rep = 0; rep < reps; rep++) {
      for (const p of PROFILES.filter((x) => !only || only.includes(x.id))) {
        await withServer(p, p.config, async (s) => {
          for (const u of loads) {
            // The 90% point is far past what the model claims to cover: 3 runs are enough to show the trend.
            if (u > 0.8 && rep >= 3) continue;
            const x = await point(p, p.config, s, u, rep);
            runs.push(x);
            logRun(x);
          }
        });
      }
      save('latency', {
        ...meta(),
        reps,
        loads: [...new Set(runs.map((r) => r.load))].sort((x, y) => x - y),
        profiles: PROFILES.map((p) => ({ ...p, sweep: undefined })),
        runs,
      });
    }
  },
  7_200_000,
);

// ---- sweep: workers × threads at 70% load per profile.
test.runIf(ONLY.includes('sweep'))(
  'sweep: workers × threads at 70%',
  async () => {
    const reps = Number(process.env.LAB_SWEEP_REPS ?? (QUICK ? 1 : 3));
    // LAB_SWEEP_ONLY=mixed:3x2,mixed:2x3 measures those points only and keeps the other points' committed runs.
    const only = process.env.LAB_SWEEP_ONLY?.split(',');
    const all = process.env.LAB_SWEEP_ALL === '1';
    const key = (id: string, cfg: ServerConfig) => `${id}:${cfg.workers}x${cfg.threads}`;
    const todo = PROFILES.flatMap((p) =>
      (all || only ? [...p.sweep, ...p.sweepMore] : p.sweep)
        .filter((c) => !only || only.includes(key(p.id, c)))
        .map((cfg) => ({ p, cfg })),
    );
    const measuring = new Set(todo.map(({ p, cfg }) => key(p.id, cfg)));
    // Points not measured now keep their committed runs (a quick run keeps none of the full results).
    // LAB_SWEEP_APPEND=1: the measured points keep their committed runs too, and the new ones number on.
    const append = process.env.LAB_SWEEP_APPEND === '1';
    const kept = QUICK && !only ? [] : (load<{ runs: LatencyRun[] }>('sweep')?.runs ?? []);
    const runs: LatencyRun[] = kept.filter((r) => append || !measuring.has(key(r.profile, r)));
    const first = append ? 1 + Math.max(-1, ...runs.map((r) => r.rep)) : 0;
    for (let rep = first; rep < first + reps; rep++) {
      for (const p of PROFILES) {
        for (const { cfg } of todo.filter((x) => x.p === p)) {
          const x = await withServer(p, cfg, (s) => point(p, cfg, s, 0.7, rep));
          runs.push(x);
          logRun(x);
        }
      }
      save('sweep', { ...meta(), reps, load: 0.7, profiles: PROFILES.map((p) => ({ ...p })), runs });
    }
  },
  7_200_000,
);

test.runIf(ONLY.includes('report'))('report', () => {
  writeReport(RESULTS, QUICK, join(__dirname, '..', 'src', 'core'));
  log(`done in ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
});
