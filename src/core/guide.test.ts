import { describe, expect, it } from 'vitest';
import { type Answers } from './answers';
import { type Catalog } from './catalog';
import fc from 'fast-check';
import { recommend } from './recommend';
import { answersArb } from '../testing/arbitraries';
import { A, catalog } from '../testing/fixtures';

const guide = (a: Answers, c: Catalog = catalog) => recommend(a, c).guide;
const daily = (n: number, over: Partial<Answers> = {}) => A({ trafficMode: 'daily', dailyUsers: n, ...over });

describe('the guide’s traffic tiers (Step 2)', () => {
  it.each([
    [1, 'small'],
    [100, 'small'], // "Small traffic (~100 users/day)"
    [999, 'small'],
    [1000, 'medium'], // "Medium traffic (1000+ users/day)"
    [9999, 'medium'],
    [10_000, 'high'], // where "high" starts is our assumption
    [5_000_000, 'high'],
  ])('%d users/day → %s', (users, tier) => {
    expect(guide(daily(users)).tier).toBe(tier);
  });

  it('places concurrent users at 10× per day: 50 concurrent → 500/day, small, said in concurrent users', () => {
    const g = guide(A());
    expect(g.tier).toBe('small');
    expect(g.reason).toMatch(
      /^50 concurrent users at peak put you in the guide’s small tier \(t3a\.small or t3a\.medium\)\. The guide counts users a day \(~100 users\/day\); with peak concurrency ≈ 10% of daily users that tier is under 100 concurrent users/,
    );
    expect(g.reason).not.toContain('500');
    expect(guide(A({ concurrentUsers: 150 })).reason).toContain('that tier is 100–1,000 concurrent users');
    expect(guide(A({ concurrentUsers: 5000 })).reason).toContain(
      'that tier is 1,000 concurrent users or more',
    );
  });

  // 1,000 users/day × 20 requests over 8 h with 2× bursts: 4 × 20,000 / (π × 8) / 3600 × 2 = 1.768 requests/s.
  it.each([
    [1, 'small', 'under 1.77 requests/s at peak'],
    [1.7, 'small', 'under 1.77 requests/s at peak'],
    [1.8, 'medium', '1.77–17.68 requests/s at peak'],
    [17.6, 'medium', '1.77–17.68 requests/s at peak'],
    [17.7, 'high', '17.68 requests/s at peak or more'],
  ])('a rate of %d requests/s → %s tier, said in requests/s', (rps, tier, bounds) => {
    const g = guide(A({ trafficMode: 'rate', peakRps: rps }));
    expect(g.tier).toBe(tier);
    expect(g.reason).toMatch(new RegExp(`^${String(rps).replace('.', '\\.')} requests/s at peak put you in`));
    expect(g.reason).toContain(
      `at 20 requests per user over 8 busy hours with 2× bursts that tier is ${bounds}`,
    );
    expect(g.reason).not.toMatch(/concurrent users|\d users\/day puts/);
  });

  it('speaks in users a day to someone who gave users a day', () => {
    expect(guide(daily(2000)).reason).toMatch(/^2,000 users\/day puts you in the guide’s medium tier/);
  });

  it('suggests the guide’s types', () => {
    expect(guide(daily(100)).suggestion).toBe('t3a.small or t3a.medium');
    expect(guide(daily(1000)).suggestion).toBe('t3a.large or t3a.xlarge');
  });
});

describe('high tier: c6g, m6i or r6g “depending on workload”', () => {
  it.each([
    [{}, 'm6i', 'balanced workload'],
    [{ ioSharePct: 40 }, 'c6g', 'CPU-bound workload'],
    [{ workerMemoryMb: 250 }, 'r6g', 'memory-heavy workload'],
    [{ dbLocation: 'here' }, 'r6g', 'memory-heavy workload'],
    [{ redisDataMb: 1024 }, 'r6g', 'memory-heavy workload'],
  ] as const)('%j → %s', (over, family, why) => {
    const g = guide(daily(50_000, over));
    expect(g.suggestion).toBe(`c6g, m6i or r6g — ${family} for a ${why}`);
    expect(g.pick?.startsWith(`${family}.`)).toBe(true);
  });
});

describe('the guide judges the box as sized', () => {
  it('behind a load balancer the database moves off the box, so its memory-heavy tier no longer applies', () => {
    // The defaults' Redis moves off too: what is left is the balanced workload.
    expect(guide(daily(50_000, { dbLocation: 'here' })).suggestion).toBe(
      'c6g, m6i or r6g — r6g for a memory-heavy workload',
    );
    expect(guide(daily(50_000, { dbLocation: 'here', lb: 'alb' })).suggestion).toBe(
      'c6g, m6i or r6g — m6i for a balanced workload',
    );
  });
});

describe('comparing the guide’s pick with the model’s', () => {
  it('defaults: t3a.small would do, but t4g.small is $1.46/month cheaper', () => {
    const g = guide(A());
    expect(g.pick).toBe('t3a.small');
    expect(g.agrees).toBe(false);
    // (0.0188 − 0.0168) × 730 = 1.46
    expect(g.reason).toBe(
      '50 concurrent users at peak put you in the guide’s small tier (t3a.small or t3a.medium). The guide ' +
        'counts users a day (~100 users/day); with peak concurrency ≈ 10% of daily users that tier is under ' +
        '100 concurrent users. t3a.small would also carry the load but costs $1.46/month more than t4g.small.',
    );
  });

  it('agrees when the model lands on the guide’s type (x86 only, small traffic)', () => {
    const g = guide(A({ arch: 'x86' }));
    expect(g.pick).toBe('t3a.small');
    expect(g.agrees).toBe(true);
    expect(g.reason).toMatch(/the model agrees: t3a\.small\.$/);
  });

  it('medium tier: t3a.large carries 1,000 users/day, at $48.76/month more than the model’s t4g.micro', () => {
    const g = guide(daily(1000));
    expect(g.pick).toBe('t3a.large');
    // (0.0752 − 0.0084) × 730 = 48.764
    expect(g.reason).toContain(
      't3a.large would also carry the load but costs $48.76/month more than t4g.micro.',
    );
  });

  it('when neither suggestion carries the load, names the larger and why it falls short', () => {
    // 9,000 users/day of 2 s CPU-bound requests: 4 × 180,000 / (π × 8) / 3600 × 2 = 15.92/s, 60% dynamic
    // = 9.55/s × 2 s = 19.1 vCPU: far over t3a.xlarge's 40% × 4 = 1.6 vCPU baseline.
    const g = guide(daily(9000, { responseTimeMs: 2000, ioSharePct: 0 }));
    expect(g.pick).toBe('t3a.xlarge');
    expect(g.agrees).toBe(false);
    expect(g.reason).toMatch(
      /t3a\.xlarge falls short: .*peak CPU 19\.1 vCPU exceeds its burstable baseline of 1\.6 vCPU/,
    );
  });

  it('says when the guide’s pick is cheaper but outside the architecture choice', () => {
    const g = guide(daily(50_000, { arch: 'x86', ioSharePct: 30 }));
    expect(g.pick?.startsWith('c6g.')).toBe(true);
    expect(g.reason).toMatch(/c6g\.\w+ is cheaper but outside your architecture choice\.$/);
  });

  it('says so when none of the guide’s types is in the catalog', () => {
    const noT3a = { ...catalog, instances: catalog.instances.filter((i) => i.family !== 't3a') };
    const g = guide(A({ trafficMode: 'daily', dailyUsers: 500 }), noT3a);
    expect(g.pick).toBeNull();
    expect(g.agrees).toBe(false);
    expect(g.reason).toBe(
      '500 users/day puts you in the guide’s small tier (t3a.small or t3a.medium); none of those types is in the catalog.',
    );
  });
});

describe('the tier box never contradicts itself', () => {
  // The bounds it states, in the user's measure, hold the figure the user gave (to the shown rounding).
  const num = (s: string) => Number(s.replace(/,/g, ''));
  it('over the whole answer space', () => {
    fc.assert(
      // Traffic around the tier bounds (the whole-space arbitrary favours the extremes).
      fc.property(
        answersArb,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 10, max: 4000 }).map((n) => n / 100),
        (any, cu, rps) => {
          const a = { ...any, concurrentUsers: cu, peakRps: rps };
          const g = recommend(a, catalog).guide;
          if (a.trafficMode === 'daily') {
            expect(g.reason).toMatch(/^[\d,]+ users\/day puts you in the guide’s/);
            return;
          }
          const [value, unit] =
            a.trafficMode === 'concurrent'
              ? [a.concurrentUsers, 'concurrent users']
              : [a.peakRps, 'requests/s at peak'];
          const u = unit.replace('/', '\\/');
          const m = new RegExp(
            `that tier is (?:under ([\\d,.]+) ${u}|([\\d,.]+)–([\\d,.]+) ${u}|([\\d,.]+) ${u} or more)`,
          ).exec(g.reason);
          expect(m, g.reason).not.toBeNull();
          const [, under, from, to, atLeast] = m!;
          // Shown to two decimals (rates) or whole (users): allow half a unit of the last digit.
          const slack = a.trafficMode === 'rate' ? 0.005 + value * 1e-9 : 0.5;
          if (under) expect(value).toBeLessThan(num(under) + slack);
          if (from) {
            expect(value).toBeGreaterThan(num(from) - slack);
            expect(value).toBeLessThan(num(to!) + slack);
          }
          if (atLeast) expect(value).toBeGreaterThan(num(atLeast) - slack);
          expect(g.reason).not.toMatch(/\d users\/day puts/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
