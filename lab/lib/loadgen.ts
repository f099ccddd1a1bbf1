// An open-loop load generator: arrivals at fixed Poisson times decided before the run, each request sent at
// its time whatever the server is doing, its latency counted from its *scheduled* time. A closed-loop tool
// (wrk, ab) waits for a reply before sending the next request, so a slow server slows the load down and the
// waits it causes are never measured ("coordinated omission", Gil Tene); here they are.
// Bounded: a fixed number of arrivals, a hard deadline, Gunicorn's unix socket (or 127.0.0.1) only.
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** A small seeded generator (mulberry32): the same seed gives the same arrival times on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson arrival times (ms from the start) for `rate` requests/s over `durationMs`. */
export function poissonArrivals(rate: number, durationMs: number, seed: number): number[] {
  if (!(rate > 0 && rate < 10_000)) throw new Error(`rate ${rate}/s is outside 0–10,000`);
  const next = rng(seed);
  const out: number[] = [];
  let t = 0;
  for (;;) {
    t += (-Math.log(1 - next()) / rate) * 1000;
    if (t >= durationMs) return out;
    out.push(t);
  }
}

export interface Endpoint {
  socketPath: string;
  host: string;
}

export interface OpenLoopResult {
  /** Latency from the scheduled time, ms, for requests scheduled after the warm-up (completed ones only). */
  latenciesMs: number[];
  sent: number;
  measured: number;
  /** Non-200 answers, connection errors and requests unanswered at the deadline (after the warm-up). */
  errors: number;
  /** How late the generator sent requests (ms): its own health; p99 of it should stay ~1 ms. */
  sendLagP99Ms: number;
  achievedRps: number;
}

/** One GET on a fresh connection (nginx opens a fresh upstream connection per request by default). */
export function get(ep: Endpoint, path: string, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { socketPath: ep.socketPath, path, headers: { host: ep.host, connection: 'close' }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

export async function openLoop(opts: {
  ep: Endpoint;
  path: string;
  rate: number;
  durationMs: number;
  warmupMs: number;
  seed: number;
  /** Requests still unanswered this long after the last arrival count as errors. */
  drainMs?: number;
}): Promise<OpenLoopResult> {
  const arrivals = poissonArrivals(opts.rate, opts.durationMs + opts.warmupMs, opts.seed);
  const latencies: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let pending = 0;
  let i = 0;
  const t0 = performance.now() + 20;
  let allSent!: () => void;
  const sentAll = new Promise<void>((r) => (allSent = r));
  let idle: (() => void) | null = null;

  const send = (k: number) => {
    const scheduled = t0 + arrivals[k]!;
    const measured = arrivals[k]! >= opts.warmupMs;
    lags.push(performance.now() - scheduled);
    pending++;
    void get(opts.ep, opts.path).then((status) => {
      const done = performance.now();
      pending--;
      if (measured) {
        if (status === 200) latencies.push(done - scheduled);
        else errors++;
      }
      if (pending === 0 && idle) idle();
    });
  };
  const tick = () => {
    const now = performance.now();
    while (i < arrivals.length && t0 + arrivals[i]! <= now) send(i++);
    if (i < arrivals.length) setTimeout(tick, Math.max(0, t0 + arrivals[i]! - performance.now()));
    else allSent();
  };
  setTimeout(tick, Math.max(0, t0 - performance.now()));
  await sentAll;
  if (pending > 0) {
    const drained = new Promise<void>((r) => (idle = r));
    await Promise.race([drained, new Promise((r) => setTimeout(r, opts.drainMs ?? 30_000))]);
  }
  const measured = arrivals.filter((a) => a >= opts.warmupMs).length;
  // Non-200 answers plus requests still unanswered at the deadline.
  errors = measured - latencies.length;
  lags.sort((a, b) => a - b);
  return {
    latenciesMs: latencies,
    sent: arrivals.length,
    measured,
    errors,
    sendLagP99Ms: lags.length ? lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))]! : 0,
    achievedRps: (arrivals.length / (opts.durationMs + opts.warmupMs)) * 1000,
  };
}

/** Closed loop: `concurrency` clients, each sending its next request when the last is answered. */
export async function closedLoop(opts: {
  ep: Endpoint;
  paths: string[];
  concurrency: number;
  /** Stop after this many requests in total, or at `maxMs`. */
  count: number;
  maxMs: number;
}): Promise<{ done: number; errors: number; elapsedMs: number }> {
  let started = 0;
  let done = 0;
  let errors = 0;
  const t0 = performance.now();
  const client = async () => {
    while (started < opts.count && performance.now() - t0 < opts.maxMs) {
      const path = opts.paths[started % opts.paths.length]!;
      started++;
      const status = await get(opts.ep, path);
      if (status === 200) done++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  return { done, errors, elapsedMs: performance.now() - t0 };
}
