// A fixed-bucket, log-scale histogram of response times: memory is a few hundred counters whatever the log's
// size, and a percentile is off by at most half a bucket (10^(1/80) − 1 ≈ 2.9%).

/** Buckets per decade: 40 → each bucket spans a factor of 10^(1/40) ≈ 1.059. */
export const PER_DECADE = 40;
/** Lowest bound, ms: nginx logs milliseconds, so anything under 10 µs is "0". */
export const MIN_MS = 0.01;
/** 0.01 ms … 10^6 ms (1,000 s): 8 decades. Bucket 0 holds [0, MIN_MS); the last holds ≥ 10^6 ms. */
export const DECADES = 8;
export const BUCKETS = DECADES * PER_DECADE + 2;

export interface Histogram {
  counts: Float64Array;
  n: number;
  sum: number;
  max: number;
}

export const newHistogram = (): Histogram => ({ counts: new Float64Array(BUCKETS), n: 0, sum: 0, max: 0 });

export function bucketOf(ms: number): number {
  if (ms < MIN_MS) return 0;
  const b = Math.floor(Math.log10(ms / MIN_MS) * PER_DECADE) + 1;
  return b >= BUCKETS ? BUCKETS - 1 : b;
}

/** Lower bound of bucket b, ms (bucket 0 starts at 0). */
export const bucketLow = (b: number): number => (b <= 0 ? 0 : MIN_MS * 10 ** ((b - 1) / PER_DECADE));

export function add(h: Histogram, ms: number): void {
  h.counts[bucketOf(ms)]!++;
  h.n++;
  h.sum += ms;
  if (ms > h.max) h.max = ms;
}

/**
 * The q-quantile (0 < q ≤ 1): the geometric middle of the bucket holding the ⌈q·n⌉-th smallest value, capped
 * at the largest value seen. NaN for an empty histogram.
 */
export function quantile(h: Histogram, q: number): number {
  if (h.n === 0) return NaN;
  const rank = Math.max(1, Math.ceil(q * h.n));
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += h.counts[b]!;
    if (seen >= rank) {
      const mid = b === 0 ? MIN_MS / 2 : Math.sqrt(bucketLow(b) * bucketLow(b + 1));
      return Math.min(mid, h.max);
    }
  }
  return h.max;
}

export interface HistogramBar {
  /** Range of response times, ms, [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  count: number;
}

/**
 * Bars for a chart: `perDecade` per decade (a divisor of PER_DECADE), from the first to the last non-empty
 * bucket; at most DECADES × perDecade + 1 bars.
 */
export function bars(h: Histogram, perDecade = 5): HistogramBar[] {
  const step = PER_DECADE / perDecade;
  let first = -1;
  let last = -1;
  for (let b = 0; b < BUCKETS; b++)
    if (h.counts[b]! > 0) {
      if (first < 0) first = b;
      last = b;
    }
  if (first < 0) return [];
  const out: HistogramBar[] = [];
  // Group buckets 1…: [1, 1+step), …; bucket 0 (under MIN_MS) joins the first group.
  const groupOf = (b: number) => (b === 0 ? 0 : Math.floor((b - 1) / step));
  for (let g = groupOf(first); g <= groupOf(last); g++) {
    const lo = g * step + 1;
    let count = g === 0 ? h.counts[0]! : 0;
    for (let b = lo; b < lo + step && b < BUCKETS; b++) count += h.counts[b]!;
    out.push({ fromMs: g === 0 ? 0 : bucketLow(lo), toMs: bucketLow(lo + step), count });
  }
  return out;
}
