import { DJANGO_OVERHEAD_CPU_MS } from './latency';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS } from './answers';
import { type Catalog } from './catalog';
import { demand } from './demand';
import { RULES_VERSION, recommend, tradeoffSeries } from './recommend';
import { A, SCENARIOS, catalog } from '../testing/fixtures';

const only = (...types: string[]): Catalog => ({
  ...catalog,
  instances: catalog.instances.filter((i) => types.includes(i.type)),
});

describe('recommend: Next, Next, Next', () => {
  const rec = recommend(DEFAULT_ANSWERS, catalog);

  it('gives a sound small-site answer: t4g.small, 2 gthread workers × 3 threads', () => {
    expect(rec.chosen.instance.type).toBe('t4g.small');
    expect(rec.chosen).toBe(rec.choice.chosen);
    expect(rec.chosen.plan.workers.value).toBe(2); // one gthread worker per vCPU, at least 2: max(2, 2)
    expect(rec.chosen.plan.ruleOfThumb).toBe(5); // the guide's 2 × 2 cores + 1, shown beside it
    expect(rec.chosen.plan.threads.value).toBe(3);
    expect(rec.chosen.plan.workerClass.value).toBe('gthread');
    // 6 slots for 0.59 requests in flight and 12% CPU on 2 vCPUs: under 5% of requests meet a delay, so the p95
    // is the response itself plus Django's measured overhead (latency.ts).
    expect(rec.latency.p95ResponseMs).toBeCloseTo(200 + DJANGO_OVERHEAD_CPU_MS, 9);
  });

  it('carries its provenance', () => {
    expect(rec.rulesVersion).toBe(RULES_VERSION);
    expect(rec.catalogAsOf).toBe('2024-04-04');
    expect(rec.answers).toEqual(DEFAULT_ANSWERS);
  });

  it('on one instance, the per-instance demand is the demand', () => {
    expect(rec.choice.scaleOut).toBe(1);
    expect(rec.perInstance).toEqual(rec.demand);
  });
});

describe('the guide’s own figures', () => {
  it('“For a server with 4 cores: workers = 2 * 4 + 1 = 9” when memory allows (sync workers)', () => {
    // A catalog of one 4-core type with plenty of RAM (m6i.2xlarge: 8 vCPU, 4 cores, 32 GiB); CPU-bound → sync.
    const rec = recommend(A({ ioSharePct: 0 }), only('m6i.2xlarge'));
    expect(rec.chosen.instance.cores).toBe(4);
    expect(rec.chosen.plan.workers.value).toBe(9);
  });

  it('its 4-core, 8 GB example with threads for I/O: 4 gthread workers × 2 threads where it says 9', () => {
    // c6g.xlarge: 4 cores = 4 vCPUs, 8 GiB; half of each request waits on I/O → 2 threads; one gthread worker
    // per vCPU (the lab: fewer gthread workers than 2 × cores + 1 measured faster) → 4.
    const rec = recommend(A({ ioSharePct: 50 }), only('c6g.xlarge'));
    expect([rec.chosen.plan.workers.value, rec.chosen.plan.threads.value]).toEqual([4, 2]);
    expect(rec.chosen.plan.ruleOfThumb).toBe(9);
  });

  // "CPU 2 vCPUs for running Gunicorn with 2-4 workers; RAM 2–4 GB Django + Gunicorn + DB + Redis"
  it.each([
    ['the defaults', {}],
    ['~100 users/day (the guide’s small traffic)', { trafficMode: 'daily', dailyUsers: 100 }],
    ['999 users/day', { trafficMode: 'daily', dailyUsers: 999 }],
    ['a single user', { concurrentUsers: 1 }],
    ['x86 only', { arch: 'x86' }],
    ['x86, ~100 users/day', { arch: 'x86', trafficMode: 'daily', dailyUsers: 100 }],
    ['MySQL', { dbEngine: 'mysql' }],
  ] as const)(
    'a small app with Gunicorn, PostgreSQL and Redis on the box (%s) gets 2 vCPUs, 2–4 GiB and 2–4 workers',
    (_name, over) => {
      const rec = recommend(A({ dbLocation: 'here', redis: 'here', ...over }), catalog);
      expect(rec.guide.tier).toBe('small');
      const { instance, plan } = rec.chosen;
      expect(instance.vcpu).toBe(2);
      expect(instance.memoryGib).toBeGreaterThanOrEqual(2);
      expect(instance.memoryGib).toBeLessThanOrEqual(4);
      expect(plan.workers.value).toBeGreaterThanOrEqual(2);
      // 5 since a gthread thread costs 1 MB (lab-measured) rather than 8: memory no longer cuts the guide's
      // 2 × 2 + 1 down to 4 on the 2 GiB box.
      expect(plan.workers.value).toBeLessThanOrEqual(5);
    },
  );
});

describe('recommend with a scale-out', () => {
  // 1000 requests/s of 1 s, half CPU: 45 × c6g.4xlarge (instance.test.ts)
  const a = A(SCENARIOS.scaleOut);
  const rec = recommend(a, catalog);

  it('sizes each instance for its share of the peak', () => {
    expect(rec.choice.scaleOut).toBe(45);
    expect(rec.perInstance.dynamicRps.value).toBeCloseTo(1000 / 45, 9);
    expect(rec.demand.dynamicRps.value).toBeCloseTo(1000, 9);
    expect(rec.chosen.cpu.totalVcpu).toBeCloseTo(500.1 / 45, 6);
  });

  it('the latency, load test and chart use the per-instance share', () => {
    expect(rec.loadTest.ab).toContain(`-n ${Math.ceil((1000 / 45) * 60)} `);
    const s = tradeoffSeries(rec);
    const mine = s.points.find((p) => p.recommended)!;
    expect(mine.workers).toBe(rec.chosen.plan.workers.value);
    // The chart's recommended point waits what the latency estimate says.
    expect(mine.p95WaitMs).toBeCloseTo(rec.latency.p95WaitMs, 9);
  });
});

describe('recommend is a pure function of its inputs', () => {
  it('gives equal results for equal inputs, and does not change them', () => {
    const a = A({ concurrentUsers: 321, celery: 'here' });
    const frozen = structuredClone(a);
    const c = structuredClone(catalog);
    expect(recommend(a, c)).toEqual(recommend(structuredClone(a), structuredClone(catalog)));
    expect(a).toEqual(frozen);
    expect(c).toEqual(catalog);
  });

  it('demand does not depend on the catalog', () => {
    const a = A({ concurrentUsers: 321 });
    expect(recommend(a, only('m6i.large')).demand).toEqual(demand(a));
  });
});
