// The checks a recorded log must pass, shared by the real-server test (fresh logs) and the unit test of the
// committed fixtures: every figure follows from the script in load.ts.
import { expect } from 'vitest';
import type { LogSummary } from '../../src/core/logs';
import { expected, POST_BYTES, SLEEP_MS, type RecordedLog } from './load';

export function checkRecorded(log: RecordedLog, s: LogSummary): void {
  const e = expected(log);
  expect(s.ok, s.error).toBe(true);
  expect(s.format).toBe(log);
  expect(s.lines).toEqual({ total: e.lines, parsed: e.lines, skipped: 0, blank: 0 });
  expect(s.status.s5xx).toBe(e.errors);
  expect(s.status.s2xx).toBe(e.lines - e.errors);
  expect(s.staticShare.byPrefixPct).toBeCloseTo((100 * e.static) / e.lines, 9);
  // nginx knows which requests it answered itself ($upstream_response_time "-"): exactly the static ones.
  if (log === 'nginx') expect(s.staticShare.byUpstreamPct).toBeCloseTo((100 * e.static) / e.lines, 9);
  else expect(s.staticShare.byUpstreamPct).toBeNull();
  // Response times of the dynamic requests: one in ten sleeps SLEEP_MS, so the p95 is at least that (less
  // half a histogram bucket) and the median, a plain JSON view, is below it.
  const r = s.response!;
  expect(r.count).toBe(e.dynamic);
  expect(e.slow / e.dynamic).toBeGreaterThanOrEqual(0.06);
  expect(r.p95Ms).toBeGreaterThanOrEqual(SLEEP_MS * 0.97);
  expect(r.maxMs).toBeGreaterThanOrEqual(SLEEP_MS);
  expect(r.p50Ms).toBeLessThan(SLEEP_MS);
  // The largest request is the 3,000-byte POST: Caddy logs its Content-Length, nginx the request with headers.
  if (log === 'caddy') expect(s.largestRequest).toEqual({ bytes: POST_BYTES, what: 'request body' });
  if (log === 'nginx') {
    expect(s.largestRequest!.bytes).toBeGreaterThan(POST_BYTES);
    expect(s.largestRequest!.bytes).toBeLessThan(POST_BYTES + 500);
  }
  if (log === 'gunicorn') expect(s.largestRequest).toBeNull();
  // Four paced one-second phases (15, 40, 70, 25 requests): a few seconds, and a busiest second above the
  // quiet phase's rate.
  expect(s.span!.seconds).toBeGreaterThanOrEqual(3);
  expect(s.span!.seconds).toBeLessThanOrEqual(log === 'gunicorn' ? 40 : 12);
  const seriesTotal = s.rates!.series.reduce((a, p) => a + p.rps * s.rates!.bucketSec, 0);
  expect(seriesTotal).toBeCloseTo(e.lines, 6);
  expect(s.rates!.busiestSecond.rps).toBeGreaterThan(15);
  expect(s.sizing.peakRps!.value).toBeCloseTo(s.rates!.busiestMinute.rps, 12);
}
