import type { Answers } from './answers';
import type { Demand } from './demand';
import { fmt, r, type Reasoned } from './reasoned';

export interface LoadTest {
  ab: string;
  wrk: string;
  explanation: string;
  /** ab's -n, with why (a minute of peak, or the floor or cap it was rounded to). */
  requests: Reasoned<number>;
  /** ab's -c and wrk's -c, with why. */
  concurrency: Reasoned<number>;
  /** Dynamic requests in one minute of peak, rounded up: what "one minute of peak" means here. */
  minuteOfPeak: number;
}

// The guide's Step 5 runs ab with 10 connections; fewer do not exercise more than a worker or two.
export const MIN_CONNECTIONS = 10;
// Fewer than this many requests give ab no stable percentiles (assumption); more than this run for hours.
export const MIN_REQUESTS = 1000;
export const MAX_REQUESTS = 1_000_000;
// More connections than this need a load generator tuned beyond ab's defaults (file descriptors).
export const MAX_CONNECTIONS = 1000;

/**
 * The guide's Step 5 ("Use ab or wrk to simulate load") sized to this peak: 1.5× the requests in flight at peak
 * as connections (at least the guide's 10), and a minute's worth of peak requests for ab. When a floor or a cap
 * changes a figure, the text says so and gives the figure it replaced, so the words match the command.
 */
export function loadTest(a: Answers, d: Demand): LoadTest {
  const inFlight = d.inFlight.value;
  const wanted = Math.ceil(inFlight * 1.5);
  const c = Math.min(MAX_CONNECTIONS, Math.max(MIN_CONNECTIONS, wanted));
  const concurrency = r(
    c,
    c === wanted
      ? `${fmt(c)} connections ≈ 1.5× the ${fmt(inFlight)} requests in flight at peak`
      : c === MIN_CONNECTIONS
        ? `${fmt(c)} connections, the guide’s minimum (1.5× the ${fmt(inFlight)} requests in flight at peak would be only ${fmt(wanted)})`
        : `${fmt(c)} connections, the most one ab or wrk run handles without tuning (1.5× the ${fmt(inFlight)} requests in flight at peak would be ${fmt(wanted)})`,
  );
  const rps = d.dynamicRps.value;
  const minuteOfPeak = Math.ceil(rps * 60);
  const n = Math.min(MAX_REQUESTS, Math.max(MIN_REQUESTS, minuteOfPeak));
  const requests = r(
    n,
    n === minuteOfPeak
      ? `${fmt(n)} requests ≈ one minute of peak dynamic traffic (${fmt(rps)} requests/s × 60)`
      : n === MIN_REQUESTS
        ? `${fmt(n)} requests, rounded up to a useful minimum: one minute of peak dynamic traffic is only ${fmt(minuteOfPeak)} (${fmt(rps)} requests/s × 60), so this is about ${fmt(n / Math.max(rps, 1e-9) / 60, 1)} minutes of it`
        : `${fmt(n)} requests, the cap: one minute of peak dynamic traffic would be ${fmt(minuteOfPeak)} (${fmt(rps)} requests/s × 60)`,
  );
  const threads = Math.min(4, c);
  const url = `https://${a.domain}/`;
  return {
    ab: `ab -n ${n} -c ${c} -k ${url}`,
    wrk: `wrk -t${threads} -c${c} -d60s --latency ${url}`,
    explanation:
      `${concurrency.reason}; ${requests.reason}. ` +
      'Run from another machine, against a staging copy, and compare the p95 with the estimate here.',
    requests,
    concurrency,
    minuteOfPeak,
  };
}
