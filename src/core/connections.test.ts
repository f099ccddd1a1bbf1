import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_CONNECTIONS,
  connectionsPerBox,
  databaseLimit,
  fleetConnections,
  rdsMaxConnections,
  rdsMemoryGibFor,
  usableConnections,
} from './connections';
import { recommend } from './recommend';
import { answersArb } from '../testing/arbitraries';
import { A, catalog } from '../testing/fixtures';

const rec = (over = {}) => recommend(A(over), catalog);

describe('connections per box and across the fleet', () => {
  it('sync: one per worker; gthread: one per thread; ASGI: one per request in flight', () => {
    const sync = rec({ ioSharePct: 0 });
    expect(sync.chosen.plan.workerClass.value).toBe('sync');
    expect(connectionsPerBox(sync.answers, sync.chosen.plan).value).toBe(sync.chosen.plan.workers.value);
    const gthread = rec(); // t4g.small: 2 workers (one per vCPU) × 3 threads
    expect(connectionsPerBox(gthread.answers, gthread.chosen.plan).value).toBe(6);
    // ASGI at 75% I/O: the event loop overlaps floor(1 / 0.25) = 4 requests, each with its own thread.
    const asgi = rec({ appInterface: 'asgi', ioSharePct: 75 });
    expect(asgi.chosen.plan.perWorker).toBe(4);
    expect(connectionsPerBox(asgi.answers, asgi.chosen.plan).value).toBe(asgi.chosen.plan.workers.value * 4);
  });

  it('fleet = boxes × per box + Celery + beat + the admin margin', () => {
    const r = rec({ celery: 'elsewhere', celeryConcurrency: 4, celeryBeat: 'yes' });
    const f = fleetConnections(r.answers, r.chosen.plan, 7);
    // 2 workers × 3 threads = 6 per box
    expect([f.web, f.celery, f.beat, f.admin]).toEqual([7 * 6, 4, 1, ADMIN_CONNECTIONS]);
    expect(f.total.value).toBe(42 + 4 + 1 + 10);
    expect(f.total.reason).toMatch(/^7 boxes × 6 web \+ 4 Celery \+ 1 beat \+ 10 admin = 57\./);
    // Beat only when Celery runs at all.
    expect(fleetConnections(A({ celeryBeat: 'yes' }), r.chosen.plan, 1).beat).toBe(0);
  });

  it('the recommendation counts the fleet it runs, the group’s spare too (property over the whole answer space)', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const r = recommend(a, catalog);
        const per = connectionsPerBox(r.answers, r.chosen.plan).value;
        // Celery on boxes of its own runs the same unit on each: every process it starts opens a connection.
        const moved = r.bill.celery;
        const celery = moved
          ? moved.boxes * moved.perBox
          : r.answers.celery === 'none'
            ? 0
            : r.answers.celeryConcurrency;
        // Every box the group runs: the peak's + its spare (each box's own database counts only its box).
        const spare =
          r.fleet.asg && r.answers.dbLocation !== 'here' ? r.fleet.asg.min.value - r.choice.scaleOut : 0;
        expect(r.connections.spare).toBe(spare);
        expect(r.connections.boxes).toBe(r.choice.scaleOut + spare);
        expect(r.connections.total.value).toBe(
          r.connections.boxes * per + celery + r.connections.beat + ADMIN_CONNECTIONS,
        );
        // The warning shows that same figure and agrees with the limit.
        const w = r.warnings.find((x) => x.id === 'db-connections')!;
        expect(w.title).toContain(r.connections.total.value.toLocaleString('en-US'));
        expect(w.severity === 'danger').toBe(r.database.exceeded);
        expect(r.database.exceeded).toBe(r.connections.total.value > r.database.usable);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the database’s limit', () => {
  it('RDS PostgreSQL: LEAST(DBInstanceClassMemory / 9,531,392, 5000), under every observed default', () => {
    // (2 GiB × 0.96 − 256 MiB) / 9,531,392 = 1,793,148,846 / 9,531,392 = 188 (observed t2.small: 198)
    expect(rdsMaxConnections('postgresql', 2).value).toBe(188);
    expect(rdsMaxConnections('postgresql', 4).value).toBeLessThanOrEqual(413); // t2.medium
    expect(rdsMaxConnections('postgresql', 8).value).toBeLessThanOrEqual(856); // m4.large
    expect(rdsMaxConnections('postgresql', 15.25).value).toBeLessThanOrEqual(1660); // r4.large
    expect(rdsMaxConnections('postgresql', 64).value).toBe(5000); // the cap
    expect(rdsMaxConnections('postgresql', 64).reason).toContain('the cap of 5,000');
    // Within 10% of what RDS grants: the fit is not needlessly pessimistic.
    expect(rdsMaxConnections('postgresql', 8).value).toBeGreaterThan(856 * 0.9);
  });

  it('RDS MySQL: DBInstanceClassMemory / 12,582,880', () => {
    expect(rdsMaxConnections('mysql', 1).value).toBeLessThanOrEqual(66); // t2.micro
    expect(rdsMaxConnections('mysql', 2).value).toBeLessThanOrEqual(150); // t2.small
    expect(rdsMaxConnections('mysql', 16).value).toBe(1289);
  });

  it('PostgreSQL keeps 3 for superusers; the smallest class that holds a count', () => {
    expect(usableConnections('postgresql', 100)).toBe(97);
    expect(usableConnections('mysql', 151)).toBe(151);
    expect(rdsMemoryGibFor('postgresql', 185)).toBe(2);
    expect(rdsMemoryGibFor('postgresql', 186)).toBe(4);
    expect(rdsMemoryGibFor('postgresql', 4998)).toBeNull();
  });

  it('PostgreSQL on the box: the plan’s max_connections holds the count; a class given by the bill can be passed', () => {
    const r = rec({ dbLocation: 'here' });
    const here = databaseLimit(r.answers, r.connections);
    expect(here.maxConnections.value).toBe(r.connections.total.value + 3);
    expect([here.exceeded, here.setByPlan]).toEqual([false, true]);
    const fleet = rec({ trafficMode: 'daily', dailyUsers: 2_000_000, celery: 'here', dbLocation: 'here' });
    // (16 boxes + 1 spare) × (16 workers × 3 threads) + 2 Celery + 10 admin = 828 connections against a 4 GiB
    // class ((4 GiB × 0.96 − 256 MiB) / 9,531,392 = 404, 401 usable): over.
    expect(fleet.connections.total.value).toBe(828);
    const small = databaseLimit(fleet.answers, fleet.connections, 4);
    expect([small.usable, small.exceeded]).toEqual([401, true]);
    expect(small.maxConnections.reason).toMatch(/^An RDS class with 4 GiB: /);
    // Without a class: the smallest with 25% spare (828 × 1.25 = 1,035: 8 GiB holds 834 → 16 GiB, 1,699).
    expect(databaseLimit(fleet.answers, fleet.connections).rdsMemoryGib).toBe(16);
    // recommend() passes the class the bill pays for: the largest PostgreSQL class (128 GiB), since the
    // fleet's query CPU needs it; it holds the connections.
    expect(fleet.database.rdsMemoryGib).toBe(fleet.bill.rds?.rdsClass.memoryGib);
    expect(fleet.database.rdsMemoryGib).toBe(128);
    expect(fleet.database.exceeded).toBe(false);
  });

  it('past every class (PostgreSQL’s 5,000 cap) the limit is exceeded', () => {
    const r = rec();
    const f = fleetConnections(r.answers, r.chosen.plan, 1000); // 1000 × (2 × 3) + 10 = 6,010
    const db = databaseLimit(r.answers, f);
    expect([db.maxConnections.value, db.exceeded]).toEqual([5000, true]);
    expect(db.maxConnections.reason).toMatch(/^No RDS class holds 6,010 connections/);
  });
});
