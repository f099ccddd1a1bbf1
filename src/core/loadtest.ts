import type { Answers } from './answers';
import type { Demand } from './demand';

export interface LoadTest {
  ab: string;
  wrk: string;
  explanation: string;
}

/**
 * The guide's Step 5 ("Use ab or wrk to simulate load") sized to this peak: as many connections as
 * requests in flight at peak (at least the guide's 10), and a minute's worth of peak requests for ab.
 */
export function loadTest(a: Answers, d: Demand): LoadTest {
  const concurrency = Math.min(1000, Math.max(10, Math.ceil(d.inFlight.value * 1.5)));
  const requests = Math.min(1_000_000, Math.max(1000, Math.ceil(d.dynamicRps.value * 60)));
  const threads = Math.min(4, concurrency);
  const url = `https://${a.domain}/`;
  return {
    ab: `ab -n ${requests} -c ${concurrency} -k ${url}`,
    wrk: `wrk -t${threads} -c${concurrency} -d60s --latency ${url}`,
    explanation:
      `${concurrency} connections ≈ 1.5× the ${Math.ceil(d.inFlight.value)} requests in flight at peak; ${requests} requests ≈ one minute of peak dynamic traffic. ` +
      'Run from another machine, against a staging copy, and compare the p95 with the estimate here.',
  };
}
