import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { demand } from './demand';
import { loadTest } from './loadtest';

const A = (over: Partial<Answers> = {}): Answers => ({ ...DEFAULT_ANSWERS, ...over });
const lt = (a: Answers) => loadTest(a, demand(a));

describe('loadTest: the guide’s Step 5 (ab or wrk) sized to the peak', () => {
  it('small peaks get the floors: 10 connections, 1000 requests', () => {
    // 0.59 requests in flight, 2.94 dynamic/s × 60 = 177 requests
    const t = lt(A());
    expect(t.ab).toBe('ab -n 1000 -c 10 -k https://example.com/');
    expect(t.wrk).toBe('wrk -t4 -c10 -d60s --latency https://example.com/');
    // The repro: "1000 requests ≈ one minute of peak dynamic traffic" at 2.9 requests/s (176 a minute).
    expect(t.explanation).not.toMatch(/1,?000 requests ≈ one minute/);
    expect(t.explanation).toContain(
      '10 connections, the guide’s minimum (1.5× the 0.59 requests in flight at peak would be only 1)',
    );
    expect(t.explanation).toContain(
      '1,000 requests, rounded up to a useful minimum: one minute of peak dynamic traffic is only 177 (2.94 requests/s × 60), so this is about 5.7 minutes of it',
    );
  });

  it('1.5× the requests in flight, one minute of peak requests', () => {
    // 1000 users / (4 + 1) s = 200/s, all dynamic, 1 s each: 200 in flight → 300 connections; 200 × 60 = 12,000
    const t = lt(
      A({
        concurrentUsers: 1000,
        thinkTimeSec: 4,
        responseTimeMs: 1000,
        staticSharePct: 0,
        domain: 'shop.example.org',
      }),
    );
    expect(t.ab).toBe('ab -n 12000 -c 300 -k https://shop.example.org/');
    expect(t.wrk).toBe('wrk -t4 -c300 -d60s --latency https://shop.example.org/');
    expect(t.explanation).toMatch(
      /^300 connections ≈ 1\.5× the 200 requests in flight at peak; 12,000 requests ≈ one minute of peak dynamic traffic \(200 requests\/s × 60\)\./,
    );
  });

  it('caps at 1000 connections and a million requests', () => {
    // 100,000 users / 1.005 s = 99,502/s; 60% dynamic = 59,701/s × 60 = 3.6 M → 1 M;
    // in flight 59,701 × 5 ms = 298.5 → ⌈447.8⌉ = 448 connections
    expect(lt(A({ concurrentUsers: 100_000, thinkTimeSec: 1, responseTimeMs: 5 })).ab).toBe(
      'ab -n 1000000 -c 448 -k https://example.com/',
    );
    // 10,000 users / 10 s = 1000/s × 60% × 1 s = 600 in flight → 900; 2,000 in flight → 1000
    expect(lt(A({ concurrentUsers: 10_000, thinkTimeSec: 9, responseTimeMs: 1000 })).ab).toBe(
      'ab -n 36000 -c 900 -k https://example.com/',
    );
    expect(lt(A({ concurrentUsers: 40_000, thinkTimeSec: 9, responseTimeMs: 1000 })).wrk).toBe(
      'wrk -t4 -c1000 -d60s --latency https://example.com/',
    );
  });
});
