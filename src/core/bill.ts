// The monthly bill of the whole plan: every line the plan itself creates (the web boxes the peak needs, the Auto
// Scaling group's spare, their burst surplus and disks, the load balancer, the managed database and Redis, the box
// Celery moves to behind a load balancer), each priced from the catalog with its source and date. On-demand only: no
// 1-year Savings Plan rate was found (../shared/reference/aws-services.tsv, last row), so that column says so
// instead of showing an invented discount.
import { lcuEstimate, type LcuEstimate } from './alb';
import type { Answers } from './answers';
import type { Catalog } from './catalog';
import type { CeleryBoxes } from './celery';
import { cpuItems } from './cpu';
import { shareOf, type Demand } from './demand';
import { ebsPerBoxGb } from './ebs';
import { sizeElastiCache, type CachePlan } from './elasticache';
import type { FleetConnections } from './connections';
import { spareBoxes, wantedMaxBoxes } from './fleet';
import { slotsNeededFor } from './gunicorn';
import type { Choice } from './instance';
import { sizeRds, type RdsPlan } from './rds';
import { fmt, usd, type Reasoned } from './reasoned';

export type BillLineId =
  | 'instances'
  | 'spare-instances'
  | 'burst-surplus'
  | 'ebs'
  | 'alb-hours'
  | 'alb-lcu'
  | 'rds'
  | 'rds-storage'
  | 'elasticache'
  | 'celery';

export interface BillLine {
  id: BillLineId;
  label: string;
  /** On-demand USD a month (catalog.hoursPerMonth hours). */
  usdPerMonth: number;
  /** 1-year Savings Plan USD a month; null: no published rate was found (see Bill.savingsPlan). */
  savingsPlanUsdPerMonth: number | null;
  /** Quantity × price, person-readable. */
  reason: string;
  /** Where the price was read (catalog source keys S1–S13 or the EC2 catalog's source). */
  source: string;
  /** When the price was last seen in that source. */
  asOf: string;
}

export interface Bill {
  lines: BillLine[];
  /** Σ lines' usdPerMonth. */
  onDemandUsdPerMonth: Reasoned<number>;
  savingsPlan: { usdPerMonth: number | null; text: string; note: string };
  /** The EC2 price of the web boxes the peak needs: boxes × the chosen type (the summary's figure). */
  instances: { boxes: number; usdPerHour: number; usdPerMonth: number };
  /**
   * The Auto Scaling group's spare web boxes (its minimum less the peak's boxes), priced on their own line;
   * null without a load balancer. instances.boxes + spare.boxes is what the group runs at its minimum.
   */
  spare: { boxes: number; usdPerMonth: number } | null;
  /** The instance(s) Celery moved to behind a load balancer, with their disks; null when it stayed or is not run. */
  celery: CeleryBoxes | null;
  /** Set when the database is managed or moved off the web boxes behind a load balancer. */
  rds: RdsPlan | null;
  /** Set when Redis is managed or moved off the web boxes behind a load balancer. */
  elasticache: CachePlan | null;
  /** Set when a load balancer is in the plan (a scale-out, or the user's ALB). */
  loadBalancer: LcuEstimate | null;
  ebsPerBoxGb: Reasoned<number>;
  /** The catalog's source keys (S1–S13) the lines cite, each with its description and date. */
  sources: Array<{ key: string; description: string; asOf: string }>;
}

/**
 * "not available" is what the Savings Plan column shows for every line (../shared/reference/aws-services.md,
 * Savings Plans).
 */
export const SAVINGS_PLAN_TEXT = 'not available (no published rate found)';

/**
 * `a`: the answers the boxes were sized for (choice.answers: a load balancer moves the database, Redis and Celery
 * off); `d`: the whole peak (not one box's share); `celery`: the box(es) Celery moved to.
 */
export function buildBill(
  a: Answers,
  d: Demand,
  choice: Choice,
  catalog: Catalog,
  conns: FleetConnections,
  celery: CeleryBoxes | null = null,
): Bill {
  const { services, hoursPerMonth } = catalog;
  const h = hoursPerMonth;
  const boxes = choice.scaleOut;
  const { instance, cpu } = choice.chosen;
  const lines: BillLine[] = [];
  const line = (l: Omit<BillLine, 'savingsPlanUsdPerMonth'>) =>
    lines.push({ ...l, savingsPlanUsdPerMonth: null });
  const each = boxes > 1 ? `${boxes} × ` : '';
  // Behind a load balancer the Auto Scaling group never runs fewer than the peak's boxes + the spare.
  const spare = spareBoxes(a, boxes);
  const running = boxes + spare;

  const ec2Month = boxes * instance.usdPerHour * h;
  line({
    id: 'instances',
    label: `EC2: ${each}${instance.type}`,
    usdPerMonth: ec2Month,
    reason: `${boxes} × ${usd(instance.usdPerHour, 4)}/hour × ${h} hours = ${usd(ec2Month)}.`,
    source: `EC2 catalog: ${catalog.source}`,
    asOf: catalog.pricesAsOf,
  });
  const spareMonth = spare * instance.usdPerHour * h;
  if (spare)
    line({
      id: 'spare-instances',
      label: `EC2: ${spare} spare ${instance.type} (the Auto Scaling group’s minimum of ${running})`,
      usdPerMonth: spareMonth,
      reason: `${spare} × ${usd(instance.usdPerHour, 4)}/hour × ${h} hours = ${usd(spareMonth)}. Redundancy: the Auto Scaling group’s minimum is the ${boxes} box${boxes > 1 ? 'es' : ''} the peak needs + ${spare} spare = ${running}, so a box can fail, or be replaced by a deploy, at peak while the others carry it; the group runs at least ${running} all month.`,
      source: `EC2 catalog: ${catalog.source}`,
      asOf: catalog.pricesAsOf,
    });
  if (cpu.surplusUsdPerMonth > 0) {
    const surplus = boxes * cpu.surplusUsdPerMonth;
    line({
      id: 'burst-surplus',
      label: `Burstable CPU above the baseline (${each}${instance.type})`,
      usdPerMonth: surplus,
      reason:
        `${boxes} × ${fmt(cpu.surplusVcpu)} vCPU above the ${instance.baselinePct}% baseline × ${usd(cpu.surplusUsdPerVcpuHour)}/vCPU-hour × ${fmt((a.busyHours * h) / 24)} busy hours a month (an upper bound: the peak lasting all ${a.busyHours} busy hours) = ${usd(surplus)}.` +
        (spare
          ? ` The spare adds none: spread over ${running} boxes the same peak leaves less above each baseline.`
          : ''),
      source: 'EC2 catalog: unlimited-mode surplus price per vCPU-hour (AWS T-instance pricing)',
      asOf: catalog.pricesAsOf,
    });
  }
  const ebsGb = ebsPerBoxGb(a);
  const gp3 = services.ebs.gp3UsdPerGbMonth;
  const ebsMonth = running * ebsGb.value * gp3.usd;
  line({
    id: 'ebs',
    label: `EBS gp3: ${running > 1 ? `${running} × ` : ''}${fmt(ebsGb.value)} GB`,
    usdPerMonth: ebsMonth,
    reason: `${running}${spare ? ` (${boxes} for the peak + ${spare} spare)` : ''} × ${fmt(ebsGb.value)} GB × ${usd(gp3.usd, 3)}/GB-month = ${usd(ebsMonth)}; the included ${fmt(services.ebs.includedIops)} IOPS and ${fmt(services.ebs.includedMibps)} MiB/s suffice (none extra provisioned). ${ebsGb.reason}`,
    source: `${gp3.source}; included performance ${services.ebs.includedSource}`,
    asOf: gp3.asOf,
  });

  let loadBalancer: LcuEstimate | null = null;
  // Behind a load balancer exactly when there is a group, so a spare (fleet.ts, behindLoadBalancer).
  if (spare) {
    const { usdPerHour, usdPerLcuHour } = services.alb;
    const albHours = usdPerHour.usd * h;
    line({
      id: 'alb-hours',
      label: 'Application Load Balancer',
      usdPerMonth: albHours,
      reason: `${usd(usdPerHour.usd, 4)}/hour × ${h} hours = ${usd(albHours)}; TLS ends here with a free ACM certificate.`,
      source: usdPerHour.source,
      asOf: usdPerHour.asOf,
    });
    loadBalancer = lcuEstimate(a, d, catalog);
    const lcuMonth = loadBalancer.lcu * loadBalancer.hours * usdPerLcuHour.usd;
    line({
      id: 'alb-lcu',
      label: `Load balancer capacity units (${fmt(loadBalancer.lcu, 3)} LCU at peak)`,
      usdPerMonth: lcuMonth,
      reason: `${fmt(loadBalancer.lcu, 3)} LCU × ${fmt(loadBalancer.hours)} hours × ${usd(usdPerLcuHour.usd, 3)}/LCU-hour = ${usd(lcuMonth)}. ${loadBalancer.reason}`,
      source: `${usdPerLcuHour.source}; LCU contents ${services.alb.lcu.source}`,
      asOf: usdPerLcuHour.asOf,
    });
  }

  let rds: RdsPlan | null = null;
  if (a.dbLocation === 'managed') {
    const appVcpu = cpuItems(a, d)[0]!.vcpu;
    // The pools a PgBouncer alternative would need: the request slots the peak needs on each box (a request
    // holding its connection throughout, as the p95 assumes), on as many boxes as the group may run pooled.
    const pool = {
      perBox: Math.min(conns.perBox.value, slotsNeededFor(a, shareOf(d, boxes))),
      maxBoxes: spare ? wantedMaxBoxes(boxes) : 1,
    };
    rds = sizeRds(a, conns, appVcpu, catalog, pool);
    const c = rds.rdsClass;
    const month = c.usdPerHour * h;
    line({
      id: 'rds',
      label: `RDS ${a.dbEngine === 'postgresql' ? 'PostgreSQL' : 'MySQL'}: ${c.class} (Single-AZ)`,
      usdPerMonth: month,
      reason: `${usd(c.usdPerHour, 4)}/hour × ${h} hours = ${usd(month)}. ${rds.reason}`,
      source: c.source,
      asOf: c.asOf,
    });
    const st = services.rds.storage;
    const rate = st.gp3SingleAzUsdPerGbMonth;
    const gb = rds.storageGb.value;
    const iops = gb >= 400 ? st.includedIops.from400Gib : st.includedIops.below400Gib;
    const storage = gb * rate.usd;
    line({
      id: 'rds-storage',
      label: `RDS storage: ${fmt(gb)} GB gp3`,
      usdPerMonth: storage,
      reason: `${fmt(gb)} GB × ${usd(rate.usd, 3)}/GB-month = ${usd(storage)}, with ${fmt(iops)} IOPS included (none extra provisioned). ${rds.storageGb.reason} Backups up to the storage size are free; more is not priced here.`,
      source: `${rate.source}; included IOPS ${st.includedIops.source}`,
      asOf: rate.asOf,
    });
  }
  let elasticache: CachePlan | null = null;
  if (a.redis === 'managed') {
    elasticache = sizeElastiCache(a, catalog);
    const n = elasticache.node;
    const month = n.usdPerHour * h;
    line({
      id: 'elasticache',
      label: `ElastiCache Redis: ${n.node}`,
      usdPerMonth: month,
      reason: `${usd(n.usdPerHour, 4)}/hour × ${h} hours = ${usd(month)}. ${elasticache.reason}`,
      source: n.source,
      asOf: n.asOf,
    });
  }

  if (celery) {
    const gp3Source = services.ebs.gp3UsdPerGbMonth.source;
    line({
      id: 'celery',
      label: `EC2: Celery worker${celery.boxes > 1 ? `s, ${celery.boxes} ×` : ','} ${celery.instance.type} with ${fmt(celery.diskGb)} GB gp3`,
      usdPerMonth: celery.usdPerMonth,
      reason: `${celery.priceReason} A fleet shares one Celery, off the web boxes: ${celery.reason}`,
      source: `EC2 catalog: ${catalog.source}; disk ${gp3Source}`,
      asOf: catalog.pricesAsOf,
    });
  }

  const total = lines.reduce((s, l) => s + l.usdPerMonth, 0);
  const cited = new Set(lines.flatMap((l) => l.source.match(/\bS\d+\b/g) ?? []));
  const sources = Object.entries(services.sources)
    .filter(([key]) => cited.has(key))
    .map(([key, s]) => ({ key, description: s.description, asOf: s.asOf }))
    .sort((x, y) => Number(x.key.slice(1)) - Number(y.key.slice(1)));
  return {
    lines,
    onDemandUsdPerMonth: {
      value: total,
      reason: `${lines.map((l) => `${usd(l.usdPerMonth)} ${l.label}`).join(' + ')} = ${usd(total)} a month, on demand, ${catalog.region}.`,
    },
    savingsPlan: { usdPerMonth: null, text: SAVINGS_PLAN_TEXT, note: services.savingsPlans.note },
    instances: { boxes, usdPerHour: boxes * instance.usdPerHour, usdPerMonth: ec2Month },
    spare: spare ? { boxes: spare, usdPerMonth: spareMonth } : null,
    celery,
    rds,
    elasticache,
    loadBalancer,
    ebsPerBoxGb: ebsGb,
    sources,
  };
}
