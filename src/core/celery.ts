// Celery on the same box: how many worker processes, how much room the box has for more, and celery beat.
import type { Answers } from './answers';
import type { Evaluation } from './instance';
import { dbConnectionMib, MEM } from './memory';
import { fmt, type Reasoned } from './reasoned';

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
