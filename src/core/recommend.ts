import type { Answers } from './answers';
import { buildBill, type Bill } from './bill';
import type { CeleryBoxes } from './celery';
import { cpuItems } from './cpu';
import { sizeRds } from './rds';
import type { Catalog } from './catalog';
import { databaseLimit, fleetConnections, type DatabaseLimit, type FleetConnections } from './connections';
import { demand, shareOf, type Demand } from './demand';
import {
  behindLoadBalancer,
  fleetPlan,
  spareBoxes,
  wantedMaxBoxes,
  type FleetPlan,
  type RedundantPlan,
} from './fleet';
import type { GunicornPlan } from './gunicorn';
import { compareWithGuide, type GuideComparison } from './guide';
import {
  alternatives,
  choose,
  evaluateAll,
  evaluateToChoice,
  movedOffText,
  offBox,
  type Alternative,
  type Choice,
  type Evaluation,
} from './instance';
import { latency, type LatencyEstimate } from './latency';
import { loadTest, type LoadTest } from './loadtest';
import { needsPgBouncer, pgbouncerPlan, type PgBouncerPlan } from './pgbouncer';
import { tradeoff, type TradeoffSeries } from './tradeoff';
import { upgradeTarget, upgradeTriggers, type Trigger } from './triggers';
import { warnings, type Warning } from './warnings';

/** Bump when a model change can change a recommendation; shown in generated configs. */
export const RULES_VERSION = '2026.12-2';

export interface Recommendation {
  rulesVersion: string;
  /** The answers the chosen box was sized for: the user’s, with shared services moved off behind a load balancer. */
  answers: Answers;
  demand: Demand;
  /** The demand one instance carries (equal to demand unless choice.scaleOut > 1). */
  perInstance: Demand;
  choice: Choice;
  /** Shortcut to choice.chosen: the instance, its Gunicorn plan, memory budget and CPU fit. */
  chosen: Evaluation;
  latency: LatencyEstimate;
  alternatives: Alternative[];
  guide: GuideComparison;
  warnings: Warning[];
  triggers: Trigger[];
  loadTest: LoadTest;
  /** Database connections of the whole deployment (every web box, Celery, beat, a margin). */
  connections: FleetConnections;
  /** The database's max_connections and whether the deployment passes it. */
  database: DatabaseLimit;
  /** The whole month: web boxes, disks, load balancer, RDS, ElastiCache, each line with its price source. */
  bill: Bill;
  /** The load balancer and Auto Scaling group (or what one box gives up). */
  fleet: FleetPlan;
  /** PgBouncer on each web box when the connections pass the database's limit (PostgreSQL), else null. */
  pgbouncer: PgBouncerPlan | null;
  catalogAsOf: string;
}

/**
 * The whole recommendation for valid answers and a validated catalog. Invalid answers are replaced by
 * nothing here: parse them with answersSchema (or decodePermalink) first; this throws only on a type error.
 */
export function recommend(answers: Answers, catalog: Catalog): Recommendation {
  const { d, evals, choice, conns, bill } = sizeAndPrice(answers, catalog);
  const chosen = choice.chosen;
  // Behind a load balancer each web box is sized without the shared services (offBox); so is everything below.
  const sized = choice.answers;
  // With a scale-out every per-instance figure uses that instance's share of the peak.
  const perInstance = shareOf(d, choice.scaleOut);
  const lat = latency(sized, perInstance, chosen.plan, chosen.cpu.utilisation, chosen.instance.vcpu);
  const alts = alternatives(answers, evals, choice);
  // The warning's limit is that of the RDS class the bill pays for, so the two cannot disagree.
  const database = databaseLimit(sized, conns, bill.rds?.rdsClass.memoryGib ?? null);
  // One box has no redundancy: its note prices the plan that has it, as this tool would recommend it.
  const redundant =
    answers.lb === 'auto' && choice.scaleOut === 1
      ? redundantPlan(sizeAndPrice({ ...answers, lb: 'alb' }, catalog, true))
      : null;
  const fleet = fleetPlan(sized, choice, conns, database, needsPgBouncer(sized, database), {
    usdPerMonth: bill.onDemandUsdPerMonth.value,
    redundant,
  });
  const pgbouncer = pgbouncerPlan(
    sized,
    conns,
    database,
    fleet.asg?.max.value ?? choice.scaleOut,
    perInstance,
  );
  const targets = {
    cpu: upgradeTarget(catalog.instances, chosen.instance, 'cpu'),
    memory: upgradeTarget(catalog.instances, chosen.instance, 'memory'),
  };
  return {
    rulesVersion: RULES_VERSION,
    answers: sized,
    demand: d,
    perInstance,
    choice,
    chosen,
    latency: lat,
    alternatives: alts,
    // The guide's rule for the box as sized: with the database moved off, not its memory-heavy tier.
    guide: compareWithGuide(sized, d, evals, chosen),
    warnings: warnings(sized, perInstance, choice, lat, conns, database, bill.rds, pgbouncer),
    triggers: upgradeTriggers(sized, chosen, lat, targets, fleet, conns, bill.rds),
    loadTest: loadTest(sized, perInstance),
    connections: conns,
    database,
    bill,
    fleet,
    pgbouncer,
    catalogAsOf: catalog.pricesAsOf,
  };
}

/**
 * The warnings one box of `e` would show for answers `a` at demand `d`, as recommend() computes them for the
 * chosen type; choose() compares same-price types by them.
 */
export function singleBoxWarnings(a: Answers, d: Demand, e: Evaluation, catalog: Catalog): Warning[] {
  const choice: Choice = {
    chosen: e,
    fits: true,
    scaleOut: 1,
    answers: a,
    movedOff: [],
    celeryBox: null,
    reason: '',
  };
  const lat = latency(a, d, e.plan, e.cpu.utilisation, e.instance.vcpu);
  const conns = connectionsOf(a, e.plan, 1);
  const rds = a.dbLocation === 'managed' ? sizeRds(a, conns, cpuItems(a, d)[0]!.vcpu, catalog) : null;
  const db = databaseLimit(a, conns, rds?.rdsClass.memoryGib ?? null);
  // The most boxes its pools are shared among, as recommend() passes the group's max (a pooled max is 2n + 1).
  const maxBoxes = behindLoadBalancer(a, 1).value ? wantedMaxBoxes(1) : 1;
  return warnings(a, d, choice, lat, conns, db, rds, pgbouncerPlan(a, conns, db, maxBoxes, d));
}

/**
 * The database connections of `peak` web boxes of `plan` and, behind a load balancer, the Auto Scaling group's
 * spare: it runs all month and opens its own, unless each box has its own database (then one box's count).
 */
function connectionsOf(
  a: Answers,
  plan: GunicornPlan,
  peak: number,
  celeryBoxes: CeleryBoxes | null = null,
): FleetConnections {
  return fleetConnections(a, plan, peak, a.dbLocation === 'here' ? 0 : spareBoxes(a, peak), celeryBoxes);
}

/**
 * The instance choice and the bill for `answers`: all recommend() needs of them, and all the one-box note needs
 * of the same answers behind an ALB (`forFigures`: evaluate only the types the choice reads, since evaluating 70
 * types is most of recommend()'s time; the choice's reason text then counts fewer types, and is not used).
 */
function sizeAndPrice(answers: Answers, catalog: Catalog, forFigures = false) {
  const d = demand(answers);
  // Behind a load balancer (the user's answer) the boxes are copies, one of them a spare: a database, Redis or
  // Celery "on this box" would be one per box, so they move off from the start, as a scale-out moves them.
  const lbMove = answers.lb === 'alb' ? offBox(answers, catalog) : null;
  const base = lbMove?.answers ?? answers;
  const evals = forFigures ? evaluateToChoice(base, d, catalog) : evaluateAll(base, d, catalog);
  const picked = choose(base, d, evals, catalog, (e) =>
    singleBoxWarnings(base, d, e, catalog).map((w) => w.id),
  );
  const choice: Choice = lbMove?.moved.length
    ? {
        ...picked,
        movedOff: [...lbMove.moved, ...picked.movedOff],
        celeryBox: lbMove.celeryBox ?? picked.celeryBox,
        reason: `${picked.reason}${movedOffText(lbMove.moved)}`,
      }
    : picked;
  const sized = choice.answers;
  // Celery moved off the web boxes: the bill prices the box(es) the choice's reason names.
  const conns = connectionsOf(sized, choice.chosen.plan, choice.scaleOut, choice.celeryBox);
  const bill = buildBill(sized, d, choice, catalog, conns, choice.celeryBox);
  return { d, evals, choice, conns, bill };
}

const redundantPlan = ({ choice, bill }: ReturnType<typeof sizeAndPrice>): RedundantPlan => ({
  type: choice.chosen.instance.type,
  boxes: bill.instances.boxes + (bill.spare?.boxes ?? 0),
  moved: choice.movedOff,
  usdPerMonth: bill.onDemandUsdPerMonth.value,
});

/** The chart's series, computed apart because the chart loads lazily. */
export function tradeoffSeries(rec: Recommendation): TradeoffSeries {
  return tradeoff(rec.answers, rec.perInstance, rec.chosen);
}
