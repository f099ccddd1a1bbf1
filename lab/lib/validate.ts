// The lab's committed results (lab/results/*.json) and the model's prediction for each measured point: used by
// the report (report.ts), the pinned accuracy test (src/core/latency.lab.test.ts) and labAccuracy.ts's generator.
// Not imported by the app: the figures the app shows are generated into src/core/labAccuracy.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ANSWERS } from '../../src/core/answers';
import type { Instance } from '../../src/core/catalog';
import { demand } from '../../src/core/demand';
import { planGunicorn } from '../../src/core/gunicorn';
import { DJANGO_OVERHEAD_CPU_MS, responseModel, type ResponseModel } from '../../src/core/latency';
import { memoryBudget } from '../../src/core/memory';
import { r } from '../../src/core/reasoned';

export const LAB_RESULTS = join(__dirname, '..', 'results');

export interface LabRun {
  profile: string;
  config: string;
  workers: number;
  threads: number;
  load: number;
  rate: number;
  /** Arrivals after the warm-up / measured duration (older results: derived from n + errors). */
  realizedRate?: number;
  durationMs?: number;
  rep: number;
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  cpuShare: number;
  foreignCpu: number;
  sendLagP99Ms: number;
}

export interface LabProfile {
  id: string;
  label: string;
  path: string;
  responseTimeMs: number;
  ioSharePct: number;
}

export interface LabCpuRow {
  profile: string;
  config: string;
  workerCpuMs: number;
  masterCpuMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)]! : (s[m - 1]! + s[m]!) / 2;
};

export const readLab = <T>(name: string): T =>
  JSON.parse(readFileSync(join(LAB_RESULTS, `${name}.json`), 'utf8')) as T;

/** What a user would tell Rightsize about each lab profile: CPU ms (the view's) and I/O wait ms. */
export function profileAnswers(
  p: LabProfile,
  cpuRows: LabCpuRow[],
  saturation: { profile: string; cpuMsPerRequest: number }[] = [],
): { viewCpuMs: number; ioMs: number } {
  if (p.id === 'page') {
    // The realistic page: its CPU is what the lab measured under load (the saturation runs: 9.4–9.9 ms per
    // request, where one request at a time took 8.5 ms — interleaved requests miss caches), less Django's
    // overhead, which the model adds back. SQLite runs in-process, so there is no I/O wait.
    const loaded = saturation.filter((r) => r.profile === 'page').map((r) => r.cpuMsPerRequest);
    const row = cpuRows.find((r) => r.profile === 'page' && r.config === '1×1 sync');
    const measured = loaded.length
      ? median(loaded)
      : row
        ? row.workerCpuMs + row.masterCpuMs
        : p.responseTimeMs;
    return { viewCpuMs: Math.max(0, measured - DJANGO_OVERHEAD_CPU_MS), ioMs: 0 };
  }
  return {
    viewCpuMs: p.responseTimeMs * (1 - p.ioSharePct / 100),
    ioMs: (p.responseTimeMs * p.ioSharePct) / 100,
  };
}

export interface LabPoint {
  profile: string;
  config: string;
  workers: number;
  threads: number;
  load: number;
  rate: number;
  runs: LabRun[];
  measured: { p50: number; p95: number; p99: number; p95Min: number; p95Max: number };
  /** The model at the median of the runs' realized rates. */
  model: ResponseModel;
  /** The model at the target rate. */
  nominal: ResponseModel;
}

/**
 * The lab's own floor, from its generator check (an I/O-only view sleeping S ms at 5 requests/s): what the
 * harness adds to every measured latency — a fresh unix-socket connection per request, the generator's and the
 * server's wake-ups on a shared machine. The model predicts the server; the lab's measurement of a point is the
 * prediction plus this floor (p50 and p95 separately).
 */
export interface LabFloor {
  p50Ms: number;
  p95Ms: number;
}

export function labFloor(check: { sleepMs: number; p50: number; p95: number }): LabFloor {
  return { p50Ms: Math.max(0, check.p50 - check.sleepMs), p95Ms: Math.max(0, check.p95 - check.sleepMs) };
}

/** The run's realized arrival rate: Poisson arrivals over ~10–25 s differ from the target by a few per cent. */
export function realizedRate(r: LabRun): number {
  if (r.realizedRate) return r.realizedRate;
  // Results written before realizedRate was recorded: the run lasted min(25, max(10, 250 / rate)) s.
  const sec = Math.min(25, Math.max(10, 250 / r.rate));
  return (r.n + r.errors) / sec;
}

/** Runs grouped by (profile, config, load); the model predicts each run at its realized rate (1-core box). */
export function labPoints(
  runs: LabRun[],
  profiles: LabProfile[],
  cpuRows: LabCpuRow[],
  floor: LabFloor,
  saturation: { profile: string; cpuMsPerRequest: number }[] = [],
  cores = 1,
): LabPoint[] {
  const groups = new Map<string, LabRun[]>();
  for (const r of runs) {
    const k = `${r.profile}|${r.config}|${r.load}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const f = g[0]!;
    const p = profiles.find((x) => x.id === f.profile)!;
    const { viewCpuMs, ioMs } = profileAnswers(p, cpuRows, saturation);
    const predict = (rps: number) =>
      withFloor(
        responseModel({
          rps,
          cpuMs: viewCpuMs + DJANGO_OVERHEAD_CPU_MS,
          ioMs,
          vcpu: cores,
          otherVcpu: 0,
          workers: f.workers,
          perWorker: f.threads,
          sharedQueue: !f.config.includes('gthread'),
        }),
        floor,
      );
    const perRun = g.map((r) => predict(realizedRate(r)));
    const p95s = g.map((r) => r.p95);
    // The run whose prediction is the median one stands for the point (all its figures from one model call).
    const order = perRun.map((m, i) => [m.p95Ms, i] as const).sort((x, y) => x[0] - y[0]);
    const model = perRun[order[Math.floor((order.length - 1) / 2)]![1]]!;
    return {
      profile: f.profile,
      config: f.config,
      workers: f.workers,
      threads: f.threads,
      load: f.load,
      rate: f.rate,
      runs: g,
      measured: {
        p50: median(g.map((r) => r.p50)),
        p95: median(p95s),
        p99: median(g.map((r) => r.p99)),
        p95Min: Math.min(...p95s),
        p95Max: Math.max(...p95s),
      },
      model,
      nominal: predict(f.rate),
    };
  });
}

function withFloor(m: ResponseModel, floor: LabFloor): ResponseModel {
  return { ...m, p50Ms: m.p50Ms + floor.p50Ms, p95Ms: m.p95Ms + floor.p95Ms };
}

/** Relative error of the predicted p95 against the median measured p95. */
export const p95Error = (pt: LabPoint) => (pt.model.p95Ms - pt.measured.p95) / pt.measured.p95;

/** Within ±tol of the median, or inside the runs' own min–max where they spread wider than that. */
export function withinTolerance(pt: LabPoint, tol: number): boolean {
  if (Math.abs(p95Error(pt)) <= tol) return true;
  const spreadWide =
    pt.measured.p95Max > pt.measured.p95 * (1 + tol) || pt.measured.p95Min < pt.measured.p95 * (1 - tol);
  return spreadWide && pt.model.p95Ms >= pt.measured.p95Min && pt.model.p95Ms <= pt.measured.p95Max;
}

/** Issue 8's target: the rules' configuration within this share of the sweep's best median p95 at 70% load. */
export const SWEEP_CLAIM = 0.1;

/** The lab's box as the rules see it: one vCPU, and 8 GiB so that every swept configuration fits the memory. */
export const LAB_BOX: Instance = {
  type: 'lab-1vcpu',
  family: 'lab',
  arch: 'x86_64',
  vcpu: 1,
  cores: 1,
  memoryGib: 8,
  usdPerHour: 0,
  baselinePct: null,
};

export interface SweepVerdict {
  profile: string;
  /** The configuration the rules (planGunicorn) give this profile on LAB_BOX at the sweep's rate. */
  config: string;
  mine: LabPoint | undefined;
  /** The swept configuration with the lowest median p95 among those that fit LAB_BOX's memory budget. */
  best: LabPoint;
  fitting: number;
  /** mine's median over best's, − 1. */
  above: number;
  /** mine's median within SWEEP_CLAIM of the best's. */
  within: boolean;
  /** within, or the best's median inside mine's runs' min–max (the runs cannot tell them apart). */
  ok: boolean;
}

/** For each swept profile: the rules' configuration against the best one measured. */
export function sweepVerdicts(sweep: LabPoint[], profiles: LabProfile[]): SweepVerdict[] {
  return [...new Set(sweep.map((p) => p.profile))].map((id) => {
    const prof = profiles.find((x) => x.id === id)!;
    const pts = sweep.filter((p) => p.profile === id);
    const a = { ...DEFAULT_ANSWERS, responseTimeMs: prof.responseTimeMs, ioSharePct: prof.ioSharePct };
    const d = { ...demand(a), dynamicRps: r(pts[0]!.rate, 'the lab’s rate at 70% load') };
    const plan = planGunicorn(a, d, LAB_BOX);
    const config = `${plan.workers.value}×${plan.threads.value} ${plan.workerClass.value}`;
    const mine = pts.find((p) => p.config === config);
    const fits = pts.filter((p) => {
      const m = memoryBudget(a, LAB_BOX, p.workers, p.threads);
      return m.totalMib <= m.limitMib;
    });
    const best = [...fits].sort((x, y) => x.measured.p95 - y.measured.p95)[0]!;
    const above = mine ? mine.measured.p95 / best.measured.p95 - 1 : Infinity;
    const within = !!mine && above <= SWEEP_CLAIM;
    const ok = within || (!!mine && mine.measured.p95Min <= best.measured.p95);
    return { profile: id, config, mine, best, fitting: fits.length, above, within, ok };
  });
}
