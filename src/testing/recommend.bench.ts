import { describe, expect, it } from 'vitest';
import catalogJson from '../../public/catalog.json';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { parseCatalog } from './catalog';
import { recommend, tradeoffSeries, type Recommendation } from './recommend';

/**
 * Benchmark of recommend() and tradeoffSeries() over many schema-valid answers. Prints median and p95 per
 * call next to the targets; asserts nothing about time. Answers come from a seeded PRNG (mulberry32) over the
 * bounds of answers.ts, so every run times the same inputs.
 */

const TARGET_RECOMMEND_MS = 0.2;
const TARGET_SERIES_MS = 2;
const SAMPLES = 2000;
const ROUNDS = 3;

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answersFrom(rand: () => number): Answers {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  // Log-uniform for ranges spanning decades (traffic, sizes, times): each decade equally often.
  const logInt = (min: number, max: number) =>
    Math.min(
      max,
      Math.max(min, Math.round(Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min))))),
    );
  const real = (min: number, max: number) => min + rand() * (max - min);
  return {
    ...DEFAULT_ANSWERS, // free text: valid values; they do not change the sizing
    trafficMode: pick(['concurrent', 'daily'] as const),
    concurrentUsers: logInt(1, 100_000),
    thinkTimeSec: real(1, 60),
    dailyUsers: logInt(1, 10_000_000),
    requestsPerVisit: logInt(1, 1000),
    busyHours: int(1, 24),
    burstFactor: real(1, 10),
    staticSharePct: int(0, 95),
    celery: pick(['none', 'here', 'elsewhere'] as const),
    celeryConcurrency: int(1, 64),
    celeryBusyPct: int(0, 100),
    dbEngine: pick(['postgresql', 'mysql'] as const),
    dbLocation: pick(['here', 'managed'] as const),
    redis: pick(['here', 'managed', 'none'] as const),
    redisDataMb: int(0, 1) ? logInt(1, 65_536) : 0,
    staticFiles: pick(['proxy', 's3'] as const),
    proxy: pick(['nginx', 'caddy'] as const),
    maxUploadMb: logInt(1, 1024),
    responseTimeMs: logInt(5, 60_000),
    ioSharePct: int(0, 95),
    appInterface: pick(['wsgi', 'asgi'] as const),
    arch: pick(['either', 'x86', 'arm'] as const),
    workerMemoryMb: logInt(30, 2048),
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (x: number) => x.toFixed(4).padStart(9);

function summary(name: string, times: number[], target: number): string {
  const s = [...times].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const p95 = quantile(s, 0.95);
  const verdict = median <= target ? 'within target' : `${(median / target).toFixed(1)}× the target`;
  return (
    `${name.padEnd(34)} median ${ms(median)} ms   p95 ${ms(p95)} ms   max ${ms(s[s.length - 1]!)} ms` +
    `   target ≤ ${target} ms (median ${verdict})`
  );
}

describe('sizing core benchmark', () => {
  it(`times recommend() and tradeoffSeries() on ${SAMPLES} seeded answers`, () => {
    const parsed = parseCatalog(catalogJson);
    if (!parsed.ok) throw new Error(parsed.error);
    const catalog = parsed.catalog;
    const rand = mulberry32(20_261_125);
    const inputs = Array.from({ length: SAMPLES }, () => answersFrom(rand));

    // Warm up the JIT on every input once.
    const recs: Recommendation[] = inputs.map((a) => recommend(a, catalog));
    for (const r of recs) tradeoffSeries(r);

    const recTimes: number[] = [];
    const seriesTimes: number[] = [];
    const defaultTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < inputs.length; i++) {
        let t = performance.now();
        const rec = recommend(inputs[i]!, catalog);
        recTimes.push(performance.now() - t);
        t = performance.now();
        tradeoffSeries(rec);
        seriesTimes.push(performance.now() - t);
      }
      for (let i = 0; i < 500; i++) {
        const t = performance.now();
        recommend(DEFAULT_ANSWERS, catalog);
        defaultTimes.push(performance.now() - t);
      }
    }

    const scalesOut = recs.map((r) => !r.choice.fits);
    const scaledOut = scalesOut.filter(Boolean).length;
    const lines = [
      '',
      `Sizing core, ${SAMPLES} seeded answers × ${ROUNDS} rounds, ${catalog.instances.length} catalog types ` +
        `(${scaledOut} of the answers scale out), per call:`,
      summary('recommend(), seeded answers', recTimes, TARGET_RECOMMEND_MS),
      summary(
        '  … those on one instance',
        recTimes.filter((_, k) => !scalesOut[k % SAMPLES]),
        TARGET_RECOMMEND_MS,
      ),
      summary(
        '  … those that scale out',
        recTimes.filter((_, k) => scalesOut[k % SAMPLES]),
        TARGET_RECOMMEND_MS,
      ),
      summary('recommend(), default answers', defaultTimes, TARGET_RECOMMEND_MS),
      summary('tradeoffSeries(), seeded answers', seriesTimes, TARGET_SERIES_MS),
      '',
    ];
    console.log(lines.join('\n'));
    // Not a timed test: only check that it measured something.
    expect(recTimes).toHaveLength(SAMPLES * ROUNDS);
  });
});
