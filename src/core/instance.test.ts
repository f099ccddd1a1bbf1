import { describe, expect, it } from 'vitest';
import { type Answers } from './answers';
import { archMatches, type Catalog } from './catalog';
import { demand, shareOf } from './demand';
import { alternatives, choose, evaluate, evaluateAll, MAX_SCALE_OUT, offBox } from './instance';
import { A, SCENARIOS, catalog, inst } from '../testing/fixtures';

const pick = (a: Answers, c: Catalog = catalog) => {
  const d = demand(a);
  const evals = evaluateAll(a, d, c);
  return { d, evals, choice: choose(a, d, evals, c) };
};

// 5,000 daily users × 20 requests over 8 h, burst 2: 4 × 100,000 / (π × 8) = 15,915.5/h = 4.42097/s × 2
// = 8.84194/s; 60% dynamic = 5.30516/s × 80 ms = 0.424413 vCPU + Nginx 8.84194 × 0.1 ms = 0.000884
// → 0.425297 vCPU at peak: above the 0.4 vCPU baseline of every 2-vCPU T type up to medium.
const MEDIUM = A({ trafficMode: 'daily', dailyUsers: 5000 });

describe('evaluate', () => {
  it('defaults on t4g.small: fits, within the burstable baseline', () => {
    const a = A();
    const e = evaluate(a, demand(a), inst('t4g.small'), catalog);
    expect(e.usdPerMonth).toBeCloseTo(12.264, 9); // 0.0168 × 730
    expect(e.cpu.sustainableVcpu).toBeCloseTo(0.4, 12); // 20% × 2 vCPU
    expect(e.cpu.totalVcpu).toBeCloseTo(0.235784, 6);
    expect(e.cpu.utilisation).toBeCloseTo(0.117892, 6);
    expect(e.cpu.surplusVcpu).toBe(0);
    expect(e.feasible).toBe(true);
    expect(e.problems).toEqual([]);
  });

  it('above a burstable baseline: not feasible, but feasible paying for surplus, with its bill', () => {
    const e = evaluate(MEDIUM, demand(MEDIUM), inst('t3.small'), catalog);
    // surplus 0.425297 − 0.4 = 0.025297 vCPU × $0.05 × 8 busy hours × 730/24 days = $0.3078/month
    expect(e.cpu.surplusVcpu).toBeCloseTo(0.025297, 5);
    expect(e.cpu.surplusUsdPerMonth).toBeCloseTo(0.3078, 3);
    expect(e.feasible).toBe(false);
    expect(e.feasibleWithSurplus).toBe(true);
    expect(e.problems).toEqual(['peak CPU 0.43 vCPU exceeds its burstable baseline of 0.4 vCPU (20% × 2)']);
  });

  it('uses the T4g surplus rate, $0.04 per vCPU-hour', () => {
    const e = evaluate(MEDIUM, demand(MEDIUM), inst('t4g.micro'), catalog);
    // 0.425297 − 0.2 = 0.225297 × 0.04 × 8 × 730/24 = $2.1929/month
    expect(e.cpu.surplusUsdPerMonth).toBeCloseTo(2.1929, 3);
  });

  it('a fixed-performance type is held to 70% of its vCPUs', () => {
    const a = A(SCENARIOS.cpuBound);
    // 10.02 vCPU (cpu.test.ts): over 70% of 8 (5.6) and under 70% of 16 (11.2)
    expect(evaluate(a, demand(a), inst('c6g.2xlarge'), catalog).problems).toContain(
      'peak CPU 10.02 vCPU is over 70% of its 8 vCPUs',
    );
    expect(evaluate(a, demand(a), inst('c6g.4xlarge'), catalog).feasible).toBe(true);
  });

  it('names a memory shortfall', () => {
    const a = A();
    // t3.nano: limit 348 MB, fixed 269 MB, 136 MB a worker → none
    expect(evaluate(a, demand(a), inst('t3.nano'), catalog).problems[0]).toBe(
      'no Gunicorn worker fits in its 348 MB budget after the other services',
    );
  });
});

describe('choose', () => {
  it('defaults: the cheapest type that fits is t4g.small, and it says why the 6 cheaper ones do not', () => {
    const { choice } = pick(A());
    expect(choice.chosen.instance.type).toBe('t4g.small');
    expect(choice.fits).toBe(true);
    expect(choice.scaleOut).toBe(1);
    expect(choice.reason).toBe(
      'The cheapest of 70 types that keeps peak CPU (0.24 vCPU) within its burstable baseline of 0.4 vCPU, ' +
        // 269 fixed + 2 gthread workers (one per vCPU) × 122 = 513
        'fits the memory budget (513 of 1,589 MB usable after 15% headroom) and meets the 600 ms p95 target; ' +
        'the 6 cheaper types fail on CPU, memory or latency.',
    );
  });

  it('honours the architecture choice', () => {
    expect(pick(A({ arch: 'x86' })).choice.chosen.instance.type).toBe('t3a.small');
    expect(pick(A({ arch: 'arm' })).choice.chosen.instance.type).toBe('t4g.small');
    expect(archMatches(A({ arch: 'x86' }), inst('c6g.large'))).toBe(false);
    expect(archMatches(A({ arch: 'either' }), inst('c6g.large'))).toBe(true);
  });

  it('every cheaper type of the pool fails, the chosen one does not', () => {
    for (const a of [
      A(),
      MEDIUM,
      A({ dbLocation: 'here', celery: 'here' }),
      A({ arch: 'x86', concurrentUsers: 400 }),
    ]) {
      const { evals, choice } = pick(a);
      const price = choice.chosen.instance.usdPerHour;
      expect(choice.chosen.feasible).toBe(true);
      for (const e of evals)
        if (archMatches(a, e.instance) && e.instance.usdPerHour < price)
          expect(e.feasible, e.instance.type).toBe(false);
    }
  });

  it('scales out when no single box carries the peak: 45 × c6g.4xlarge', () => {
    // 10,000 users / (9 s + 1 s) = 1000 requests/s, all dynamic, 1 s each, 50% I/O → 500 ms CPU = 500 vCPU,
    // + Nginx 0.1 vCPU = 500.1. A 16-vCPU box sustains 70% = 11.2: 500.1 / 11.2 = 44.65 → 45 boxes.
    // The cheapest 16-vCPU type is c6g.4xlarge: 45 × $0.544 × 730 = $17,870.40 a month.
    const a = A(SCENARIOS.scaleOut);
    const { d, choice } = pick(a);
    expect(choice.fits).toBe(false);
    expect(choice.scaleOut).toBe(45);
    expect(choice.chosen.instance.type).toBe('c6g.4xlarge');
    expect(choice.chosen.feasible).toBe(true);
    expect(choice.reason).toContain('Run 45 × c6g.4xlarge behind a load balancer ($17,870.40/month)');
    // The fewest: 44 boxes would each run 500.1 / 44 = 11.37 vCPU > 11.2.
    expect(evaluate(a, shareOf(d, 44), inst('c6g.4xlarge'), catalog).feasible).toBe(false);
  });

  it.each([
    ['CPU-bound', { concurrentUsers: 10_000, thinkTimeSec: 9, responseTimeMs: 1000, ioSharePct: 50 }],
    ['CPU-bound, x86', { concurrentUsers: 30_000, thinkTimeSec: 2, responseTimeMs: 300, arch: 'x86' }],
    [
      'CPU-bound, ARM, Caddy',
      { concurrentUsers: 60_000, thinkTimeSec: 5, responseTimeMs: 150, arch: 'arm', proxy: 'caddy' },
    ],
    [
      'memory-bound: 2 GB workers',
      {
        concurrentUsers: 20_000,
        thinkTimeSec: 5,
        responseTimeMs: 2000,
        ioSharePct: 95,
        workerMemoryMb: 2048,
      },
    ],
    [
      'Celery on every box',
      {
        concurrentUsers: 8000,
        thinkTimeSec: 3,
        responseTimeMs: 400,
        celery: 'here',
        celeryConcurrency: 16,
        celeryBusyPct: 50,
      },
    ],
    [
      'a database on every box',
      { trafficMode: 'daily', dailyUsers: 3_000_000, requestsPerVisit: 50, dbLocation: 'here' },
    ],
  ] as const)('scale-out (%s) takes the cheapest fleet, each of the fewest boxes that fit', (_name, over) => {
    const user = A(over);
    const { d, evals, choice } = pick(user);
    expect(choice.fits).toBe(false);
    // A fleet shares one database, Redis and Celery: each web box is sized without them.
    const a = offBox(user).answers;
    expect(choice.answers).toEqual(a);
    expect(choice.chosen.memory.items.map((i) => i.label)).not.toContain('PostgreSQL');
    expect(choice.chosen.cpu.items.map((i) => i.label)).not.toContain('Celery');
    if (user.celery === 'here') expect(choice.reason).toContain('Celery → its own instance');
    if (user.dbLocation === 'here') expect(choice.reason).toContain('PostgreSQL → a managed service (RDS)');
    // Reference: for every largest type, walk n = 2, 3, … to the first that fits.
    const pool = evals.filter((e) => archMatches(a, e.instance));
    const maxVcpu = Math.max(...pool.map((e) => e.instance.vcpu));
    const fleets = pool
      .filter((e) => e.instance.vcpu === maxVcpu)
      .map((e) => {
        let n = 2;
        while (n < MAX_SCALE_OUT && !evaluate(a, shareOf(d, n), e.instance, catalog).feasible) n++;
        return { type: e.instance.type, n, cost: n * e.usdPerMonth };
      });
    const cheapest = Math.min(...fleets.map((f) => f.cost));
    const mine = fleets.find((f) => f.type === choice.chosen.instance.type);
    expect(choice.scaleOut).toBe(mine?.n);
    expect(choice.scaleOut * choice.chosen.usdPerMonth).toBeCloseTo(cheapest, 6);
  });

  it('when no fleet can carry it, shows the type with room for the most workers, never an empty box', () => {
    // 10 M daily users × 1000 requests in one busy hour with a 10× burst: 4·10¹⁰/(π·3600)·10 ≈ 3.5·10⁷ requests/s,
    // each burning 60 s × 5% = 3 s of CPU: ~10⁸ vCPU, beyond 1024 boxes of 11.2 sustainable vCPU each. The shared
    // services move off even so, and 2 GB workers leave the 128 GiB types with room for the most of them.
    const a = A({
      trafficMode: 'daily',
      dailyUsers: 10_000_000,
      requestsPerVisit: 1000,
      busyHours: 1,
      burstFactor: 10,
      staticSharePct: 0,
      responseTimeMs: 60_000,
      ioSharePct: 95,
      workerMemoryMb: 2048,
      redis: 'here',
      dbLocation: 'here',
    });
    const { choice } = pick(a);
    expect(choice.fits).toBe(false);
    expect(choice.scaleOut).toBe(MAX_SCALE_OUT);
    expect(choice.chosen.instance.memoryGib).toBe(128);
    expect(choice.chosen.instance.type).toBe('r6g.4xlarge'); // the cheapest of the 128 GiB types
    expect(choice.chosen.plan.workers.value).toBeGreaterThanOrEqual(1);
    expect(choice.chosen.memory.totalMib).toBeLessThanOrEqual(choice.chosen.memory.limitMib);
    expect(choice.reason).toMatch(/and neither would 1024 × r6g\.4xlarge \(.*peak CPU/);
    expect(choice.movedOff).toEqual([
      'PostgreSQL → a managed service (RDS)',
      'Redis → a managed service (ElastiCache)',
    ]);
    expect(pick({ ...a, arch: 'x86' }).choice.chosen.instance.type).toBe('r5.4xlarge');
  });

  it('a single box keeps the services where the user put them', () => {
    const { choice } = pick(A({ dbLocation: 'here', celery: 'here' }));
    expect(choice.fits).toBe(true);
    expect(choice.movedOff).toEqual([]);
    expect(choice.answers.dbLocation).toBe('here');
    expect(choice.chosen.memory.items.map((i) => i.label)).toContain('PostgreSQL');
  });
});

describe('alternatives', () => {
  it('defaults: the x86 twin, one size up, and a steady-CPU type, priced against t4g.small', () => {
    const a = A();
    const { evals, choice } = pick(a);
    const alts = alternatives(a, evals, choice);
    expect(alts.map((x) => [x.label, x.evaluation.instance.type])).toEqual([
      ['x86 equivalent', 't3a.small'],
      ['One size up', 't4g.medium'],
      ['Steady CPU (not burstable)', 'c6g.medium'],
    ]);
    // (0.0188 − 0.0168) × 730 = 1.46; (0.0336 − 0.0168) × 730 = 12.26; (0.034 − 0.0168) × 730 = 12.56
    expect(alts[0]?.note).toBe('+$1.46/month. For dependencies without arm64 builds.');
    // t4g.medium has 2 vCPUs like t4g.small: the same 2 gthread workers, with twice the memory
    expect(alts[1]?.note).toBe('+$12.26/month: headroom for growth — 2 workers, 3,238 MB usable.');
    expect(alts[2]?.note).toBe('+$12.56/month: no CPU credits to run out of under sustained load.');
  });

  it('marks a twin outside the architecture choice', () => {
    const a = A({ arch: 'arm' });
    const { evals, choice } = pick(a);
    expect(alternatives(a, evals, choice)[0]?.note).toMatch(/Outside your architecture choice\.$/);
  });

  it('offers a cheaper burstable type paying for surplus CPU when the choice is fixed-performance', () => {
    const { evals, choice } = pick(MEDIUM);
    expect(choice.chosen.instance.type).toBe('c6g.medium');
    const burst = alternatives(MEDIUM, evals, choice).find(
      (x) => x.label === 'Burstable, paying for surplus CPU',
    );
    expect(burst?.evaluation.instance.type).toBe('t4g.micro');
    // (0.0084 − 0.034) × 730 = −18.69; surplus $2.19 (above)
    expect(burst?.note).toBe(
      '−$18.69/month plus up to $2.19/month of unlimited-mode surplus if the peak lasts all 8 busy hours.',
    );
  });

  it('lists at most three, none of them the chosen type, none twice', () => {
    for (const a of [A(), MEDIUM, A({ arch: 'x86' }), A({ concurrentUsers: 2000 })]) {
      const { evals, choice } = pick(a);
      const types = alternatives(a, evals, choice).map((x) => x.evaluation.instance.type);
      expect(types.length).toBeLessThanOrEqual(3);
      expect(types).not.toContain(choice.chosen.instance.type);
      expect(new Set(types).size).toBe(types.length);
    }
  });
});
