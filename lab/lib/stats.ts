// Percentiles and spreads for the lab's results. Nearest-rank percentiles: with a few hundred samples per run
// an interpolated p99 would suggest precision the data does not have.

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(xs: number[]): Spread {
  const s = sortNum(xs.filter((x) => Number.isFinite(x)));
  if (!s.length) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
