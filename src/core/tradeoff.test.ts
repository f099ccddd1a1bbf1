import { describe, expect, it } from 'vitest';
import { recommend, tradeoffSeries } from './recommend';
import { A, catalog } from '../testing/fixtures';

describe('tradeoff series on the recommended instance', () => {
  // Defaults: t4g.small, 2 workers (one gthread worker per vCPU) × 3 threads recommended, memory allows 10.
  const rec = recommend(A(), catalog);
  const s = tradeoffSeries(rec);
  const at = (w: number, t: number) => s.points.find((p) => p.workers === w && p.threads === t);

  it('draws a line for 1, 2, 4 and 8 threads and the recommended 3', () => {
    expect(s.threadOptions).toEqual([1, 2, 3, 4, 8]);
  });

  // The cap is 10 since a thread costs 1 MB (lab-measured), not 8: ⌈10 × 1.25⌉ + 1 = 14.
  it('runs workers from 1 a little past the memory cap: ⌈10 × 1.25⌉ + 1 = 14', () => {
    for (const t of s.threadOptions) {
      const line = s.points.filter((p) => p.threads === t).map((p) => p.workers);
      expect(line).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    }
    expect(s.points).toHaveLength(70);
  });

  it('marks exactly the recommended point', () => {
    expect(s.points.filter((p) => p.recommended)).toEqual([at(2, 3)]);
    expect(at(2, 3)?.memoryMib).toBe(rec.chosen.memory.totalMib); // 269 + 2 × 122 = 513
  });

  it('prices memory as fixed services plus workers × (app + threads)', () => {
    // 269 MB fixed; a worker is 120 MB + 1 MB per extra thread (lab: 0.7 MiB measured)
    expect(at(1, 1)?.memoryMib).toBe(389);
    expect(at(5, 3)?.memoryMib).toBe(879); // 269 + 5 × 122
    expect(at(13, 8)?.memoryMib).toBe(1920); // 269 + 13 × 127
    expect(s.limitMib).toBe(1589);
    expect(s.visibleMib).toBe(1870);
  });

  it('a point fits while its memory is within the limit', () => {
    expect(at(10, 3)?.fits).toBe(true); // 269 + 10 × 122 = 1489
    expect(at(11, 3)?.fits).toBe(false); // 1611
    for (const p of s.points) expect(p.fits).toBe(p.memoryMib <= s.limitMib);
  });

  it('capacity is workers × threads, and the queue shrinks as it grows', () => {
    expect(at(4, 2)?.capacity).toBe(8);
    // One sync worker: no other request shares its core (no CPU delay); it holds its slot 200 + 1.2 ms, so
    // 2.94/s × 0.2012 s = 0.59 Erlangs on 1 slot: C = 0.59, wait K / (1/0.2012 − 2.94) s, p95 = that × ln(C / 0.05).
    const lambda = rec.perInstance.dynamicRps.value;
    const c = (lambda * 201.2) / 1000;
    const mean = (0.5 * 1000) / (1000 / 201.2 - lambda);
    expect(at(1, 1)?.p95WaitMs).toBeCloseTo(mean * Math.log(c / 0.05), 2);
    for (const t of s.threadOptions) {
      const line = s.points.filter((p) => p.threads === t);
      for (let i = 1; i < line.length; i++)
        expect(line[i]!.p95WaitMs).toBeLessThanOrEqual(line[i - 1]!.p95WaitMs);
    }
  });

  it('ASGI varies workers only, each overlapping ⌊2.5⌋ = 2 requests', () => {
    const asgi = tradeoffSeries(recommend(A({ appInterface: 'asgi' }), catalog));
    expect(asgi.threadOptions).toEqual([1]);
    for (const p of asgi.points) expect(p.capacity).toBe(p.workers * 2);
  });

  it('shows the overload as an infinite wait', () => {
    // 1000 users / 5 s = 200/s of 1 s: one worker with 1 thread is far past saturation
    const busy = tradeoffSeries(
      recommend(
        A({ concurrentUsers: 1000, thinkTimeSec: 4, responseTimeMs: 1000, staticSharePct: 0 }),
        catalog,
      ),
    );
    expect(busy.points.find((p) => p.workers === 1 && p.threads === 1)?.p95WaitMs).toBe(Infinity);
  });
});
