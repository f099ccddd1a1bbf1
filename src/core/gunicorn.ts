import type { Answers } from './answers';
import type { Instance } from './catalog';
import type { Demand } from './demand';
import { slotsFor } from './erlang';
import { meetsP95, p95Target, reachable, shapeOf } from './latency';
import { memoryWorkerCap, type MemoryItem } from './memory';
import { fmt, r, type Reasoned } from './reasoned';

export type WorkerClass = 'sync' | 'gthread' | 'uvicorn.workers.UvicornWorker';

export interface GunicornPlan {
  workerClass: Reasoned<WorkerClass>;
  workers: Reasoned<number>;
  threads: Reasoned<number>;
  /** Requests one worker serves at once: its threads, or for ASGI the overlap its event loop sustains. */
  perWorker: number;
  /** workers × perWorker: requests Gunicorn serves at once. */
  slots: number;
  workerConnections: Reasoned<number> | null;
  timeout: Reasoned<number>;
  gracefulTimeout: Reasoned<number>;
  keepalive: Reasoned<number>;
  maxRequests: Reasoned<number>;
  maxRequestsJitter: Reasoned<number>;
  preloadApp: Reasoned<boolean>;
  workerTmpDir: Reasoned<string>;
  forwardedAllowIps: Reasoned<string>;
  /** Proxy read timeout (s): a little above Gunicorn's so Gunicorn, not the proxy, ends a slow request. */
  proxyReadTimeout: Reasoned<number>;
  /** The guide's 2 × cores + 1. */
  ruleOfThumb: number;
  /** Workers the rule for this worker class asks before load and memory: the guide's for sync and ASGI, one per vCPU (at least MIN_WORKERS) for gthread. */
  baseWorkers: number;
  /** Most workers the memory limit allows on this instance. */
  memoryCap: number;
  /** Fewest workers that meet the latency target at peak. */
  loadNeed: number;
}

// Target for sizing concurrency: p95 queueing delay at peak within 20% of the typical response time
// (a queue the user barely notices; scale-free, so it holds for 20 ms APIs and 2 s reports alike).
export const QUEUE_TARGET_SHARE = 0.2;
// More threads per worker mostly adds GIL hand-offs (threads share one core: ../shared/reference/sizing-facts.md);
// add workers instead.
export const MAX_THREADS = 8;
// Keep at least two workers so one can be recycled (max_requests) or crash while the other serves.
export const MIN_WORKERS = 2;
// Caddy keeps idle upstream connections; Gunicorn must hold them longer than Caddy does or a reused
// connection can be closed under a request (a 502). We set Caddy's keepalive to 60 s (caddy.ts).
export const CADDY_UPSTREAM_KEEPALIVE_S = 60;

/**
 * Workers before load and memory: the guide's 2 × cores + 1 for sync (and ASGI, which the lab has not measured),
 * one per vCPU and at least MIN_WORKERS for gthread.
 *
 * Why gthread differs, from the fidelity lab (lab/results/sweep.json: real Django 3.2 + Gunicorn 20.1 on one
 * vCPU at 70% CPU): 2 × cores + 1 covers I/O waits with spare processes, one request each. A gthread worker
 * already covers them with its threads (1 ÷ (1 − I/O share) of them), and a worker's threads run Python one at a
 * time under its GIL, so one worker per vCPU uses the box and more processes only add contention on the same
 * cores. Measured: GTHREAD_EVIDENCE below.
 */
export function baseWorkersFor(workerClass: WorkerClass, inst: Instance): number {
  return workerClass === 'gthread' ? Math.max(MIN_WORKERS, inst.vcpu) : 2 * inst.cores + 1;
}

/**
 * What the lab measured for gthread's worker count (lab/results/sweep.json, 2026-12-07: median p95 at 70% CPU,
 * 10 runs each over two sessions, 20 for the default profile's leaders); latency.lab.test.ts checks these
 * figures against the recorded runs.
 */
export const GTHREAD_EVIDENCE =
  'The lab (real Django and Gunicorn on one vCPU at 70% CPU, median p95 of 10–20 runs): 2 workers × 8 threads 331 ms against 3 × 8 354 ms (200 ms requests, 90% I/O); 2 × 3 640 ms against 3 × 3 670 ms (60% I/O). Fewer workers were never slower, and faster while other work shared the core; each one fewer also saves a worker’s memory.';

/** Requests a worker can overlap: while one request waits on I/O another uses the core; 1 / (1 − I/O share). */
export function overlap(a: Answers): number {
  return 1 / (1 - a.ioSharePct / 100);
}

export function threadsFor(a: Answers): Reasoned<number> {
  if (a.appInterface === 'asgi')
    return r(1, 'ASGI workers run an event loop; Gunicorn’s threads setting applies only to gthread.');
  const t = Math.min(MAX_THREADS, Math.max(1, Math.round(overlap(a))));
  if (t === 1)
    return r(
      1,
      `Requests spend only ${a.ioSharePct}% of their time on I/O: CPU-bound work gains nothing from threads under the GIL.`,
    );
  return r(
    t,
    `Requests wait on I/O ${a.ioSharePct}% of the time, so 1 / (1 − ${a.ioSharePct / 100}) ≈ ${fmt(overlap(a))} requests keep one core busy` +
      (t === MAX_THREADS
        ? `; capped at ${MAX_THREADS} (more threads add GIL contention — add workers instead).`
        : t === overlap(a)
          ? '.'
          : `, rounded to ${t}.`),
  );
}

function workerClassFor(a: Answers, threads: number): Reasoned<WorkerClass> {
  if (a.appInterface === 'asgi')
    return r(
      'uvicorn.workers.UvicornWorker',
      'Your app is ASGI: Uvicorn’s worker runs it under Gunicorn’s process management.',
    );
  if (threads > 1)
    return r(
      'gthread',
      `I/O-bound requests: ${threads} threads per worker overlap their waits without the memory of extra processes.`,
    );
  return r(
    'sync',
    'CPU-bound requests: one request per process is simplest and fastest; Nginx/Caddy buffer slow clients.',
  );
}

/** What planGunicorn would compute itself; evaluateAll knows them already (they do not depend on the type). */
export interface PlanGiven {
  /** slotsNeededFor(a, d). */
  slots?: number;
  /** fixedItems(a, inst). */
  fixed?: readonly MemoryItem[];
  /** vCPUs the rest of the box keeps busy at peak (evaluate knows it; 0 when not given). */
  otherVcpu?: number;
}

/**
 * gthread workers each queue what they accept (latency.ts, layer 2), so the pooled slot count of slotsNeededFor
 * can be too few when few workers share a heavy load: the fewest workers from `from` up to `top` whose p95 at
 * peak meets the target in the latency model (the check the instance choice makes), or `from` when `from`
 * already meets it or even `top` does not (the choice then rejects the box). In the model more workers never
 * do worse, so the search bisects.
 */
function workersForTarget(
  a: Answers,
  d: Demand,
  inst: Instance,
  perWorker: number,
  otherVcpu: number,
  from: number,
  top: number,
): number {
  const target = p95Target(a).value;
  if (top <= from || d.dynamicRps.value <= 0 || !reachable(a, target)) return from;
  const ok = (w: number) =>
    meetsP95(
      shapeOf(a, d, { workers: r(w, ''), perWorker, workerClass: r('gthread', '') }, inst.vcpu, otherVcpu),
      target,
    );
  if (ok(from) || !ok(top)) return from;
  let lo = from; // fails
  let hi = top; // meets
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Request slots that keep the p95 queueing delay at peak within QUEUE_TARGET_SHARE of the response time. */
export function slotsNeededFor(a: Answers, d: Demand): number {
  const serviceSec = a.responseTimeMs / 1000;
  return slotsFor(d.dynamicRps.value, serviceSec, serviceSec * QUEUE_TARGET_SHARE);
}

/** Workers and settings for this app on this instance. Never throws; `memoryCap < loadNeed` means it does not fit. */
export function planGunicorn(a: Answers, d: Demand, inst: Instance, given: PlanGiven = {}): GunicornPlan {
  const threads = threadsFor(a);
  const workerClass = workerClassFor(a, threads.value);
  // ASGI: an event loop overlaps waits like threads do, bounded by the one core it runs on.
  const perWorker = a.appInterface === 'asgi' ? Math.max(1, Math.floor(overlap(a))) : threads.value;
  const serviceSec = a.responseTimeMs / 1000;
  const slotsNeeded = given.slots ?? slotsNeededFor(a, d);
  const loadNeed = Math.max(MIN_WORKERS, Math.ceil(slotsNeeded / perWorker));
  const ruleOfThumb = 2 * inst.cores + 1;
  const base = baseWorkersFor(workerClass.value, inst);
  const memoryCap = memoryWorkerCap(a, inst, threads.value, given.fixed);
  const gthread = workerClass.value === 'gthread';
  const floor = Math.max(loadNeed, base);
  const modelNeed = gthread
    ? workersForTarget(a, d, inst, perWorker, given.otherVcpu ?? 0, floor, memoryCap)
    : floor;
  const n = Math.min(memoryCap, modelNeed);

  const guide = `2 × cores + 1 = 2 × ${inst.cores} + 1 = ${ruleOfThumb} (Gunicorn’s design doc; ${inst.type} has ${inst.cores} physical core${inst.cores > 1 ? 's' : ''})`;
  let why = gthread
    ? `One gthread worker per vCPU, at least ${MIN_WORKERS}: ${base} on ${inst.type} (${inst.vcpu} vCPU${inst.vcpu > 1 ? 's' : ''}), where the guide’s ${guide} is for sync workers`
    : `The guide’s ${guide}`;
  if (loadNeed > base && n === loadNeed)
    why = `Peak load needs ${slotsNeeded} concurrent requests for a p95 queue under ${fmt(serviceSec * QUEUE_TARGET_SHARE * 1000)} ms: ${loadNeed} workers × ${perWorker}, above ${gthread ? `one gthread worker per vCPU (at least ${MIN_WORKERS}) = ${base}` : `the guide’s 2 × cores + 1 = ${ruleOfThumb}`}`;
  if (modelNeed > floor && n === modelNeed)
    why = `${modelNeed} workers × ${perWorker}: each gthread worker queues the requests it accepts, and with fewer the p95 at peak would pass the ${fmt(p95Target(a).value)} ms target (the latency model); ${floor} would do by ${loadNeed > base ? `the pooled count of ${slotsNeeded} slots` : `one worker per vCPU (at least ${MIN_WORKERS})`}`;
  if (n < modelNeed) why += `; memory allows only ${memoryCap} (${fmt(a.workerMemoryMb)} MB each)`;
  else why += `; memory would allow ${memoryCap}`;
  why += `. Peak needs ${slotsNeeded} concurrent request slot${slotsNeeded > 1 ? 's' : ''}.`;
  if (gthread)
    why += ` A gthread worker’s threads already overlap the I/O waits the guide’s extra processes cover, and run Python one at a time under its GIL: one worker per vCPU uses the box, and more processes only add contention. ${GTHREAD_EVIDENCE}`;
  const workers = r(Math.max(n, 0), why);

  // Sync workers are killed after `timeout` mid-request; keep it well above the typical response.
  const t = Math.min(300, Math.max(30, Math.ceil((10 * a.responseTimeMs) / 1000)));
  const timeout = r(
    t,
    workerClass.value === 'sync'
      ? `Caps a whole request for sync workers: 10× your typical response, at least Gunicorn’s default 30 s, at most 300 s.`
      : `A heartbeat for ${workerClass.value} workers (a stuck worker is restarted): 10× your typical response, 30–300 s.`,
  );
  const gracefulTimeout = r(t, 'Equal to timeout, so a reload lets in-flight requests finish.');
  const keepalive =
    a.proxy === 'caddy'
      ? r(
          CADDY_UPSTREAM_KEEPALIVE_S + 15,
          workerClass.value === 'sync'
            ? `Sync workers ignore it (they close each connection); set above Caddy’s upstream idle timeout (${CADDY_UPSTREAM_KEEPALIVE_S} s) for a later switch to gthread.`
            : `Above Caddy’s upstream idle timeout (${CADDY_UPSTREAM_KEEPALIVE_S} s) so Gunicorn never closes a connection Caddy is about to reuse (a 502).`,
        )
      : r(
          5,
          workerClass.value === 'sync'
            ? 'Sync workers ignore it; harmless for a later switch to gthread.'
            : 'Nginx opens a fresh upstream connection per request (HTTP/1.0 by default), so a short keep-alive suffices.',
        );

  // Recycle a worker about every 10 minutes at peak to contain leaks, within the usual 1000–10000.
  const perWorkerRps = n > 0 ? d.dynamicRps.value / n : 0;
  const mr = Math.min(10_000, Math.max(1000, Math.round((perWorkerRps * 600) / 100) * 100));
  const maxRequests = r(
    mr,
    `Restarts a worker after ${mr} requests to contain memory leaks: about every ${fmt(perWorkerRps > 0 ? mr / perWorkerRps / 60 : Infinity, 0)} min at peak (${fmt(perWorkerRps)} requests/s per worker), within the usual 1,000–10,000.`,
  );
  const maxRequestsJitter = r(
    Math.round(mr / 10),
    '10% of max_requests, so workers do not all restart at once.',
  );
  // Lab (lab/results/memory.json, 3 workers): preload cut each worker's PSS from ~34 to 15 MiB right after boot,
  // but Python's reference counting writes to the shared objects' pages, so they are copied again as requests
  // run: after 500 requests per worker the total PSS was 124.8 MiB with preload vs 126.6 without (sync), 130.8 vs
  // 133.7 (gthread × 4), while the master grew from 29 to 47 MiB RSS. Not worth losing graceful HUP reloads.
  const preloadApp = r(
    false,
    'Off: in the lab its memory saving was gone after a few hundred requests per worker (reference counting copies the shared pages back: total PSS 125 vs 127 MiB for 3 workers), and without preload a HUP reloads code gracefully.',
  );
  // Only gthread reads worker_connections here: sync has no use for it, and Uvicorn's worker (0.17, Debian 12)
  // never passes it on to uvicorn, so writing it for ASGI would promise a limit that does not exist.
  const workerConnections =
    workerClass.value === 'gthread'
      ? r(1000, 'Gunicorn’s default: the cap on idle keep-alive connections per worker.')
      : null;
  const workerTmpDir = r(
    '/dev/shm',
    'The heartbeat file lives in RAM: on an EBS-backed /tmp it can block for up to 30 s (Gunicorn FAQ).',
  );
  const forwardedAllowIps = r(
    '127.0.0.1',
    'Only the local proxy is trusted for X-Forwarded-*; on the unix socket Gunicorn trusts the proxy anyway, and a later TCP bind will not trust the world.',
  );
  const proxyReadTimeout = r(
    t + 5,
    `Gunicorn’s timeout + 5 s: Gunicorn ends a slow request first and logs it, rather than the proxy timing out silently.`,
  );

  return {
    workerClass,
    workers,
    threads,
    perWorker,
    slots: n * perWorker,
    workerConnections,
    timeout,
    gracefulTimeout,
    keepalive,
    maxRequests,
    maxRequestsJitter,
    preloadApp,
    workerTmpDir,
    forwardedAllowIps,
    proxyReadTimeout,
    ruleOfThumb,
    baseWorkers: base,
    memoryCap,
    loadNeed,
  };
}
