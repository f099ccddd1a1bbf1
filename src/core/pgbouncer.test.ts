import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { databaseLimit } from './connections';
import { needsPgBouncer, pgbouncerPlan } from './pgbouncer';
import { recommend } from './recommend';
import { answersArb } from '../testing/arbitraries';
import { A, SCENARIOS, catalog } from '../testing/fixtures';

const rec = (over = {}) => recommend(A(over), catalog);

describe('PgBouncer', () => {
  it('only when PostgreSQL connections pass the limit', () => {
    expect(rec().pgbouncer).toBeNull();
    // 17 gthread workers × 2 threads = 34 per c6g.4xlarge (lab rule); the group runs 45 + 1 spare: 46 × 34 + 10
    expect(rec(SCENARIOS.scaleOut).pgbouncer).toBeNull(); // = 1,574 fit a 64 GiB class
    // (447 + 1 spare) boxes × (17 gthread workers × 2 threads) + 10 = 15,242
    const huge = rec({ ...SCENARIOS.scaleOut, concurrentUsers: 100_000 });
    expect(huge.connections.total.value).toBe(15_242);
    expect(huge.pgbouncer).not.toBeNull();
    const mysql = rec({ ...SCENARIOS.scaleOut, concurrentUsers: 100_000, dbEngine: 'mysql' });
    expect(mysql.database.exceeded).toBe(true); // 16,000 cap
    expect(mysql.pgbouncer).toBeNull(); // PgBouncer speaks PostgreSQL only
  });

  it('pools share the database among the group’s max boxes: (4,997 − 10) / 895 = 5 per box, tight against 23 in flight', () => {
    const r = rec({ ...SCENARIOS.scaleOut, concurrentUsers: 100_000 });
    const p = r.pgbouncer!;
    expect(r.fleet.asg!.max.value).toBe(895); // 2 × 447 + 1
    expect([p.poolMode.value, p.defaultPoolSize.value, p.maxDbConnections.value]).toEqual([
      'transaction',
      5,
      5,
    ]);
    expect(p.maxClientConn.value).toBe(68); // 2 × 34
    expect([p.inFlightPerBox, p.tight]).toEqual([23, true]);
    // 5,000 is RDS PostgreSQL's cap: no larger class has more connections, so the advice is fewer pools.
    expect(p.defaultPoolSize.reason).toContain(
      'at RDS PostgreSQL’s 5,000-connection cap: fewer, larger boxes',
    );
  });

  it('a class given by the bill: 2 million daily users on a 4 GiB class pool 11 per box for 33 boxes', () => {
    const r = rec({ trafficMode: 'daily', dailyUsers: 2_000_000, celery: 'here', dbLocation: 'here' });
    // 16 boxes × 48 + 2 Celery + 10 admin = 780 connections: an 8 GiB class (834 usable) holds them, 4 GiB not
    expect(needsPgBouncer(r.answers, databaseLimit(r.answers, r.connections, 8))).toBe(false);
    const db = databaseLimit(r.answers, r.connections, 4); // 401 usable
    expect(needsPgBouncer(r.answers, db)).toBe(true);
    const p = pgbouncerPlan(r.answers, r.connections, db, 33, r.perInstance)!;
    // 401 − (2 Celery + 10 admin) = 389; / 33 = 11.8 → 11
    expect(p.defaultPoolSize.value).toBe(11);
    expect(p.maxClientConn.value).toBe(96); // 2 × 48 (16 workers × 3 threads)
  });

  it('over the whole answer space: the pools of the group’s max boxes fit the database (when one connection each does)', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const r = recommend(a, catalog);
        expect(r.pgbouncer !== null).toBe(r.answers.dbEngine === 'postgresql' && r.database.exceeded);
        const p = r.pgbouncer;
        if (!p) return;
        const boxes = r.fleet.asg?.max.value ?? r.choice.scaleOut;
        const direct = r.connections.celery + r.connections.beat + r.connections.admin;
        if (boxes + direct <= r.database.usable)
          expect(boxes * p.maxDbConnections.value + direct).toBeLessThanOrEqual(r.database.usable);
        expect(p.maxClientConn.value).toBeGreaterThanOrEqual(r.connections.perBox.value);
        expect(p.defaultPoolSize.value).toBeLessThanOrEqual(r.connections.perBox.value);
      }),
      { numRuns: 150 },
    );
  });
});
