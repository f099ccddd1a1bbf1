import type { Answers } from './answers';
import { CPU_TARGET_TEXT } from './cpu';
import type { Demand } from './demand';
import { erlangC, NO_DELAY, quantileOfSum, slotWait, tailOfSum, type AtomExp } from './erlang';
import type { GunicornPlan } from './gunicorn';
import { LAB_ACCURACY } from './labAccuracy';
import { fmt, r, type Reasoned } from './reasoned';

/**
 * Response time at peak on a Gunicorn box, checked against real Django 3.2 + Gunicorn 20.1 in the fidelity lab
 * (lab/, `npm run lab`; results in lab/results/, the validation in src/core/latency.lab.test.ts).
 *
 * The old model (M/M/c over workers × threads, each slot an independent server with a fixed service time) was far
 * off: slots share the cores, so service stretches as the CPU fills (the lab measured p95 ≈ 5× the response
 * time at 70% CPU on one core where M/M/c said 1×). This model has two layers:
 *
 * 1. CPU contention. Requests holding a slot share the cores (the OS time-slices workers, the GIL time-slices a
 *    worker's threads: both ≈ processor sharing). A worker runs on one core at a time (GIL), so Django can use
 *    k = min(vCPUs, workers) cores. With busy share ρ of the box (Django + everything else on it), a request
 *    meets contention with probability P = ErlangC(k, kρ) (= ρ on one core: PASTA), and is then delayed by an
 *    exponential time of mean K · c · s / (k (1 − ρ)), where c is its CPU time: the M/M/k waiting-time shape
 *    (P(W > t) = C·e^(−(kμ−λ)t)), scaled by
 *      K — the Allen–Cunneen factor (1 + Cs²)/2 for service-time variability (Allen, "Probability, Statistics and
 *          Queueing Theory", 1978), fitted on the lab's runs (a request's CPU time is nearly constant: Cs² small);
 *      s = min(1, (slots − 1) / N), N = ρ/(1 − ρ) the mean number of other requests a processor-sharing CPU
 *          holds: fewer slots than that cap how many requests share the CPU at once (limited processor sharing;
 *          the rest wait for a slot instead — layer 2).
 * 2. Slot queueing (Erlang C). Each request holds a slot for H = its I/O wait + c + its mean CPU delay. Sync
 *    workers take a connection only when idle: one queue for all `workers` slots. gthread (and ASGI) workers
 *    accept every connection at once (gunicorn 20.1 gthread.py: up to worker_connections) and queue it on their
 *    own thread pool: `workers` separate M/M/threads queues of λ / workers each. Its wait is scaled by K too.
 *
 * p95 response = I/O wait + c + the 95th percentile of the sum of both delays (each "0 with probability 1 − P,
 * else exponential": tailOfSum in erlang.ts, exact for that shape). O(k) per call, no simulation.
 */

// Lab, cpu experiment (lab/results/cpu.json): a view's CPU time plus Django's and Gunicorn's own work per request
// (request parsing, middleware, the response, the access log line): 0.5 ms for an empty view, 1.0–1.4 ms above
// the view's own CPU for the lab's 20–80 ms views (AMD EPYC, Python 3.11). Added to the CPU the user gives.
export const DJANGO_OVERHEAD_CPU_MS = 1.2;
// Allen–Cunneen (1 + Cs²)/2, fitted on the lab's accuracy runs (latency.lab.test.ts pins the fit).
export const CONTENTION_K = 0.5;

export interface ServerShape {
  /** Requests/s reaching this box's Gunicorn. */
  rps: number;
  /** CPU ms per request, Django's overhead included. */
  cpuMs: number;
  /** ms per request spent waiting on I/O (database, APIs), off the CPU. */
  ioMs: number;
  vcpu: number;
  /** vCPUs the rest of the box (proxy, Celery, a local database) keeps busy at peak. */
  otherVcpu: number;
  workers: number;
  /** Requests one worker serves at once (threads). */
  perWorker: number;
  /** Sync workers share one queue (the listen socket); gthread/ASGI workers each queue what they accepted. */
  sharedQueue: boolean;
}

export interface ResponseModel {
  /** Share of the box's CPU busy at peak (Django capped at one core per worker). */
  cpuBusy: number;
  cpuDelay: AtomExp;
  slotDelay: AtomExp;
  /** Mean time a request holds its slot, ms. */
  holdMs: number;
  /** Share of the slots busy on average. */
  slotUtilisation: number;
  stable: boolean;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
}

const OVERLOADED = (cpuBusy: number, slotUtilisation: number): ResponseModel => ({
  cpuBusy,
  cpuDelay: NO_DELAY,
  slotDelay: NO_DELAY,
  holdMs: Infinity,
  slotUtilisation,
  stable: false,
  p50Ms: Infinity,
  p95Ms: Infinity,
  p99Ms: Infinity,
  meanMs: Infinity,
});

interface Delays {
  cpuBusy: number;
  cpuDelay: AtomExp;
  slotDelay: AtomExp;
  holdMs: number;
  slotUtilisation: number;
}

/** Layers 1 and 2 above; null when the box cannot keep up (CPU or slots past 100%). */
function delays(s: ServerShape): Delays & { ok: boolean } {
  const slots = Math.max(1, s.workers * s.perWorker);
  const cores = Math.max(1, Math.min(s.vcpu, s.workers));
  const djangoVcpu = (s.rps * s.cpuMs) / 1000;
  const cpuBusy = Math.max((djangoVcpu + s.otherVcpu) / s.vcpu, djangoVcpu / cores);
  if (!(cpuBusy < 1))
    return {
      ok: false,
      cpuBusy,
      cpuDelay: NO_DELAY,
      slotDelay: NO_DELAY,
      holdMs: Infinity,
      slotUtilisation: 1,
    };
  let cpuDelay = NO_DELAY;
  if (s.rps > 0 && s.cpuMs > 0) {
    const others = cpuBusy / (1 - cpuBusy);
    const share = Math.min(1, (slots - 1) / others);
    cpuDelay = {
      p: erlangC(cores, cores * cpuBusy),
      meanMs: (CONTENTION_K * s.cpuMs * share) / (cores * (1 - cpuBusy)),
    };
  }
  const holdMs = s.ioMs + s.cpuMs + cpuDelay.p * cpuDelay.meanMs;
  const q = s.sharedQueue
    ? slotWait(s.rps, holdMs, slots)
    : slotWait(s.rps / Math.max(1, s.workers), holdMs, Math.max(1, s.perWorker));
  const slotUtilisation = (s.rps * holdMs) / 1000 / slots;
  if (!q) return { ok: false, cpuBusy, cpuDelay, slotDelay: NO_DELAY, holdMs, slotUtilisation };
  return {
    ok: true,
    cpuBusy,
    cpuDelay,
    slotDelay: { p: q.p, meanMs: q.meanMs * CONTENTION_K },
    holdMs,
    slotUtilisation,
  };
}

/** The two-layer model above for one box: pure numbers in, percentiles out. */
export function responseModel(s: ServerShape): ResponseModel {
  const m = delays(s);
  if (!m.ok) return OVERLOADED(m.cpuBusy, m.slotUtilisation);
  const base = s.ioMs + s.cpuMs;
  const at = (p: number) => base + quantileOfSum(m.cpuDelay, m.slotDelay, p);
  return {
    cpuBusy: m.cpuBusy,
    cpuDelay: m.cpuDelay,
    slotDelay: m.slotDelay,
    holdMs: m.holdMs,
    slotUtilisation: m.slotUtilisation,
    stable: true,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    meanMs: m.holdMs + m.slotDelay.p * m.slotDelay.meanMs,
  };
}

/** The box as the plan runs it: this request profile, the plan's workers and threads, the CPU the rest uses. */
export function shapeOf(
  a: Answers,
  d: Demand,
  plan: Pick<GunicornPlan, 'workers' | 'perWorker' | 'workerClass'>,
  vcpu: number,
  otherVcpu: number,
): ServerShape {
  return {
    rps: d.dynamicRps.value,
    cpuMs: d.cpuMsPerRequest.value + DJANGO_OVERHEAD_CPU_MS,
    ioMs: (a.responseTimeMs * a.ioSharePct) / 100,
    vcpu,
    otherVcpu,
    workers: plan.workers.value,
    perWorker: plan.perWorker,
    sharedQueue: plan.workerClass.value === 'sync',
  };
}

// Assumption, checked against the lab: a p95 of 3× the typical response is where a slow page starts to feel
// broken rather than slow. The lab's default profile (200 ms, 60% I/O, 3 × 3 gthread on one core) measured about
// 2.8× at 70% CPU, so for a typical app this target and the guide's 70% CPU rule agree; it binds first for
// CPU-heavy requests on small boxes (the lab's 50 ms CPU-bound profile reached 5× at 70%).
export const AUTO_P95_MULTIPLE = 3;

/** The p95 response target at peak: the user's, or AUTO_P95_MULTIPLE × their typical response time. */
export function p95Target(a: Answers): Reasoned<number> {
  if (a.p95TargetMs > 0) return r(a.p95TargetMs, `Your p95 target: ${fmt(a.p95TargetMs)} ms at peak.`);
  const t = AUTO_P95_MULTIPLE * a.responseTimeMs;
  return r(
    t,
    `${AUTO_P95_MULTIPLE} × your typical ${fmt(a.responseTimeMs)} ms response (set your own target in the app profile): ` +
      `slower than that at p95 a page feels broken, not slow; a typical app reaches it at about ${CPU_TARGET_TEXT} CPU on one core.`,
  );
}

/** Whether the box's p95 at peak stays within `targetMs`: one evaluation of the tail, no quantile search. */
export function meetsP95(s: ServerShape, targetMs: number): boolean {
  const m = delays(s);
  if (!m.ok) return false;
  const slack = targetMs - (s.ioMs + s.cpuMs);
  return slack >= 0 && tailOfSum(m.cpuDelay, m.slotDelay, slack) <= 0.05;
}

/** A target no box can meet: below the response time itself (plus Django's overhead) even with no queue. */
export const reachable = (a: Answers, targetMs: number) =>
  targetMs > a.responseTimeMs + DJANGO_OVERHEAD_CPU_MS;

export interface LatencyEstimate {
  /** Share of Gunicorn's request slots busy at peak. */
  slotUtilisation: number;
  /** Chance a request waits for a slot. */
  pWait: number;
  /** Mean wait for a slot, ms. */
  meanWaitMs: number;
  /** p95 of the delay beyond the typical response (CPU contention + waiting for a slot), ms. */
  p95WaitMs: number;
  /** p50 and p95 response at peak, ms: the model above. */
  p50ResponseMs: number;
  p95ResponseMs: number;
  /** Share of the CPU busy at peak, as the model counts it (Django's overhead included). */
  cpuBusy: number;
  stable: boolean;
  summary: string;
  /** The p95 target at peak and whether this box meets it. */
  target: Reasoned<number>;
  meetsTarget: boolean;
  /** How close the model came to real Django + Gunicorn in the lab (labAccuracy.ts, generated from lab/results). */
  accuracy: string;
}

/** The lab's verdict on this model, for the result page. */
export const ACCURACY_TEXT =
  `Within ±${LAB_ACCURACY.withinPct}% of the measured p95 up to ${LAB_ACCURACY.maxLoadPct}% CPU, ${LAB_ACCURACY.software} ` +
  `(${LAB_ACCURACY.pointCount} load points in the fidelity lab, ${LAB_ACCURACY.measuredAt}); past that the lab saw ` +
  'larger errors, and the box is sized to stay below it.';

/**
 * Latency at peak for the plan on a box of `vcpu` vCPUs whose CPU is `cpuUtilisation` busy (every item of
 * cpu.ts, Django's included). Django's overhead per request is added here.
 */
export function latency(
  a: Answers,
  d: Demand,
  plan: GunicornPlan,
  cpuUtilisation = 0,
  vcpu = 1,
): LatencyEstimate {
  const djangoVcpu = (d.dynamicRps.value * d.cpuMsPerRequest.value) / 1000;
  const otherVcpu = Math.max(0, cpuUtilisation * vcpu - djangoVcpu);
  const target = p95Target(a);
  const m = responseModel(
    shapeOf(
      a,
      d,
      { ...plan, workers: { ...plan.workers, value: Math.max(1, plan.workers.value) } },
      vcpu,
      otherVcpu,
    ),
  );
  if (!m.stable) {
    const summary =
      m.cpuBusy >= 1
        ? `Overloaded: peak CPU needs ${fmt(m.cpuBusy * 100, 0)}% of the ${m.cpuBusy > cpuUtilisation + 1e-9 && plan.workers.value < vcpu ? `${plan.workers.value} cores the workers can use` : 'vCPUs'}; the queue grows without bound.`
        : `Overloaded: ${fmt(d.dynamicRps.value)} requests/s need more than ${plan.slots} slots; the queue grows without bound.`;
    return {
      slotUtilisation: Math.min(1, m.slotUtilisation),
      pWait: 1,
      meanWaitMs: Infinity,
      p95WaitMs: Infinity,
      p50ResponseMs: Infinity,
      p95ResponseMs: Infinity,
      cpuBusy: m.cpuBusy,
      stable: false,
      summary,
      target,
      meetsTarget: false,
      accuracy: ACCURACY_TEXT,
    };
  }
  const base = a.responseTimeMs + DJANGO_OVERHEAD_CPU_MS;
  const p95WaitMs = Math.max(0, m.p95Ms - base);
  const summary =
    `CPU ${fmt(m.cpuBusy * 100, 0)}% busy: requests share the cores, so a response stretches while others run; ` +
    `${fmt(m.slotUtilisation * 100, 0)}% of ${plan.slots} slots busy, ${fmt(m.slotDelay.p * 100, 1)}% of requests wait for one. ` +
    `p50 ${fmt(m.p50Ms, 0)} ms, p95 ${fmt(m.p95Ms, 0)} ms (processor sharing + Erlang C, checked in the lab).`;
  return {
    slotUtilisation: m.slotUtilisation,
    pWait: m.slotDelay.p,
    meanWaitMs: m.slotDelay.p * m.slotDelay.meanMs,
    p95WaitMs,
    p50ResponseMs: m.p50Ms,
    p95ResponseMs: m.p95Ms,
    cpuBusy: m.cpuBusy,
    stable: true,
    summary,
    target,
    meetsTarget: m.p95Ms <= target.value,
    accuracy: ACCURACY_TEXT,
  };
}
