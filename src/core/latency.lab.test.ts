// The latency model pinned to the fidelity lab's committed measurements (lab/results/*.json): real Django 3.2 and
// Gunicorn 20.1 on a 1-core box under open-loop Poisson load. Every point the model claims to cover (load up to
// 70% of the CPU) must be within ±20% of the median measured p95, or inside the runs' own min–max where they
// spread wider. A model change that drifts from what the lab measured fails here. Recorded data, not timing.
import { describe, expect, it } from 'vitest';
import { CLAIM, summarise } from '../../lab/report';
import {
  labFloor,
  labPoints,
  p95Error,
  readLab,
  sweepVerdicts,
  SWEEP_CLAIM,
  withinTolerance,
  type LabCpuRow,
  type LabProfile,
  type LabRun,
} from '../../lab/lib/validate';
import { CPU_TARGET } from './cpu';
import { GTHREAD_EVIDENCE } from './gunicorn';
import { AUTO_P95_MULTIPLE, p95Target } from './latency';
import { A } from '../testing/fixtures';
import { LAB_ACCURACY, LAB_VALIDATION } from './labAccuracy';

const cpu = readLab<{ rows: LabCpuRow[] }>('cpu').rows;
const saturation = readLab<{ rows: { profile: string; cpuMsPerRequest: number }[] }>('saturation').rows;
const floor = labFloor(readLab('check'));
const latencyRes = readLab<{ runs: LabRun[]; profiles: LabProfile[] }>('latency');
const sweepRes = readLab<{ runs: LabRun[]; profiles: LabProfile[] }>('sweep');
const points = labPoints(latencyRes.runs, latencyRes.profiles, cpu, floor, saturation);
const sweep = labPoints(sweepRes.runs, sweepRes.profiles, cpu, floor, saturation);
const label = (p: (typeof points)[number]) => `${p.profile} ${p.config} @${p.load * 100}%`;

describe('the lab’s measurements', () => {
  it('cover at least three profiles at 30, 50 and 70% load, each point repeated at least 5 times', () => {
    const profiles = new Set(points.map((p) => p.profile));
    expect(profiles.size).toBeGreaterThanOrEqual(3);
    for (const id of profiles)
      for (const load of [0.3, 0.5, 0.7]) {
        const pt = points.find((p) => p.profile === id && p.load === load);
        expect(pt, `${id} @${load}`).toBeDefined();
        expect(pt!.runs.length, `${id} @${load}`).toBeGreaterThanOrEqual(5);
      }
  });

  it('show the generator measuring what it should: an I/O-only view at low load comes back near its sleep', () => {
    const check = readLab<{ sleepMs: number; p95: number }>('check');
    expect(check.p95).toBeGreaterThanOrEqual(check.sleepMs);
    expect(check.p95).toBeLessThan(check.sleepMs * 1.5);
  });
});

describe('the automatic p95 target’s reason', () => {
  // p95Target says a typical app reaches AUTO_P95_MULTIPLE × its response at about the CPU the plan sizes to
  // (CPU_TARGET_TEXT): the lab's default profile must have been measured there, and about there.
  it('is what the lab measured for the default profile at the CPU target', () => {
    const typical = latencyRes.profiles.find((p) => p.id === 'mixed')!;
    const at = points.find((p) => p.profile === typical.id && p.load === CPU_TARGET);
    expect(at, `no lab point for the default profile at ${Math.round(CPU_TARGET * 100)}% load`).toBeDefined();
    const multiple = at!.measured.p95 / typical.responseTimeMs;
    expect(multiple).toBeGreaterThan(AUTO_P95_MULTIPLE * 0.75);
    expect(multiple).toBeLessThan(AUTO_P95_MULTIPLE * 1.25);
    expect(p95Target(A({ responseTimeMs: typical.responseTimeMs })).reason).toContain(
      `reaches it at about ${Math.round(CPU_TARGET * 100)}% CPU`,
    );
  });
});

describe(`the model within ±${CLAIM.tolerance * 100}% of the measured p95 up to ${CLAIM.maxLoad * 100}% load`, () => {
  // The claim covers the accuracy runs: each profile on the configuration the rules give a 1-core box.
  for (const pt of points.filter((p) => p.load <= CLAIM.maxLoad))
    it(`${label(pt)}: predicted ${Math.round(pt.model.p95Ms)} ms, measured ${Math.round(pt.measured.p95)} ms [${Math.round(pt.measured.p95Min)}–${Math.round(pt.measured.p95Max)}]`, () => {
      expect(pt.model.stable).toBe(true);
      expect(withinTolerance(pt, CLAIM.tolerance), `error ${Math.round(p95Error(pt) * 100)}%`).toBe(true);
    });
});

// The sweep's other configurations are outside the claim (the README and lab/results/README.md list their
// errors: the model overstates the queue of a few gthread workers with many threads and understates many sync
// workers). What is pinned: where the model says a configuration cannot keep up, the lab saw a long queue.
describe('the sweep of workers × threads at 70% load', () => {
  it('where the model says a configuration cannot keep up, the lab saw a queue many times the response', () => {
    for (const pt of sweep.filter((p) => !p.model.stable)) {
      const p = sweepRes.profiles.find((x) => x.id === pt.profile)!;
      expect(pt.measured.p95, label(pt)).toBeGreaterThan(3 * p.responseTimeMs);
    }
  });
});

// Issue 8: the configuration the rules recommend for each swept profile, on the lab's box (one vCPU; 8 GiB so
// that every swept configuration fits the memory budget and competes), measured at 70% load, is within 10% of
// the best swept configuration's median p95 — or the best's median lies inside the recommended runs' own
// min–max (the runs cannot tell the two apart). Recorded data: a rule change that recommends a configuration the
// lab measured slower (e.g. 3 × 4 for the I/O-bound profile: 421 ms, 27% above) fails here. (The guide's 3 × 8
// measured 354 ms over the same 10 runs as 2 × 8's 331: 7% above, inside the target by itself.)
//
// The strict reading, the median within 10%, holds for every profile too. The default profile (200 ms, 60% I/O)
// met it only with 20 runs of its leaders: after 10 (two sessions with other work on the core) 5 × 1 sync led at
// 570 ms [462–1,291] and the rules' 2 × 3 was 16% above; 10 more on a quiet machine (2026-12-07) put 2 × 3 at 640
// ms [472–840], 6% above 1 × 8 gthread (601) and below 5 × 1 sync (638).
describe(`the recommended configuration within ${SWEEP_CLAIM * 100}% of the sweep’s best at 70% load`, () => {
  for (const v of sweepVerdicts(sweep, sweepRes.profiles)) {
    const m = v.mine?.measured;
    it(`${v.profile}: the rules give ${v.config}, measured ${m ? `${Math.round(m.p95)} ms [${Math.round(m.p95Min)}–${Math.round(m.p95Max)}]` : 'not'}; best ${v.best.config} ${Math.round(v.best.measured.p95)} ms`, () => {
      expect(v.fitting).toBe(sweep.filter((p) => p.profile === v.profile).length);
      expect(v.mine, `${v.config} is not in the sweep`).toBeDefined();
      expect(v.mine!.runs.length).toBeGreaterThanOrEqual(5);
      expect(v.ok, `${Math.round(v.above * 100)}% above, outside its runs' range`).toBe(true);
    });
    it(`${v.profile}: median within ${SWEEP_CLAIM * 100}% of the best's`, () => {
      expect(v.within, `${Math.round(v.above * 100)}% above`).toBe(true);
    });
  }

  it('the gthread worker rule’s reason quotes the sweep, and fewer workers measured no slower', () => {
    const med = (id: string, config: string) =>
      Math.round(sweep.find((p) => p.profile === id && p.config === config)!.measured.p95);
    const [io2, io3, mx2, mx3] = [
      med('io', '2×8 gthread'),
      med('io', '3×8 gthread'),
      med('mixed', '2×3 gthread'),
      med('mixed', '3×3 gthread'),
    ];
    expect(GTHREAD_EVIDENCE).toContain(`2 workers × 8 threads ${io2} ms against 3 × 8 ${io3} ms`);
    expect(GTHREAD_EVIDENCE).toContain(`2 × 3 ${mx2} ms against 3 × 3 ${mx3} ms`);
    expect(io2).toBeLessThan(io3);
    expect(mx2).toBeLessThan(mx3);
  });
});

describe('labAccuracy.ts, which the app shows, matches the results and the model', () => {
  const acc = summarise(points);
  it('states the worst error of the covered points', () => {
    expect(LAB_ACCURACY.withinPct).toBe(Math.ceil(acc.worst * 100));
    expect(LAB_ACCURACY.withinPct).toBeLessThanOrEqual(CLAIM.tolerance * 100);
    expect(LAB_ACCURACY.maxLoadPct).toBe(CLAIM.maxLoad * 100);
  });

  it('lists every covered point with its measured and predicted p95', () => {
    expect(
      LAB_VALIDATION.map((p) => [p.profile, p.config, p.loadPct, p.measuredP95Ms, p.predictedP95Ms]),
    ).toEqual(
      acc.covered.map((p) => [
        p.profile,
        p.config,
        Math.round(p.load * 100),
        Math.round(p.measured.p95),
        Math.round(p.model.p95Ms),
      ]),
    );
  });
});
