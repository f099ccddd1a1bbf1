// Requests per second over time, with memory bounded by the time window, not the number of lines: one counter
// per second (4 bytes) over at most WINDOW_SEC seconds.

/** 8 days of seconds (2.8 MB of counters): a week of log plus slack. Lines outside are counted, not placed. */
export const WINDOW_SEC = 8 * 86400;
/** Lines may arrive a little out of order (nginx writes when a request ends): start the window 1 h early. */
export const SLACK_SEC = 3600;

export interface SecondCounts {
  counts: Uint32Array;
  /** Unix second of counts[0]; NaN until the first line. */
  base: number;
  /** Lines whose second falls outside the window, so not counted. */
  outside: number;
  minSec: number;
  maxSec: number;
}

export const newSecondCounts = (windowSec = WINDOW_SEC): SecondCounts => ({
  counts: new Uint32Array(windowSec),
  base: NaN,
  outside: 0,
  minSec: Infinity,
  maxSec: -Infinity,
});

export function countSecond(r: SecondCounts, sec: number): void {
  if (sec < r.minSec) r.minSec = sec;
  if (sec > r.maxSec) r.maxSec = sec;
  if (Number.isNaN(r.base)) r.base = sec - SLACK_SEC;
  const i = sec - r.base;
  if (i >= 0 && i < r.counts.length) r.counts[i]!++;
  else r.outside++;
}

export interface RateFigures {
  /** First and last second placed in the window (inclusive). */
  fromSec: number;
  toSec: number;
  busiestSecond: { rps: number; atSec: number };
  /** The busiest 60 consecutive seconds (or the whole span when shorter): its mean rate and start. */
  busiestMinute: { rps: number; atSec: number; seconds: number };
  /** 99th percentile of the per-second counts, over every second of the span (quiet seconds count as 0). */
  p99Second: number;
  meanRps: number;
  /** Mean requests/s per point, at most `points` points of `bucketSec` seconds each. */
  series: { sec: number; rps: number }[];
  bucketSec: number;
}

/** The figures over the window's span; null when no line was placed. */
export function rateFigures(r: SecondCounts, points = 240): RateFigures | null {
  if (Number.isNaN(r.base)) return null;
  const c = r.counts;
  let from = 0;
  while (from < c.length && c[from] === 0) from++;
  if (from === c.length) return null;
  let to = c.length - 1;
  while (c[to] === 0) to--;
  const span = to - from + 1;
  let total = 0;
  let best = { rps: 0, at: from };
  for (let i = from; i <= to; i++) {
    total += c[i]!;
    if (c[i]! > best.rps) best = { rps: c[i]!, at: i };
  }
  // A sliding window of 60 seconds.
  const w = Math.min(60, span);
  let sum = 0;
  for (let i = from; i < from + w; i++) sum += c[i]!;
  let bestMin = { sum, at: from };
  for (let i = from + w; i <= to; i++) {
    sum += c[i]! - c[i - w]!;
    if (sum > bestMin.sum) bestMin = { sum, at: i - w + 1 };
  }
  const sorted = c.slice(from, to + 1).sort();
  const p99 = sorted[Math.min(span - 1, Math.ceil(0.99 * span) - 1)]!;
  const bucketSec = Math.max(1, Math.ceil(span / points));
  const series: { sec: number; rps: number }[] = [];
  for (let i = from; i <= to; i += bucketSec) {
    const e = Math.min(to + 1, i + bucketSec);
    let n = 0;
    for (let k = i; k < e; k++) n += c[k]!;
    series.push({ sec: r.base + i, rps: n / (e - i) });
  }
  return {
    fromSec: r.base + from,
    toSec: r.base + to,
    busiestSecond: { rps: best.rps, atSec: r.base + best.at },
    busiestMinute: { rps: bestMin.sum / w, atSec: r.base + bestMin.at, seconds: w },
    p99Second: p99,
    meanRps: total / span,
    series,
    bucketSec,
  };
}
