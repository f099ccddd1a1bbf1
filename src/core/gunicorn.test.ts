import { describe, expect, it } from 'vitest';
import { type Answers } from './answers';
import { demand, shareOf } from './demand';
import { baseWorkersFor, MAX_THREADS, MIN_WORKERS, overlap, planGunicorn, threadsFor } from './gunicorn';
import { meetsP95, shapeOf } from './latency';
import { A, SCENARIOS, inst } from '../testing/fixtures';

const plan = (a: Answers, type: string) => planGunicorn(a, demand(a), inst(type));

// The ../shared/reference/sizing-facts.md queueing example as answers: 22 users / (1 s think + 0.1 s response) =
// 20 requests/s, all dynamic, 100 ms each, CPU-bound (one thread per worker).
const EXAMPLE = A({
  concurrentUsers: 22,
  thinkTimeSec: 1,
  responseTimeMs: 100,
  staticSharePct: 0,
  ioSharePct: 0,
});

describe('threads', () => {
  it('overlap is 1 / (1 − I/O share)', () => {
    expect(overlap(A({ ioSharePct: 0 }))).toBe(1);
    expect(overlap(A({ ioSharePct: 60 }))).toBeCloseTo(2.5, 12);
    expect(overlap(A({ ioSharePct: 95 }))).toBeCloseTo(20, 9);
  });

  it.each([
    [0, 1],
    [30, 1], // 1 / 0.7 = 1.43
    [50, 2],
    [60, 3], // 2.5 rounds up
    [75, 4],
    [90, 8], // 10, capped
    [95, MAX_THREADS], // 20, capped
  ])('%d%% I/O → %d threads', (io, threads) => {
    expect(threadsFor(A({ ioSharePct: io })).value).toBe(threads);
  });

  it('says when it rounds and when it caps', () => {
    expect(threadsFor(A({ ioSharePct: 60 })).reason).toContain('rounded to 3');
    expect(threadsFor(A({ ioSharePct: 50 })).reason).toMatch(/≈ 2 requests keep one core busy\.$/);
    expect(threadsFor(A({ ioSharePct: 95 })).reason).toContain('capped at 8');
  });

  it('ASGI uses no threads', () => {
    expect(threadsFor(A({ appInterface: 'asgi', ioSharePct: 90 })).value).toBe(1);
  });
});

// The guide's rule is kept for sync workers (CPU-bound requests, under 50% I/O); gthread has its own below.
const CPU_BOUND = A({ ioSharePct: 0 });

describe('sync workers: the guide’s 2 × cores + 1', () => {
  it('a 4-core box with plenty of RAM runs 9 workers (the guide: 2 × 4 + 1 = 9)', () => {
    for (const type of ['m6i.2xlarge', 'r5.2xlarge', 'm6g.xlarge']) {
      const p = plan(CPU_BOUND, type);
      expect(p.workerClass.value).toBe('sync');
      expect(inst(type).cores).toBe(4);
      expect(p.ruleOfThumb).toBe(9);
      expect(p.workers.value, type).toBe(9);
      expect(p.workers.reason).toContain('2 × 4 + 1 = 9');
    }
  });

  it('counts physical cores, not vCPUs: a 1-core, 2-vCPU t3 gets 3', () => {
    expect(plan(CPU_BOUND, 't3.large').workers.value).toBe(3);
    expect(plan(CPU_BOUND, 't4g.large').workers.value).toBe(5); // Graviton: 2 vCPU = 2 cores
  });

  // preload_app stays off even then: the lab measured its saving gone after a few hundred requests per worker.
  it('memory can cut the rule of thumb down; preload stays off (its saving does not last)', () => {
    // t3.small: limit 1589, fixed 269; 650 MB app, sync (no extra threads) → 1320 / 650 = 2.03 → 2 < 3
    const p = plan(A({ workerMemoryMb: 650, ioSharePct: 0 }), 't3.small');
    expect(p.memoryCap).toBe(2);
    expect(p.workers.value).toBe(2);
    expect(p.workers.reason).toContain('memory allows only 2 (650 MB each)');
    expect(p.preloadApp.value).toBe(false);
    expect(p.preloadApp.reason).toContain('few hundred requests');
  });

  it('no memory for a worker gives zero workers (the instance choice then rejects the box)', () => {
    const p = plan(A(), 't3.nano');
    expect(p.memoryCap).toBe(0);
    expect(p.workers.value).toBe(0);
    expect(p.memoryCap).toBeLessThan(p.loadNeed);
  });

  it('a gthread plan still tells the guide’s figure, for the comparison the UI shows', () => {
    const p = plan(A(), 't3.large');
    expect(p.ruleOfThumb).toBe(3); // 2 × 1 + 1
    expect(p.workers.reason).toContain('the guide’s 2 × cores + 1 = 2 × 1 + 1 = 3');
  });

  it('load can need more than the rule of thumb: the sizing-facts example needs 5 slots', () => {
    // Target p95 queue ≤ 20% of 100 ms = 20 ms: c = 4 waits 62 ms, c = 5 waits 5.9 ms → 5 slots, 1 per worker
    const p = plan(EXAMPLE, 't3.large');
    expect(p.ruleOfThumb).toBe(3);
    expect(p.loadNeed).toBe(5);
    expect(p.workers.value).toBe(5);
    expect(p.workers.reason).toContain('Peak load needs 5 concurrent requests');
    expect(p.workerClass.value).toBe('sync');
  });

  it('threads share the load slots: 5 slots at 3 threads need 2 workers', () => {
    const p = plan({ ...EXAMPLE, ioSharePct: 60 }, 't3.large');
    expect(p.loadNeed).toBe(2); // ⌈5 / 3⌉
  });

  it(`keeps at least ${MIN_WORKERS} workers for a trickle of traffic`, () => {
    expect(plan(A({ concurrentUsers: 1 }), 't3.large').loadNeed).toBe(MIN_WORKERS);
  });
});

// The fidelity lab (lab/results/sweep.json, one vCPU at 70% CPU) measured fewer gthread workers faster than the
// guide's 3: a worker's threads already overlap the I/O waits, and extra processes only add contention.
describe('gthread workers: one per vCPU, at least MIN_WORKERS', () => {
  it('one per vCPU on boxes the lab stands for and larger ones', () => {
    // max(2, vCPUs): t3.large 2 vCPU → 2; t4g.large 2 → 2 (guide 5); c6g.xlarge 4 → 4 (guide 9);
    // m6i.2xlarge 8 → 8 (guide 9); the lab's 1-vCPU box → max(2, 1) = 2 (guide 3)
    for (const [type, n] of [
      ['t3.large', 2],
      ['t4g.large', 2],
      ['c6g.xlarge', 4],
      ['m6i.2xlarge', 8],
    ] as const) {
      const p = plan(A(), type);
      expect(p.workerClass.value, type).toBe('gthread');
      expect(p.baseWorkers, type).toBe(n);
      expect(p.workers.value, type).toBe(n);
      expect(p.workers.reason, type).toContain(
        `One gthread worker per vCPU, at least ${MIN_WORKERS}: ${n} on ${type}`,
      );
    }
    expect(baseWorkersFor('gthread', { ...inst('t3.large'), vcpu: 1, cores: 1 })).toBe(2);
    expect(baseWorkersFor('sync', { ...inst('t3.large'), vcpu: 1, cores: 1 })).toBe(3);
    expect(baseWorkersFor('uvicorn.workers.UvicornWorker', inst('c6g.xlarge'))).toBe(9); // not measured: the guide's
  });

  it('the guide’s real-world box, 4 cores and 8 GB for an I/O-bound app: 4 workers × 2 threads', () => {
    // c6g.xlarge: 4 vCPUs = 4 cores, 8 GiB. 50% I/O → 1 / (1 − 0.5) = 2 threads, gthread; max(2, 4) = 4 workers
    // where the guide says 2 × 4 + 1 = 9.
    const p = plan(A({ ioSharePct: 50 }), 'c6g.xlarge');
    expect(p.workers.value).toBe(4);
    expect(p.threads.value).toBe(2);
    expect(p.workerClass.value).toBe('gthread');
    expect(p.slots).toBe(8);
    expect(p.ruleOfThumb).toBe(9);
  });

  it('memory can cut it too', () => {
    // t3.small: limit 1589, fixed 269; 700 MB app + 2 extra threads × 1 = 702 each → 1320 / 702 = 1.88 → 1 < 2
    const p = plan(A({ workerMemoryMb: 700 }), 't3.small');
    expect(p.memoryCap).toBe(1);
    expect(p.workers.value).toBe(1);
    expect(p.workers.reason).toContain('memory allows only 1 (700 MB each)');
  });

  it('load can need more: 200/s of 100 ms at 95% I/O need 26 slots, 4 workers × 8 threads', () => {
    // 220 users / 1.1 s = 200/s; 8 threads (1 / 0.05 = 20, capped); 26 slots (the max_requests test below)
    // → ⌈26 / 8⌉ = 4 workers, above max(2, 2 vCPUs) = 2.
    const busy = { ...EXAMPLE, concurrentUsers: 220, ioSharePct: 95 };
    const { baseWorkers, loadNeed, workers } = plan(busy, 'm6i.large');
    expect([baseWorkers, loadNeed, workers.value]).toEqual([2, 4, 4]);
    expect(workers.reason).toMatch(
      /^Peak load needs 26 concurrent requests .*: 4 workers × 8, above one gthread worker per vCPU \(at least 2\) = 2;/,
    );
  });
});

describe('gthread workers the latency model asks for', () => {
  it('add workers where per-worker queues would miss the p95 target: 17 on a box of the 45 × c6g.4xlarge fleet', () => {
    // Each box: 1000 / 45 = 22.2 requests/s of 1 s (50% I/O → 2 threads). One per vCPU = 16 workers and the
    // pooled Erlang count (29 slots → ⌈29 / 2⌉ = 15) would do; but gthread workers each queue what they accept,
    // and the model's p95 at peak with 16 passes the 3,000 ms target (3 × 1 s) where 17 meets it.
    const a = A(SCENARIOS.scaleOut);
    const d = shareOf(demand(a), 45);
    const box = inst('c6g.4xlarge');
    const p = planGunicorn(a, d, box);
    const at = (w: number) =>
      meetsP95(shapeOf(a, d, { ...p, workers: { ...p.workers, value: w } }, 16, 0), 3000);
    expect([p.baseWorkers, p.loadNeed, p.threads.value]).toEqual([16, 15, 2]);
    expect([at(16), at(17)]).toEqual([false, true]);
    expect(p.workers.value).toBe(17);
    expect(p.workers.reason).toMatch(/^17 workers × 2: each gthread worker queues the requests it accepts/);
    expect(p.workers.reason).toContain('16 would do by one worker per vCPU (at least 2)');
  });

  it('sync workers keep the pooled count: one queue for all (the model agrees with Erlang C there)', () => {
    expect(plan(A({ ioSharePct: 0 }), 'c6g.4xlarge').workers.value).toBe(33); // 2 × 16 + 1
  });
});

describe('worker class and per-worker concurrency', () => {
  it('CPU-bound WSGI: sync, no worker_connections', () => {
    const p = plan(A({ ioSharePct: 0 }), 't3.large');
    expect(p.workerClass.value).toBe('sync');
    expect(p.workerConnections).toBeNull();
    expect(p.perWorker).toBe(1);
  });

  it('I/O-bound WSGI: gthread with worker_connections 1000', () => {
    const p = plan(A(), 't3.large');
    expect(p.workerClass.value).toBe('gthread');
    expect(p.workerConnections?.value).toBe(1000);
    expect(p.perWorker).toBe(3);
    expect(p.slots).toBe(6); // 2 workers (t3.large: 2 vCPUs) × 3 threads
  });

  it('ASGI: Uvicorn’s worker, overlap ⌊2.5⌋ = 2 requests per worker', () => {
    const p = plan(A({ appInterface: 'asgi' }), 't3.large');
    expect(p.workerClass.value).toBe('uvicorn.workers.UvicornWorker');
    expect(p.threads.value).toBe(1);
    expect(p.perWorker).toBe(2);
    expect(p.workerConnections).toBeNull();
  });
});

describe('timeouts and recycling', () => {
  it.each([
    [200, 30], // 10 × 0.2 s = 2 s → at least 30
    [5000, 50], // 10 × 5 s
    [60_000, 300], // 600 s → at most 300
  ])('a %d ms response gets timeout %d s, the proxy 5 s more', (ms, t) => {
    const p = plan(A({ responseTimeMs: ms }), 'm6i.large');
    expect(p.timeout.value).toBe(t);
    expect(p.gracefulTimeout.value).toBe(t);
    expect(p.proxyReadTimeout.value).toBe(t + 5);
  });

  it('keepalive: 5 s behind Nginx, 75 s behind Caddy (above its 60 s upstream idle time)', () => {
    expect(plan(A(), 't3.large').keepalive.value).toBe(5);
    expect(plan(A({ proxy: 'caddy' }), 't3.large').keepalive.value).toBe(75);
  });

  it('max_requests recycles a worker about every 10 minutes at peak, within 1,000–10,000', () => {
    // Example: 20/s over 5 workers = 4/s each; × 600 s = 2400
    const p = plan(EXAMPLE, 't3.large');
    expect(p.maxRequests.value).toBe(2400);
    expect(p.maxRequestsJitter.value).toBe(240);
    // Defaults: 2.94/s over 3 workers ≈ 0.98/s × 600 = 588 → at least 1000
    expect(plan(A(), 't3.large').maxRequests.value).toBe(1000);
    // 200/s, 8 threads a worker: ⌈26 slots / 8⌉ = 4 workers on t3.large → 50/s each × 600 = 30,000 → 10,000
    const busy = { ...EXAMPLE, concurrentUsers: 220, ioSharePct: 95 };
    const q = planGunicorn(busy, demand(busy), inst('t3.large'));
    expect(q.workers.value).toBeLessThanOrEqual(12); // 200 / 12 × 600 = 10,000: any fewer is above the cap
    expect(q.maxRequests.value).toBe(10_000);
  });

  it('keeps the heartbeat file in RAM and trusts only the local proxy', () => {
    const p = plan(A(), 't3.large');
    expect(p.workerTmpDir.value).toBe('/dev/shm');
    expect(p.forwardedAllowIps.value).toBe('127.0.0.1');
  });
});
