import { describe, expect, it } from 'vitest';
import catalogJson from '../../public/catalog.json';
import { DEFAULT_ANSWERS } from '../core/answers';
import { seededAnswers } from './arbitraries';
import { parseCatalog } from '../core/catalog';
import { recommend, tradeoffSeries, type Recommendation } from '../core/recommend';

/**
 * Benchmark of recommend() and tradeoffSeries() over many schema-valid answers. Prints median and p95 per
 * call next to the targets; asserts nothing about time. Answers come from the property tests' arbitrary with a
 * fixed seed (src/testing/arbitraries.ts), so every run times the same inputs.
 */

const TARGET_RECOMMEND_MS = 0.2;
const TARGET_SERIES_MS = 2;
const SAMPLES = 2000;
const ROUNDS = 3;

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
    const inputs = seededAnswers(SAMPLES);

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
