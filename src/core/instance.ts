import type { Answers } from './answers';
import { archMatches, isBurstable, type Catalog, type Instance } from './catalog';
import { sizeCeleryBoxes, type CeleryBoxes } from './celery';
import { CPU_TARGET, CPU_TARGET_TEXT, cpuItems, totalCpu, type CpuItem } from './cpu';
import { shareOf, type Demand } from './demand';
import { planGunicorn, slotsNeededFor, type GunicornPlan } from './gunicorn';
import { meetsP95, p95Target, reachable, shapeOf } from './latency';
import { fixedItems, HEADROOM_TEXT, memoryBudget, type MemoryBudget } from './memory';
import { fmt, usd } from './reasoned';

export interface CpuFit {
  items: CpuItem[];
  /** vCPUs busy at peak. */
  totalVcpu: number;
  /** totalVcpu / vcpu: what CloudWatch's CPUUtilization would show at peak. */
  utilisation: number;
  /** vCPUs this type sustains: burstable baseline × vCPU, else CPU_TARGET of its vCPUs (the guide's trigger). */
  sustainableVcpu: number;
  /** vCPUs above a burstable baseline at peak (0 when within it). */
  surplusVcpu: number;
  /** Upper bound of the unlimited-mode surplus bill if the peak lasted all busy hours every day. */
  surplusUsdPerMonth: number;
  /** The catalog's unlimited-mode surplus price for this family, $ per vCPU-hour (0 for a steady type). */
  surplusUsdPerVcpuHour: number;
}

export interface Evaluation {
  instance: Instance;
  plan: GunicornPlan;
  memory: MemoryBudget;
  cpu: CpuFit;
  usdPerMonth: number;
  /** Fits memory and stays under the sustainable CPU. */
  feasible: boolean;
  /** Fits memory and stays under CPU_TARGET of its full vCPUs, paying for burst above the baseline. */
  feasibleWithSurplus: boolean;
  /** Why it is not feasible, person-readable; empty when it is. */
  problems: string[];
}

/**
 * `cpuGiven` and `slotsGiven`: the CPU items and request slots for (a, d), which do not depend on the
 * instance; evaluateAll computes them once for every type.
 */
export function evaluate(
  a: Answers,
  d: Demand,
  inst: Instance,
  catalog: Catalog,
  cpuGiven?: CpuItem[],
  slotsGiven?: number,
): Evaluation {
  const fixed = fixedItems(a, inst);
  const items = cpuGiven ?? cpuItems(a, d);
  const totalVcpu = totalCpu(items);
  const djangoVcpu = (d.dynamicRps.value * d.cpuMsPerRequest.value) / 1000;
  const otherVcpu = Math.max(0, totalVcpu - djangoVcpu);
  const plan = planGunicorn(a, d, inst, { slots: slotsGiven, fixed, otherVcpu });
  const memory = memoryBudget(a, inst, plan.workers.value, plan.threads.value, fixed);
  const full = CPU_TARGET * inst.vcpu;
  const baseline = inst.baselinePct === null ? null : (inst.baselinePct / 100) * inst.vcpu;
  const sustainableVcpu = baseline ?? full;
  const surplusVcpu = baseline === null ? 0 : Math.max(0, totalVcpu - baseline);
  const rate = surplusRate(catalog, inst);
  const surplusUsdPerMonth = surplusVcpu * rate * a.busyHours * (catalog.hoursPerMonth / 24);
  const cpu: CpuFit = {
    items,
    totalVcpu,
    utilisation: totalVcpu / inst.vcpu,
    sustainableVcpu,
    surplusVcpu,
    surplusUsdPerMonth,
    surplusUsdPerVcpuHour: rate,
  };

  const problems: string[] = [];
  const memoryOk = plan.memoryCap >= plan.loadNeed;
  if (!memoryOk)
    problems.push(
      plan.memoryCap === 0
        ? `no Gunicorn worker fits in its ${fmt(memory.limitMib)} MB budget after the other services`
        : `memory fits ${plan.memoryCap} workers but peak needs ${plan.loadNeed}`,
    );
  const cpuOk = totalVcpu <= sustainableVcpu;
  if (!cpuOk)
    problems.push(
      baseline !== null
        ? `peak CPU ${fmt(totalVcpu)} vCPU exceeds its burstable baseline of ${fmt(baseline)} vCPU (${inst.baselinePct}% × ${inst.vcpu})`
        : `peak CPU ${fmt(totalVcpu)} vCPU is over ${CPU_TARGET_TEXT} of its ${inst.vcpu} vCPUs`,
    );
  // The p95 target at peak (latency.ts, checked in the lab): only asked where memory and CPU already fit, and
  // only when some box could meet it (a target below the response time itself is warned about instead).
  let latencyOk = true;
  if (memoryOk && cpuOk && plan.workers.value > 0) {
    const target = p95Target(a).value;
    if (reachable(a, target)) {
      latencyOk = meetsP95(shapeOf(a, d, plan, inst.vcpu, otherVcpu), target);
      if (!latencyOk) problems.push(`its p95 at peak would be over the ${fmt(target)} ms target`);
    }
  }
  return {
    instance: inst,
    plan,
    memory,
    cpu,
    usdPerMonth: inst.usdPerHour * catalog.hoursPerMonth,
    feasible: memoryOk && cpuOk && latencyOk,
    feasibleWithSurplus: memoryOk && latencyOk && totalVcpu <= full,
    problems,
  };
}

/**
 * Unlimited-mode surplus price, $ per vCPU-hour: the catalog's figure for the family (../shared/reference/sizing-facts.md: t3 ~$0.05,
 * t4g $0.04); a burstable family the catalog does not price is charged at the highest price it lists.
 */
function surplusRate(catalog: Catalog, inst: Instance): number {
  if (inst.baselinePct === null) return 0;
  return (
    catalog.burstSurplusUsdPerVcpuHour[inst.family] ??
    Math.max(0, ...Object.values(catalog.burstSurplusUsdPerVcpuHour))
  );
}

const byPrice = (x: Evaluation, y: Evaluation) =>
  x.instance.usdPerHour - y.instance.usdPerHour || (x.instance.type < y.instance.type ? -1 : 1);

/** Every catalog type evaluated, cheapest first. */
export function evaluateAll(a: Answers, d: Demand, catalog: Catalog): Evaluation[] {
  const cpu = cpuItems(a, d);
  const slots = slotsNeededFor(a, d);
  return catalog.instances.map((i) => evaluate(a, d, i, catalog, cpu, slots)).sort(byPrice);
}

/**
 * The evaluations choose() needs to pick a single box, and no more: cheapest first, up to the first feasible type
 * of the answers' architecture and every type at its price (the tie rule compares them). When none is feasible
 * every type is evaluated (a scale-out compares the largest). choose() then picks what it would from
 * evaluateAll(); only its reason's counts of types differ, so this is for figures, not for the reason shown.
 */
export function evaluateToChoice(a: Answers, d: Demand, catalog: Catalog): Evaluation[] {
  const cpu = cpuItems(a, d);
  const slots = slotsNeededFor(a, d);
  const ordered = [...catalog.instances].sort(
    (x, y) => x.usdPerHour - y.usdPerHour || (x.type < y.type ? -1 : 1),
  );
  const anyEligible = ordered.some((i) => archMatches(a, i));
  const out: Evaluation[] = [];
  let price: number | null = null;
  for (const i of ordered) {
    if (price !== null && i.usdPerHour > price) return out;
    const e = evaluate(a, d, i, catalog, cpu, slots);
    out.push(e);
    if (price === null && e.feasible && (!anyEligible || archMatches(a, i))) price = i.usdPerHour;
  }
  return out;
}

export interface Choice {
  chosen: Evaluation;
  /** False when no single catalog type carries the load: the chosen one is the largest, and the plan says scale out. */
  fits: boolean;
  reason: string;
  /** Instances of the chosen type needed to carry the peak when it does not fit (1 when it does). */
  scaleOut: number;
  /**
   * The answers the chosen box was sized for: the user's, except that a fleet shares one database, Redis and
   * Celery, so those move off the web boxes (see offBox). Everything downstream (configs included) uses these.
   */
  answers: Answers;
  /** What moved off the web boxes behind a load balancer (a scale-out or the user's), person-readable; else empty. */
  movedOff: string[];
  /** The box(es) Celery moved to (sizeCeleryBoxes): the reason names them and the bill prices them; else null. */
  celeryBox: CeleryBoxes | null;
}

/**
 * A fleet behind a load balancer cannot keep a database, Redis or Celery on each web box (each box would get its
 * own database): they move to managed services / their own box, and each web box is sized without them.
 */
export function offBox(
  a: Answers,
  catalog?: Catalog,
): { answers: Answers; moved: string[]; celeryBox: CeleryBoxes | null } {
  const moved: string[] = [];
  const b: Answers = { ...a };
  if (a.dbLocation === 'here') {
    b.dbLocation = 'managed';
    moved.push(
      a.dbEngine === 'postgresql'
        ? 'PostgreSQL → a managed service (RDS)'
        : 'MySQL → a managed service (RDS)',
    );
  }
  if (a.redis === 'here') {
    b.redis = 'managed';
    moved.push('Redis → a managed service (ElastiCache)');
  }
  let celeryBox: CeleryBoxes | null = null;
  if (a.celery === 'here') {
    b.celery = 'elsewhere';
    // The bill prices this very sizing (Choice.celeryBox), so the reason and the bill name one figure.
    const box = catalog ? sizeCeleryBoxes(a, catalog) : null;
    celeryBox = box;
    moved.push(
      box
        ? `Celery → its own instance (${box.boxes > 1 ? `${box.boxes} × ` : ''}${box.instance.type}, ${usd(box.usdPerMonth)}/month with its disk, on the bill)`
        : 'Celery → its own instance',
    );
  }
  return { answers: b, moved, celeryBox };
}

/** The sentence a reason ends with when shared services moved off the web boxes (empty when none did). */
export const movedOffText = (moved: readonly string[]) =>
  moved.length ? ` Shared services move off the web boxes: ${moved.join('; ')}.` : '';

// Past this many instances the answer is "talk to an architect", not a bigger fleet of one type.
export const MAX_SCALE_OUT = 1024;
// A fleet's Auto Scaling group keeps this many boxes beyond the peak's (N+1): a box can fail, or be replaced by
// a deploy, at peak without the others going past CPU_TARGET (fleet.ts). The bill prices them on a line of
// their own, so the peak's boxes stay the figure the summary and this reason give.
export const SPARE_BOXES = 1;

/**
 * `warningsOf`: the warning ids one box of a type would show (recommend() passes them). Among the feasible types
 * at the lowest price, the one with the fewest wins, so no type that costs the same (none that costs less is
 * feasible) removes a warning the chosen one has.
 */
export function choose(
  a: Answers,
  d: Demand,
  evals: Evaluation[],
  catalog: Catalog,
  warningsOf?: (e: Evaluation) => readonly string[],
): Choice {
  const eligible = evals.filter((e) => archMatches(a, e.instance));
  const pool = eligible.length ? eligible : evals;
  const first = pool.find((e) => e.feasible);
  let chosen = first;
  let tieNote = '';
  if (first && warningsOf) {
    const ties = pool.filter((e) => e.feasible && e.instance.usdPerHour === first.instance.usdPerHour);
    if (ties.length > 1) {
      const counted = ties.map((e) => ({ e, n: warningsOf(e).length }));
      const best = counted.reduce((m, x) => (x.n < m.n ? x : m));
      if (best.e !== first) {
        chosen = best.e;
        tieNote = ` Of the ${ties.length} types at this price it has the fewest warnings (${best.n}; ${first.instance.type} has ${counted[0]!.n}).`;
      }
    }
  }
  if (chosen) {
    const price = chosen.instance.usdPerHour;
    const cheaper = pool.filter((e) => e.instance.usdPerHour < price).length;
    const t = chosen.instance;
    const cpuWhy = isBurstable(t)
      ? `keeps peak CPU (${fmt(chosen.cpu.totalVcpu)} vCPU) within its burstable baseline of ${fmt(chosen.cpu.sustainableVcpu)} vCPU`
      : `keeps peak CPU at ${fmt(chosen.cpu.utilisation * 100, 0)}%, under the guide’s ${CPU_TARGET_TEXT}`;
    return {
      chosen,
      fits: true,
      scaleOut: 1,
      answers: a,
      movedOff: [],
      celeryBox: null,
      reason:
        `The cheapest of ${pool.length} ${a.arch === 'either' ? '' : a.arch === 'arm' ? 'ARM ' : 'x86 '}types that ${cpuWhy}, fits the memory budget ` +
        `(${fmt(chosen.memory.totalMib)} of ${fmt(chosen.memory.limitMib)} MB usable after ${HEADROOM_TEXT} headroom)` +
        (reachable(a, p95Target(a).value) ? ` and meets the ${fmt(p95Target(a).value)} ms p95 target` : '') +
        (cheaper
          ? `; the ${cheaper} cheaper type${cheaper > 1 ? 's' : ''} fail on CPU, memory or latency.`
          : '.') +
        tieNote,
    };
  }
  // Nothing fits one box: scale out with the largest types (fewest boxes to run), taking the cheapest fleet.
  // Any fleet of two or more of them costs more than any single type, so more traffic never costs less.
  const maxVcpu = Math.max(...pool.map((e) => e.instance.vcpu));
  const { answers: fa, moved, celeryBox } = offBox(a, catalog);
  const fleets = pool
    .filter((e) => e.instance.vcpu === maxVcpu)
    .map((big) => fleetFor(fa, d, moved.length ? evaluate(fa, d, big.instance, catalog) : big, catalog));
  const movedText = movedOffText(moved);
  const spareText = (per: Evaluation) =>
    ` The Auto Scaling group keeps ${SPARE_BOXES} spare beside them (${usd(SPARE_BOXES * per.usdPerMonth)}/month more, its own line on the bill).`;
  // A fleet that carries the peak always beats one that does not (fleetFor gives up at MAX_SCALE_OUT).
  let best: { per: Evaluation; n: number } | undefined;
  for (const f of fleets.filter((x) => x.per.feasible))
    if (!best || f.n * f.per.usdPerMonth < best.n * best.per.usdPerMonth) best = f;
  const fleet = (f: { per: Evaluation; n: number }, reason: string): Choice => ({
    chosen: f.per,
    fits: false,
    scaleOut: f.n,
    answers: fa,
    movedOff: moved,
    celeryBox,
    reason,
  });
  const whyNotOne = (per: Evaluation) =>
    `No single type in the catalog carries this peak (${pool.find((e) => e.instance.type === per.instance.type)!.problems.join('; ')})`;
  if (best)
    return fleet(
      best,
      `${whyNotOne(best.per)}. Run ${best.n} × ${best.per.instance.type} behind a load balancer ` +
        `(${usd(best.n * best.per.usdPerMonth)}/month); the settings and configs below are per instance.${spareText(best.per)}${movedText}`,
    );
  // No fleet of up to MAX_SCALE_OUT carries it (the CPU or memory each request needs is beyond any fleet).
  // Show the type with room for the most workers (the cheapest of those), rather than the cheapest type,
  // which may not fit a single worker.
  let room = fleets[0]!;
  for (const f of fleets) if (f.per.plan.memoryCap > room.per.plan.memoryCap) room = f;
  return fleet(
    room,
    `${whyNotOne(room.per)}, and neither would ${room.n} × ${room.per.instance.type} (${room.per.problems.join('; ')}). ` +
      `Cut the CPU or memory each request needs and size again; the settings below are per instance.${spareText(room.per)}${movedText}`,
  );
}

/**
 * Fewest copies of `single.instance` that carry the peak between them, at most MAX_SCALE_OUT. Feasibility only
 * improves as n grows (each box's share shrinks), so any search finds the same n; this one starts where CPU
 * alone would allow (usually the answer: 2–3 evaluations per type instead of ~12), then doubles and bisects.
 * `single` is this type's evaluation for the whole peak (n = 1), which the caller knows does not fit.
 */
function fleetFor(
  a: Answers,
  d: Demand,
  single: Evaluation,
  catalog: Catalog,
): { per: Evaluation; n: number } {
  const inst = single.instance;
  const known = new Map<number, Evaluation>([[1, single]]);
  const at = (n: number) => {
    let e = known.get(n);
    if (!e) {
      e = evaluate(a, shareOf(d, n), inst, catalog);
      known.set(n, e);
    }
    return e;
  };
  // CPU per box is what does not split (Celery on each box) plus the rest over n.
  const fixedVcpu = single.cpu.items.filter((i) => i.label === 'Celery').reduce((s, i) => s + i.vcpu, 0);
  const room = single.cpu.sustainableVcpu - fixedVcpu;
  const cpuGuess = room > 0 ? Math.ceil((single.cpu.totalVcpu - fixedVcpu) / room) : MAX_SCALE_OUT;
  // lo never carries the peak, hi does (or is MAX_SCALE_OUT).
  let lo = 1;
  let hi = Math.min(MAX_SCALE_OUT, Math.max(2, Number.isFinite(cpuGuess) ? cpuGuess : MAX_SCALE_OUT));
  if (at(hi).feasible) {
    if (hi - 1 > lo && !at(hi - 1).feasible) lo = hi - 1;
  } else {
    while (hi < MAX_SCALE_OUT && !at(hi).feasible) {
      lo = hi;
      hi = Math.min(MAX_SCALE_OUT, hi * 2);
    }
    if (!at(hi).feasible) return { per: at(hi), n: hi }; // not even MAX_SCALE_OUT boxes
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid).feasible) hi = mid;
    else lo = mid;
  }
  return { per: at(hi), n: hi };
}

export interface Alternative {
  label: string;
  evaluation: Evaluation;
  note: string;
}

function sizeUp(evals: Evaluation[], chosen: Evaluation): Evaluation | undefined {
  return evals
    .filter(
      (e) =>
        e.instance.family === chosen.instance.family && e.instance.usdPerHour > chosen.instance.usdPerHour,
    )
    .sort(byPrice)[0];
}

export function alternatives(a: Answers, evals: Evaluation[], choice: Choice): Alternative[] {
  const out: Alternative[] = [];
  const c = choice.chosen;
  const seen = new Set([c.instance.type]);
  const add = (label: string, e: Evaluation | undefined, note: string) => {
    if (!e || seen.has(e.instance.type)) return;
    seen.add(e.instance.type);
    out.push({ label, evaluation: e, note });
  };
  const diff = (e: Evaluation) => {
    const d = e.usdPerMonth - c.usdPerMonth;
    return `${d >= 0 ? '+' : '−'}${usd(Math.abs(d))}/month`;
  };
  const otherArch = c.instance.arch === 'x86_64' ? 'arm64' : 'x86_64';
  const twin = evals.find((e) => e.feasible && e.instance.arch === otherArch);
  if (twin)
    add(
      otherArch === 'arm64' ? 'Graviton (ARM) equivalent' : 'x86 equivalent',
      twin,
      `${diff(twin)}. ` +
        (otherArch === 'arm64'
          ? 'Needs arm64 wheels for every dependency (most have them).'
          : 'For dependencies without arm64 builds.') +
        (archMatches(a, twin.instance) ? '' : ' Outside your architecture choice.'),
    );
  const up = sizeUp(evals, c);
  if (up)
    add(
      'One size up',
      up,
      `${diff(up)}: headroom for growth — ${up.plan.workers.value} workers, ${fmt(up.memory.limitMib)} MB usable.`,
    );
  if (isBurstable(c.instance)) {
    const steady = evals.find((e) => e.feasible && !isBurstable(e.instance) && archMatches(a, e.instance));
    add(
      'Steady CPU (not burstable)',
      steady,
      `${diff(steady ?? c)}: no CPU credits to run out of under sustained load.`,
    );
  } else {
    const burst = evals.find(
      (e) =>
        !e.feasible &&
        e.feasibleWithSurplus &&
        isBurstable(e.instance) &&
        archMatches(a, e.instance) &&
        e.usdPerMonth < c.usdPerMonth,
    );
    if (burst)
      add(
        'Burstable, paying for surplus CPU',
        burst,
        `${diff(burst)} plus up to ${usd(burst.cpu.surplusUsdPerMonth)}/month of unlimited-mode surplus if the peak lasts all ${a.busyHours} busy hours.`,
      );
  }
  return out.slice(0, 3);
}
