import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { CONCURRENT_SHARE_OF_DAILY, dailyUsersForRate, demand, rateForDailyUsers, shareOf } from './demand';

const A = (over: Partial<Answers> = {}): Answers => ({ ...DEFAULT_ANSWERS, ...over });

describe('demand: concurrent users → requests/s', () => {
  // Defaults: 50 users, think 10 s, response 200 ms, 40% static, 60% I/O, static files through the proxy.
  const d = demand(A());

  it('each user sends one request per (think time + response time)', () => {
    // 50 / (10 + 0.2) = 4.901960…
    expect(d.peakRps.value).toBeCloseTo(50 / 10.2, 12);
    expect(d.peakRps.value).toBeCloseTo(4.90196, 5);
    expect(d.peakRps.reason).toContain('50 concurrent users');
    expect(d.peakRps.reason).toContain('10.2 s');
  });

  it('splits static from dynamic', () => {
    // dynamic 60% of 4.90196 = 2.94118; static 40% = 1.96078
    expect(d.dynamicRps.value).toBeCloseTo(2.94118, 5);
    expect(d.staticRps).toBeCloseTo(1.96078, 5);
    expect(d.dynamicRps.value + d.staticRps).toBeCloseTo(d.peakRps.value, 12);
    expect(d.dynamicRps.reason).toContain('60% of 4.9 requests/s');
  });

  it("applies Little's law L = λW to the dynamic requests", () => {
    // 2.94118/s × 0.2 s = 0.58824 in flight
    expect(d.inFlight.value).toBeCloseTo(0.58824, 5);
    expect(d.inFlight.reason).toContain("Little's law");
  });

  it('takes the CPU share of a response as the time not spent on I/O', () => {
    // 200 ms × (1 − 0.60) = 80 ms
    expect(d.cpuMsPerRequest.value).toBeCloseTo(80, 10);
  });

  it('estimates daily users as 10× the peak concurrency', () => {
    expect(CONCURRENT_SHARE_OF_DAILY).toBe(0.1);
    expect(d.dailyUsers.value).toBe(500); // 50 / 0.1
  });

  it('counts static requests at the proxy only when it serves them', () => {
    expect(d.proxyRps).toBeCloseTo(d.peakRps.value, 12);
    expect(demand(A({ staticFiles: 's3' })).proxyRps).toBeCloseTo(2.94118, 5);
  });

  it('a hand-worked case: 1000 users, think 4 s, 1 s responses, no static', () => {
    const e = demand(A({ concurrentUsers: 1000, thinkTimeSec: 4, responseTimeMs: 1000, staticSharePct: 0 }));
    // 1000 / (4 + 1) = 200 requests/s, all dynamic; L = 200 × 1 s = 200 in flight
    expect(e.peakRps.value).toBeCloseTo(200, 10);
    expect(e.dynamicRps.value).toBeCloseTo(200, 10);
    expect(e.staticRps).toBe(0);
    expect(e.inFlight.value).toBeCloseTo(200, 10);
  });
});

describe('demand: daily users → peak requests/s (elliptical day)', () => {
  const a = A({ trafficMode: 'daily', dailyUsers: 2000, requestsPerVisit: 20, busyHours: 8, burstFactor: 2 });
  const d = demand(a);

  it('peaks at 4V/(πt) per hour, times the burst factor', () => {
    // V = 2000 × 20 = 40,000 requests/day; 4 × 40,000 / (π × 8) = 6366.198 per hour = 1.768388/s; × 2 = 3.536776/s
    expect(d.peakRps.value).toBeCloseTo(3.536776, 5);
    expect(d.peakRps.reason).toContain('40,000 requests/day');
    expect(d.peakRps.reason).toContain('6,366 requests');
  });

  it('the elliptical profile with that peak carries the whole day’s volume', () => {
    // Independent check of 4V/(πt): integrate peak × √(1 − (2x/t − 1)²) over the t busy hours.
    const t = 8;
    const peakPerHour = d.peakRps.value / 2 / (1 / 3600); // without the burst factor
    const steps = 200_000;
    let area = 0;
    for (let i = 0; i < steps; i++) {
      const x = ((i + 0.5) / steps) * t;
      area += peakPerHour * Math.sqrt(1 - ((2 * x) / t - 1) ** 2) * (t / steps);
    }
    expect(area / 40_000).toBeCloseTo(1, 4);
  });

  it('keeps the daily users as given, and ignores concurrent users', () => {
    expect(d.dailyUsers.value).toBe(2000);
    expect(demand({ ...a, concurrentUsers: 99_999 }).peakRps.value).toBe(d.peakRps.value);
  });

  it('fewer busy hours mean a higher peak, in inverse proportion', () => {
    const d4 = demand({ ...a, busyHours: 4 });
    expect(d4.peakRps.value).toBeCloseTo(2 * d.peakRps.value, 10);
  });
});

describe('shareOf', () => {
  const d = demand(A({ concurrentUsers: 1000, thinkTimeSec: 4, responseTimeMs: 1000, staticSharePct: 20 }));

  it('splits every rate evenly across n instances', () => {
    const s = shareOf(d, 4);
    // 200/s total → 50/s each; dynamic 160 → 40; static 40 → 10; in flight 160 → 40
    expect(s.peakRps.value).toBeCloseTo(50, 10);
    expect(s.dynamicRps.value).toBeCloseTo(40, 10);
    expect(s.staticRps).toBeCloseTo(10, 10);
    expect(s.proxyRps).toBeCloseTo(50, 10);
    expect(s.inFlight.value).toBeCloseTo(40, 10);
    expect(s.dynamicRps.reason).toContain('Split across 4 instances');
  });

  it('leaves per-request figures and daily users alone', () => {
    const s = shareOf(d, 4);
    expect(s.cpuMsPerRequest).toEqual(d.cpuMsPerRequest);
    expect(s.dailyUsers).toEqual(d.dailyUsers);
  });

  it('is the identity for one instance', () => {
    expect(shareOf(d, 1)).toBe(d);
  });
});

describe('demand: a peak rate (rate mode)', () => {
  const rate = (over: Partial<Answers> = {}) =>
    demand(A({ trafficMode: 'rate', peakRps: 120, staticSharePct: 25, responseTimeMs: 400, ...over }));

  it('takes the rate as the total at peak, static included, and splits off the static share', () => {
    const d = rate();
    expect(d.peakRps.value).toBe(120);
    expect(d.peakRps.reason).toBe('120 requests/s at peak, as given (static files included).');
    // 75% of 120 = 90 dynamic, 30 static; 90/s × 0.4 s = 36 in flight.
    expect(d.dynamicRps.value).toBeCloseTo(90, 12);
    expect(d.staticRps).toBeCloseTo(30, 12);
    expect(d.inFlight.value).toBeCloseTo(36, 12);
    expect(d.proxyRps).toBe(120);
    expect(rate({ staticFiles: 's3' }).proxyRps).toBeCloseTo(90, 12);
  });

  it('does not depend on think time, busy hours, burst factor or the daily answers', () => {
    const base = rate();
    const other = rate({
      thinkTimeSec: 0.1,
      busyHours: 1,
      burstFactor: 10,
      dailyUsers: 7,
      requestsPerVisit: 900,
    });
    expect(other).toEqual(base);
  });

  it('reads a rate on the guide’s users/day tiers through the daily model run backwards', () => {
    // 1,000 users × 20 requests over 8 h: 4 × 20,000 / (π × 8) = 3,183.1 in the peak hour, /3600 × 2 = 1.7684/s.
    expect(rateForDailyUsers(1000)).toBeCloseTo(1.76839, 5);
    expect(dailyUsersForRate(rateForDailyUsers(1234))).toBeCloseTo(1234, 9);
    const d = rate({ peakRps: 1.76839 });
    expect(d.dailyUsers.value).toBe(1000);
    expect(d.dailyUsers.reason).toContain('about 1,000 users a day at 20 requests each over 8 busy hours');
    // The same reading as daily mode with those answers: 1,000 users a day give the same peak.
    const daily = demand(
      A({ trafficMode: 'daily', dailyUsers: 1000, requestsPerVisit: 20, busyHours: 8, burstFactor: 2 }),
    );
    expect(daily.peakRps.value).toBeCloseTo(rateForDailyUsers(1000), 12);
  });
});
