// Test-side reader of the fidelity lab's committed results (lab/results/*.json) and the model's predictions for
// each measured point. Used by latency.lab.test.ts (the pinned accuracy) and scripts that print the tables.
// Not imported by the app: the accuracy figures the app shows live in labAccuracy.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DJANGO_OVERHEAD_CPU_MS, responseModel, type ResponseModel } from './latency';

export const LAB_RESULTS = join(__dirname, '..', '..', 'lab', 'results');

export interface LabRun {
  profile: string;
  config: string;
  workers: number;
  threads: number;
  load: number;
  rate: number;
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

export const readLab = <T>(name: string): T =>
  JSON.parse(readFileSync(join(LAB_RESULTS, `${name}.json`), 'utf8')) as T;

/** What a user would tell Rightsize about each lab profile: CPU ms (the view's) and I/O wait ms. */
export function profileAnswers(p: LabProfile, cpuRows: LabCpuRow[]): { viewCpuMs: number; ioMs: number } {
  if (p.id === 'page') {
    // The realistic page: its CPU is what the lab measured (one request at a time), less Django's overhead,
    // which the model adds back; SQLite runs in-process, so no I/O wait.
    const row = cpuRows.find((r) => r.profile === 'page' && r.config === '1×1 sync');
    const measured = row ? row.workerCpuMs + row.masterCpuMs : p.responseTimeMs;
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
  model: ResponseModel;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs grouped by (profile, config, load), each with the model's prediction for a 1-core box. */
export function labPoints(runs: LabRun[], profiles: LabProfile[], cpuRows: LabCpuRow[], cores = 1): LabPoint[] {
  const groups = new Map<string, LabRun[]>();
  for (const r of runs) {
    const k = `${r.profile}|${r.config}|${r.load}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((g) => {
    const f = g[0]!;
    const p = profiles.find((x) => x.id === f.profile)!;
    const { viewCpuMs, ioMs } = profileAnswers(p, cpuRows);
    const model = responseModel({
      rps: f.rate,
      cpuMs: viewCpuMs + DJANGO_OVERHEAD_CPU_MS,
      ioMs,
      vcpu: cores,
      otherVcpu: 0,
      workers: f.workers,
      perWorker: f.threads,
      sharedQueue: f.threads === 1 && !f.config.includes('gthread'),
    });
    const p95s = g.map((r) => r.p95);
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
    };
  });
}

/** Relative error of the predicted p95 against the median measured p95. */
export const p95Error = (pt: LabPoint) => (pt.model.p95Ms - pt.measured.p95) / pt.measured.p95;

/** Within ±tol of the median, or inside the runs' own min–max where they spread wider than that. */
export function withinTolerance(pt: LabPoint, tol: number): boolean {
  if (Math.abs(p95Error(pt)) <= tol) return true;
  const spreadWide = pt.measured.p95Max > pt.measured.p95 * (1 + tol) || pt.measured.p95Min < pt.measured.p95 * (1 - tol);
  return spreadWide && pt.model.p95Ms >= pt.measured.p95Min && pt.model.p95Ms <= pt.measured.p95Max;
}
