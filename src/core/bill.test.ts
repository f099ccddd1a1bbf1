import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lcuEstimate } from './alb';
import { SAVINGS_PLAN_TEXT } from './bill';
import { sizeCeleryBoxes } from './celery';
import { demand } from './demand';
import { ebsPerBoxGb } from './ebs';
import { sizeElastiCache } from './elasticache';
import type { FleetConnections } from './connections';
import { sizeRds } from './rds';
import { r, usd } from './reasoned';
import { recommend } from './recommend';
import { answersArb } from '../testing/arbitraries';
import { A, catalog, SCENARIOS } from '../testing/fixtures';

/** `web` app connections on one box, plus connections.ts's 10 for admin. */
const conns = (web: number): FleetConnections => ({
  boxes: 1,
  spare: 0,
  perBox: r(web, ''),
  web,
  celery: 0,
  beat: 0,
  admin: 10,
  total: r(web + 10, ''),
});

describe('the bill on the default answers (hand-computed)', () => {
  const rec = recommend(A(), catalog);
  const line = (id: string) => rec.bill.lines.find((l) => l.id === id);

  it('prices t4g.small, its 41 GB disk, the RDS class and its storage', () => {
    // t4g.small $0.0168 × 730 = $12.264.
    expect(line('instances')!.usdPerMonth).toBeCloseTo(12.264, 9);
    // 20 GB OS + 20 GB static/media + 1 GB Redis snapshot (64 MB) = 41 GB × $0.08 = $3.28.
    expect(rec.bill.ebsPerBoxGb.value).toBe(41);
    expect(line('ebs')!.usdPerMonth).toBeCloseTo(3.28, 9);
    // 10 GB × 20% hot = 2 GB; db.t4g.small caches (2 × 0.96 − 0.25) × 0.75 = 1.25 GB (too little),
    // db.t4g.medium (4 × 0.96 − 0.25) × 0.75 = 2.69 GB.
    expect(rec.bill.rds!.rdsClass.class).toBe('db.t4g.medium');
    expect(line('rds')!.usdPerMonth).toBeCloseTo(0.065 * 730, 9);
    // 10 GB × 1.25 = 12.5 → the 20 GB minimum × $0.115.
    expect(line('rds-storage')!.usdPerMonth).toBeCloseTo(2.3, 9);
    // Redis on the box, one box without an ALB: no ElastiCache, no load balancer.
    expect(line('elasticache')).toBeUndefined();
    expect(line('alb-hours')).toBeUndefined();
    expect(rec.bill.onDemandUsdPerMonth.value).toBeCloseTo(12.264 + 3.28 + 47.45 + 2.3, 9);
  });

  it('gives every line its price source and date', () => {
    for (const l of rec.bill.lines) {
      expect(l.source, l.id).not.toBe('');
      expect(l.asOf, l.id).toMatch(/^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/);
    }
    expect(line('instances')!.asOf).toBe(catalog.pricesAsOf);
    expect(line('rds')!.source).toBe('S1; S13');
  });

  it('shows the Savings Plan column as not available, with the reference’s note, and invents no rate', () => {
    expect(rec.bill.savingsPlan.usdPerMonth).toBeNull();
    expect(rec.bill.savingsPlan.text).toBe(SAVINGS_PLAN_TEXT);
    expect(rec.bill.savingsPlan.note).toMatch(/NOT FOUND/);
    for (const l of rec.bill.lines) expect(l.savingsPlanUsdPerMonth).toBeNull();
  });
});

describe('the bill of a fleet (SCENARIOS.scaleOut with Redis and Celery on the box)', () => {
  const rec = recommend(A({ ...SCENARIOS.scaleOut, redis: 'here', celery: 'here' }), catalog);
  const line = (id: string) => rec.bill.lines.find((l) => l.id === id)!;

  it('prices 45 boxes + the group’s spare, their disks, the ALB, the RDS and ElastiCache the scale-out moved the data to, and Celery’s box', () => {
    expect(rec.choice.scaleOut).toBe(45);
    expect(line('instances').usdPerMonth).toBeCloseTo(45 * 0.544 * 730, 6); // $17,870.40
    expect(rec.bill.instances).toEqual({ boxes: 45, usdPerHour: 45 * 0.544, usdPerMonth: 45 * 0.544 * 730 });
    // The Auto Scaling group's minimum is 45 + 1: the spare is its own line, 1 × $0.544 × 730 = $397.12.
    expect(rec.fleet.asg!.min.value).toBe(46);
    expect(line('spare-instances').usdPerMonth).toBeCloseTo(0.544 * 730, 9);
    expect(rec.bill.spare).toEqual({ boxes: 1, usdPerMonth: 0.544 * 730 });
    // Database moved off: 20 + 20 GB per box, for the 46 boxes the group runs (was 45 × 40 × 0.08 = $144).
    expect(line('ebs').usdPerMonth).toBeCloseTo(46 * 40 * 0.08, 9); // $147.20
    // Celery moved off: 2 processes → 150 OS + 100 master + 2 × 80 + 60 beat = 470 MB and 2 × 25% = 0.5 vCPU;
    // the cheapest type with both is c6g.medium (1,589 MB limit, 0.7 vCPU sustained; t4g.small sustains 0.4):
    // $0.034 × 730 = $24.82 + 20 GB × $0.08 = $1.60 → $26.42.
    expect(rec.bill.celery!.instance.type).toBe('c6g.medium');
    expect(line('celery').usdPerMonth).toBeCloseTo(0.034 * 730 + 20 * 0.08, 9);
    expect(rec.choice.reason).toContain(
      'Celery → its own instance (c6g.medium, $26.42/month with its disk, on the bill)',
    );
    expect(line('alb-hours').usdPerMonth).toBeCloseTo(0.0225 * 730, 9); // $16.43
    // 1000 requests/s × 20 kB × 3600 s = 72 GB/hour → 72 LCU for 8 × 730 / 24 hours × $0.008.
    expect(rec.bill.loadBalancer!.dimension).toBe('processed bytes');
    expect(line('alb-lcu').usdPerMonth).toBeCloseTo(72 * ((8 * 730) / 24) * 0.008, 6);
    expect(rec.bill.rds).not.toBeNull();
    expect(rec.bill.elasticache!.node.node).toBe('cache.t4g.micro');
  });

  it('sizes the database for the whole fleet’s connections (connections.ts), and the warning uses its class', () => {
    expect(rec.bill.rds!.connectionsNeeded).toBe(rec.connections.total.value);
    expect(rec.database.rdsMemoryGib).toBe(rec.bill.rds!.rdsClass.memoryGib);
  });
});

describe('the models behind the lines', () => {
  it('RDS: connections pick the class when the data is small, and past every class a pooler is named', () => {
    const a = A({ dbDataGb: 1 });
    // 400 + 10 connections: db.t4g.medium lets the app open 404 − 3 = 401 (connections.ts), db.t4g.large 834.
    expect(sizeRds(a, conns(400), 0.1, catalog).rdsClass.class).toBe('db.t4g.large');
    const many = sizeRds(a, conns(6000), 0.1, catalog);
    expect(many.connectionsFit).toBe(false);
    expect(many.reason).toMatch(/PgBouncer/);
    // Data alone decides then: 1 GB × 20% = 0.2 GB hot fits db.t4g.micro's (0.96 − 0.25) × 0.75 = 0.53 GB cache.
    expect(many.rdsClass.class).toBe('db.t4g.micro');
  });

  it('RDS: a class picked for its connections names the cheaper one PgBouncer’s pools would need, without choosing it', () => {
    const a = A({ dbDataGb: 1 });
    // 400 + 10 connections pick db.t4g.large ($0.129/hour). Pools of 20 on one box open 20 + 10 admin = 30 server
    // connections: db.t4g.micro lets the app open 79 − 3 = 76 and caches 0.53 GB ≥ 0.2 GB hot, at $0.016/hour:
    // (0.129 − 0.016) × 730 = $82.49/month less.
    const p = sizeRds(a, conns(400), 0.1, catalog, { perBox: 20, maxBoxes: 1 });
    expect(p.rdsClass.class).toBe('db.t4g.large');
    expect(p.pooledAlternative!.rdsClass.class).toBe('db.t4g.micro');
    expect(p.pooledAlternative!.serverConnections).toBe(30);
    expect(p.pooledAlternative!.usdPerMonthLess).toBeCloseTo((0.129 - 0.016) * 730, 9);
    expect(p.reason).toContain('db.t4g.micro would hold the data and CPU for $82.49/month less. Not chosen:');
    // Pools on 200 boxes (200 × 20 + 10 = 4,010) need more than db.t4g.large gives: no alternative.
    expect(sizeRds(a, conns(400), 0.1, catalog, { perBox: 20, maxBoxes: 200 }).pooledAlternative).toBeNull();
    // MySQL: PgBouncer speaks PostgreSQL only.
    expect(
      sizeRds(A({ dbDataGb: 1, dbEngine: 'mysql' }), conns(400), 0.1, catalog, { perBox: 20, maxBoxes: 1 })
        .pooledAlternative,
    ).toBeNull();
  });

  it('ElastiCache: 1,000 MB of data needs cache.t4g.medium (the small nodes keep 30% back)', () => {
    // 1,010 MB; cache.t4g.small 1.37 GiB × 1024 × 0.7 = 982 MB < 1,010; cache.t4g.medium 3.09 × 1024 × 0.75 = 2,373.
    const p = sizeElastiCache(A({ redisDataMb: 1000 }), catalog);
    expect(p.node.node).toBe('cache.t4g.medium');
    expect(p.usableMib).toBeCloseTo(3.09 * 1024 * 0.75, 9);
    const huge = sizeElastiCache(A({ redisDataMb: 65_536 }), catalog);
    expect(huge.fits).toBe(false);
    expect(huge.node.node).toBe('cache.r6g.2xlarge');
  });

  it('LCUs: the reference’s worked example (100 requests/s, 20 kB, 10 per connection) bills bytes: 7.2 LCU', () => {
    const a = A({ trafficMode: 'rate', peakRps: 100, staticSharePct: 0 });
    const e = lcuEstimate(a, demand(a), catalog);
    expect(e.newConnectionsPerSec).toBeCloseTo(10, 9); // 0.4 LCU
    expect(e.activeConnections).toBeCloseTo(10 * (10 * 0.2 + 60), 9); // 620 → 0.21 LCU
    expect(e.gbPerHour).toBeCloseTo(7.2, 9);
    expect(e.lcu).toBeCloseTo(7.2, 9);
    expect(e.dimension).toBe('processed bytes');
  });

  it('EBS: a database on the box adds its data and growth to the guide’s 20–40 GB', () => {
    expect(ebsPerBoxGb(A({ staticFiles: 's3', redis: 'none' })).value).toBe(20);
    expect(ebsPerBoxGb(A({ redis: 'none', dbLocation: 'here', dbDataGb: 100 })).value).toBe(20 + 20 + 125);
  });

  it('a single box behind the user’s ALB gets the load balancer lines and the group’s spare', () => {
    const rec = recommend(A({ lb: 'alb' }), catalog);
    expect(rec.choice.scaleOut).toBe(1);
    expect(rec.bill.lines.map((l) => l.id)).toContain('alb-hours');
    expect(rec.bill.lines.map((l) => l.id)).toContain('alb-lcu');
    // The group's minimum is 1 + 1: t4g.small's $0.0168 × 730 = $12.264 once for the peak, once for the spare,
    // and both boxes' 40 GB disks (2 × 40 × $0.08 = $6.40): the default Redis moved to ElastiCache (a copy on
    // each box would be a cache per box), so no box keeps its 1 GB of Redis dumps.
    expect(rec.fleet.asg!.min.value).toBe(2);
    expect(rec.answers.redis).toBe('managed');
    const line = (id: string) => rec.bill.lines.find((l) => l.id === id)!;
    expect(line('instances').usdPerMonth).toBeCloseTo(12.264, 9);
    expect(line('spare-instances').usdPerMonth).toBeCloseTo(12.264, 9);
    expect(line('ebs').usdPerMonth).toBeCloseTo(6.4, 9);
    expect(line('elasticache')).toBeDefined();
  });

  it('Celery: 64 processes at 100% busy fit no one type (11.2 vCPU sustained at most): 6 × c6g.4xlarge, 11 on each', () => {
    // 64 / 11.2 → 6 boxes of ⌈64 / 6⌉ = 11 processes: 11 vCPU ≤ 11.2; 150 + 100 + 11 × 80 + 60 = 1,190 MB.
    // 5 boxes would need 13 each (13 vCPU): over. The cheapest 16-vCPU type is c6g.4xlarge ($0.544/hour):
    // 6 × (0.544 × 730 + 20 × 0.08) = $2,392.32.
    const c = sizeCeleryBoxes(A({ celery: 'here', celeryConcurrency: 64, celeryBusyPct: 100 }), catalog);
    expect([c.instance.type, c.boxes, c.perBox, c.memoryMib]).toEqual(['c6g.4xlarge', 6, 11, 1190]);
    expect(c.usdPerMonth).toBeCloseTo(6 * (0.544 * 730 + 20 * 0.08), 9);
    expect(c.reason).toMatch(/^No type holds all 64 Celery processes: 6 boxes, at most 11 on each\./);
    // I/O-bound x86: 8 × 0% busy, 950 MB → t3a.small (1,589 MB limit), the cheapest x86 type with the memory.
    const io = sizeCeleryBoxes(
      A({ celery: 'here', celeryConcurrency: 8, celeryBusyPct: 0, arch: 'x86' }),
      catalog,
    );
    expect([io.instance.type, io.boxes, io.memoryMib]).toEqual(['t3a.small', 1, 950]);
  });
});

describe('a bill line’s reason quotes its own amount as the table shows it (usd)', () => {
  // usd(x) and no more digits: "$0.02" is not the start of "$0.0225/hour".
  const quotes = (text: string, amount: number) =>
    new RegExp(`${usd(amount).replace(/[$.]/g, '\\$&')}(?!\\d|,\\d)`).test(text);

  it('on the default answers: RDS storage says “= $2.30”, not “= $2.3”', () => {
    const storage = recommend(A(), catalog).bill.lines.find((l) => l.id === 'rds-storage')!;
    expect(storage.reason).toContain('20 GB × $0.115/GB-month = $2.30, with');
  });

  it('for any answers, every line and the total', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const { bill } = recommend(a, catalog);
        for (const l of bill.lines)
          expect(quotes(l.reason, l.usdPerMonth), `${l.id}: ${l.reason}`).toBe(true);
        const total = bill.onDemandUsdPerMonth;
        expect(quotes(total.reason, total.value), total.reason).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
