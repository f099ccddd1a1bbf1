// Celery on the same box: how many worker processes, how much room the box has for more, and celery beat.
import type { Answers } from './answers';
import { archMatches, type Catalog, type Instance } from './catalog';
import { CPU_TARGET_TEXT } from './cpu';
import { EBS_BASE_GB } from './ebs';
import type { Evaluation } from './instance';
import { dbConnectionMib, HEADROOM_TEXT, MEM, visibleAndLimit } from './memory';
import { fmt, r, usd, type Reasoned } from './reasoned';
import { sustainedVcpu } from './triggers';

export interface CeleryPlan {
  /** Prefork processes celery.service starts: the answer, which the memory and CPU budgets count. */
  concurrency: Reasoned<number>;
  /** The most processes this box has room for, CPU and memory both (at least the answer when it fits). */
  maxOnBox: Reasoned<number>;
  /** Whether a celerybeat.service is generated. */
  beat: Reasoned<boolean>;
}

/** Celery's plan when its workers run on this box, or null (none, or on another instance). */
export function celeryPlan(a: Answers, c: Evaluation): CeleryPlan | null {
  if (a.celery !== 'here') return null;
  const n = a.celeryConcurrency;
  const busy = a.celeryBusyPct / 100;
  const celeryVcpu = n * busy;
  // CPU: what the rest of the box leaves below its sustainable CPU (70% of vCPUs, or a burstable baseline).
  const otherVcpu = c.cpu.totalVcpu - celeryVcpu;
  const cpuRoom = c.cpu.sustainableVcpu - otherVcpu;
  const byCpu = busy === 0 ? Infinity : Math.max(0, Math.floor(cpuRoom / busy + 1e-9));
  // Memory: each more child costs its own memory and, with the database here, a connection.
  const perChild = MEM.celeryChild + (a.dbLocation === 'here' ? dbConnectionMib(a) : 0);
  const spare = c.memory.limitMib - c.memory.totalMib;
  const byMem = n + Math.floor(spare / perChild);
  const max = Math.max(0, Math.min(byCpu, byMem));
  const cpuText =
    busy === 0
      ? 'tasks that use no CPU (0% busy) are bounded by memory only'
      : `CPU: ${fmt(cpuRoom)} vCPU of the ${fmt(c.cpu.sustainableVcpu)} vCPU target left after the web side, / ${a.celeryBusyPct}% busy per process = ${byCpu}`;
  const memText = `memory: ${n} + ${fmt(Math.max(0, spare))} MB spare / ${perChild} MB per process = ${byMem}`;
  return {
    concurrency: {
      value: n,
      reason:
        `Your answer: ${n} prefork process${n > 1 ? 'es' : ''}, counted in the memory budget (${n} × ${MEM.celeryChild} MB) and at peak CPU ` +
        `(${fmt(celeryVcpu)} vCPU at ${a.celeryBusyPct}% busy). Celery’s default would be ${c.instance.vcpu} (one per vCPU): ` +
        (busy >= 0.5
          ? 'CPU-bound tasks gain nothing from more processes than vCPUs.'
          : 'I/O-bound tasks can use more processes than vCPUs, as far as memory allows.'),
    },
    maxOnBox: {
      value: max,
      reason: `At most ${max} on ${c.instance.type} before Celery takes CPU or memory the plan needs: ${cpuText}; ${memText}.`,
    },
    beat:
      a.celeryBeat === 'yes'
        ? {
            value: true,
            reason: `You schedule periodic tasks: celerybeat.service runs one scheduler (exactly one may run, Celery docs), budgeted ~${MEM.celeryBeat} MB.`,
          }
        : {
            value: false,
            reason: 'No periodic tasks: no celery beat (its ~60 MB stays budgeted should you add some).',
          },
  };
}

export interface CeleryBoxes {
  /** The type the workers run on, and how many boxes of it (more than one only when no type holds them all). */
  instance: Instance;
  boxes: number;
  /** Prefork processes on each box (the answer's concurrency spread over the boxes). */
  perBox: number;
  /** Memory each box's Celery needs (MB): the OS, the master, the children, beat's room. */
  memoryMib: number;
  /** vCPU each box's workers burn at the answer's busy share. */
  vcpu: number;
  /** Each box's gp3 root volume: the web boxes' base (OS, logs, the app). */
  diskGb: number;
  /** On demand, every box with its disk. */
  usdPerMonth: number;
  /** Why this type and this many boxes. */
  reason: string;
  /** The month's price worked out: boxes × (hourly × hours + disk × gp3). */
  priceReason: string;
}

/** Memory one Celery box needs for `processes` prefork children: as memory.ts budgets Celery, plus the OS. */
const celeryBoxMib = (processes: number) =>
  MEM.os + MEM.celeryMaster + processes * MEM.celeryChild + MEM.celeryBeat;

/**
 * The instance(s) Celery moves to when a load balancer (a scale-out or the user's) takes it off the web boxes: the cheapest type of the answers'
 * architecture whose memory holds the workers under the 15% headroom and whose sustained CPU (a burstable
 * baseline, else 70% of its vCPUs) carries the concurrency × busy share — the same limits the web boxes get.
 * When no type holds the whole concurrency, the fewest boxes of one type that do between them.
 */
export function sizeCeleryBoxes(a: Answers, catalog: Catalog): CeleryBoxes {
  const busy = a.celeryBusyPct / 100;
  const n = a.celeryConcurrency;
  const eligible = catalog.instances.filter((i) => archMatches(a, i));
  const pool = [...(eligible.length ? eligible : catalog.instances)].sort(
    (x, y) => x.usdPerHour - y.usdPerHour || (x.type < y.type ? -1 : 1),
  );
  const fits = (i: Instance, processes: number) =>
    visibleAndLimit(i).limitMib >= celeryBoxMib(processes) && sustainedVcpu(i) >= processes * busy;
  // One process per box always fits a 2-vCPU steady type (1 vCPU ≤ 1.4), so this ends by boxes = n.
  let boxes = 1;
  let perBox = n;
  let instance = pool.find((i) => fits(i, perBox));
  while (!instance && boxes < n) {
    boxes++;
    perBox = Math.ceil(n / boxes);
    instance = pool.find((i) => fits(i, perBox));
  }
  instance ??= pool.at(-1)!;
  const memoryMib = celeryBoxMib(perBox);
  const vcpu = perBox * busy;
  const { limitMib } = visibleAndLimit(instance);
  const cheaper = pool.filter((i) => i.usdPerHour < instance.usdPerHour).length;
  const reason =
    (boxes > 1
      ? `No type holds all ${n} Celery processes: ${boxes} boxes, at most ${perBox} on each. `
      : `Celery’s ${n} prefork process${n > 1 ? 'es' : ''} at ${a.celeryBusyPct}% busy: `) +
    `${MEM.os} MB OS + ${MEM.celeryMaster} MB master + ${perBox} × ${MEM.celeryChild} MB children + ${MEM.celeryBeat} MB beat = ${fmt(memoryMib)} MB, within ${instance.type}’s ${fmt(limitMib)} MB (${HEADROOM_TEXT} headroom); ` +
    `${perBox} × ${a.celeryBusyPct}% = ${fmt(vcpu)} vCPU, within its ${fmt(sustainedVcpu(instance))} vCPU sustained (${instance.baselinePct !== null ? `its ${instance.baselinePct}% baseline` : `${CPU_TARGET_TEXT} of ${instance.vcpu} vCPU${instance.vcpu > 1 ? 's' : ''}`}).` +
    (cheaper ? ` The ${cheaper} cheaper type${cheaper > 1 ? 's fall' : ' falls'} short.` : '');
  const h = catalog.hoursPerMonth;
  const gp3 = catalog.services.ebs.gp3UsdPerGbMonth.usd;
  const ec2 = boxes * instance.usdPerHour * h;
  const disk = boxes * EBS_BASE_GB * gp3;
  const usdPerMonth = ec2 + disk;
  const priceReason = `${boxes} × ${usd(instance.usdPerHour, 4)}/hour × ${h} hours = ${usd(ec2)}, + ${boxes} × ${EBS_BASE_GB} GB gp3 (OS, logs, the app) × ${usd(gp3, 3)}/GB-month = ${usd(disk)}: ${usd(usdPerMonth)}.`;
  return { instance, boxes, perBox, memoryMib, vcpu, diskGb: EBS_BASE_GB, usdPerMonth, reason, priceReason };
}

/**
 * Celery's plan on the box(es) a scale-out or a load balancer moved it to (sizeCeleryBoxes, the bill's line):
 * each box runs its share of the answer's processes, and beat runs on one of them only.
 */
export function celeryBoxPlan(a: Answers, box: CeleryBoxes): CeleryPlan {
  const each = box.boxes > 1 ? ` on each of the ${box.boxes} Celery boxes` : ' on the Celery box';
  return {
    concurrency: r(
      box.perBox,
      `${box.perBox} prefork process${box.perBox > 1 ? 'es' : ''}${each} (${box.instance.type}): ${box.reason}`,
    ),
    maxOnBox: r(
      box.perBox,
      `The Celery box is sized for ${box.perBox}: more need a larger type${box.boxes > 1 ? ' or more Celery boxes' : ''}.`,
    ),
    beat:
      a.celeryBeat === 'yes'
        ? r(
            true,
            `You schedule periodic tasks: celerybeat.service runs on ${box.boxes > 1 ? 'one Celery box only' : 'the Celery box'} (exactly one scheduler may run, Celery docs), in the ${MEM.celeryBeat} MB its memory counts.`,
          )
        : r(false, 'No periodic tasks: no celery beat.'),
  };
}

/** Where celery.service runs: on this box (celeryPlan), on the box(es) it was moved to, or nowhere (null). */
export function celeryPlacement(
  a: Answers,
  c: Evaluation,
  moved: CeleryBoxes | null,
): { plan: CeleryPlan; box: CeleryBoxes | null } | null {
  const here = celeryPlan(a, c);
  if (here) return { plan: here, box: null };
  return moved ? { plan: celeryBoxPlan(a, moved), box: moved } : null;
}
