// A smoke of the fidelity lab (npm run lab, minutes) inside the real-server checks: the reference Django project
// builds, Gunicorn 20.1 runs the generated gunicorn.conf.py, the open-loop generator measures a known I/O wait,
// and the process probes read the server. Bounded: one worker, ~40 requests to a unix socket in a temp dir.
import { cpus } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoop, poissonArrivals } from '../../lab/lib/loadgen';
import { childrenOf, memOf, treeCpuSeconds } from '../../lab/lib/proc';
import { createSite, labAnswers, startGunicorn, type LabSite } from '../../lab/lib/server';
import { percentile, sortNum } from '../../lab/lib/stats';
import { stopAll } from './tools';

let site: LabSite;
beforeAll(async () => {
  site = await createSite();
});
afterAll(async () => {
  await stopAll();
  await site?.cleanup();
});

describe('fidelity lab smoke', () => {
  it('Poisson arrivals are seeded and have the asked rate', () => {
    const a = poissonArrivals(50, 100_000, 7);
    expect(poissonArrivals(50, 100_000, 7)).toEqual(a);
    expect(a.length / 100).toBeGreaterThan(45);
    expect(a.length / 100).toBeLessThan(55);
  });

  it('measures a 30 ms I/O view at ≈ 30 ms through the generated gunicorn.conf.py', async () => {
    const s = await startGunicorn(
      site,
      labAnswers(site, {}),
      { workers: 1, threads: 4 }, // Not pinned (every CPU), not reniced: a smoke, not a measurement.
      { serverCpus: `0-${cpus().length - 1}`, nice: 0, sessionNice: 0 },
    );
    try {
      expect(s.conf).toMatch(/^worker_class = .gthread.$/m);
      expect(s.conf).toMatch(/^bind = .unix:.*gunicorn\.sock.$/m);
      const r = await openLoop({
        ep: s.ep,
        path: '/io?ms=30',
        rate: 20,
        durationMs: 2000,
        warmupMs: 200,
        seed: 3,
      });
      expect(r.errors).toBe(0);
      const l = sortNum(r.latenciesMs);
      expect(l.length).toBeGreaterThan(20);
      expect(percentile(l, 50)).toBeGreaterThanOrEqual(30);
      expect(percentile(l, 50)).toBeLessThan(150);
      const workers = childrenOf(s.masterPid);
      expect(workers).toHaveLength(1);
      expect(memOf(s.masterPid)!.pssKib).toBeGreaterThan(1000);
      expect(memOf(workers[0]!)!.rssKib).toBeGreaterThan(memOf(s.masterPid)!.rssKib / 2);
      expect(treeCpuSeconds(s.masterPid, workers)).toBeGreaterThan(0);
    } finally {
      await s.stop();
    }
  });
});
