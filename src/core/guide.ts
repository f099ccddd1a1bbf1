import type { Answers } from './answers';
import { CONCURRENT_SHARE_OF_DAILY, RATE_READING, rateForDailyUsers, type Demand } from './demand';
import type { Evaluation } from './instance';
import { fmt, usd } from './reasoned';

export type GuideTier = 'small' | 'medium' | 'high';

export interface GuideComparison {
  tier: GuideTier;
  /** The guide's suggestion for this tier, e.g. "t3a.small or t3a.medium". */
  suggestion: string;
  /** The catalog type we take as the guide's pick (the first of its suggestions that carries the load). */
  pick: string | null;
  agrees: boolean;
  reason: string;
}

// The guide's Step 2: "Small traffic (~100 users/day): t3a.small or t3a.medium; Medium (1000+ users/day):
// t3a.large or t3a.xlarge; High traffic: c6g, m6i, or r6g depending on workload". Where "high" starts is not
// stated: we take 10,000 users/day (assumption).
const TIERS: ReadonlyArray<{ tier: GuideTier; below: number; types: string[] }> = [
  { tier: 'small', below: 1000, types: ['t3a.small', 't3a.medium'] },
  { tier: 'medium', below: 10_000, types: ['t3a.large', 't3a.xlarge'] },
];

// How the guide names each tier, in its own measure (users per day).
const TIER_WORDS: Record<GuideTier, string> = {
  small: '~100 users/day',
  medium: '1,000+ users/day',
  high: 'high traffic',
};

/** The tier's range in users/day: [from, below). */
function tierRange(tier: GuideTier): [number, number] {
  const i = TIERS.findIndex((t) => t.tier === tier);
  const from = i > 0 ? TIERS[i - 1]!.below : i === -1 ? TIERS[TIERS.length - 1]!.below : 0;
  return [from, TIERS[i]?.below ?? Infinity];
}

function range(from: number, below: number, unit: string, digits: number): string {
  const f = (n: number) => fmt(n, digits);
  if (from === 0) return `under ${f(below)} ${unit}`;
  if (below === Infinity) return `${f(from)} ${unit} or more`;
  return `${f(from)}–${f(below)} ${unit}`;
}

/**
 * "Your traffic puts you in the guide’s X tier", said in the measure the user typed: the guide counts users a
 * day, so to someone who gave concurrent users or a rate its tier bounds are restated in that measure, with the
 * assumption that converts them (demand.ts).
 */
function tierLabel(a: Answers, d: Demand, tier: GuideTier, suggestion: string): string {
  const [from, below] = tierRange(tier);
  const head = `the guide’s ${tier} tier (${suggestion})`;
  if (a.trafficMode === 'concurrent') {
    const s = CONCURRENT_SHARE_OF_DAILY;
    return (
      `${fmt(a.concurrentUsers, 0)} concurrent ${a.concurrentUsers === 1 ? 'user at peak puts' : 'users at peak put'} you in ${head}. The guide counts users a day ` +
      `(${TIER_WORDS[tier]}); with peak concurrency ≈ ${fmt(s * 100)}% of daily users that tier is ` +
      `${range(from * s, below * s, 'concurrent users', 0)}`
    );
  }
  if (a.trafficMode === 'rate') {
    const { requestsPerUser, busyHours, burstFactor } = RATE_READING;
    return (
      `${fmt(d.peakRps.value)} requests/s at peak put you in ${head}. The guide counts users a day ` +
      `(${TIER_WORDS[tier]}); at ${requestsPerUser} requests per user over ${busyHours} busy hours with ` +
      `${burstFactor}× bursts that tier is ${range(rateForDailyUsers(from), rateForDailyUsers(below), 'requests/s at peak', 2)}`
    );
  }
  return `${fmt(d.dailyUsers.value, 0)} users/day puts you in ${head}`;
}

function highFamily(a: Answers): { family: string; why: string } {
  if (a.workerMemoryMb >= 250 || a.dbLocation === 'here' || a.redisDataMb >= 1024)
    return { family: 'r6g', why: 'memory-heavy workload' };
  if (a.ioSharePct < 50) return { family: 'c6g', why: 'CPU-bound workload' };
  return { family: 'm6i', why: 'balanced workload' };
}

export function compareWithGuide(
  a: Answers,
  d: Demand,
  evals: Evaluation[],
  chosen: Evaluation,
): GuideComparison {
  const users = d.dailyUsers.value;
  const row = TIERS.find((t) => users < t.below);
  let tier: GuideTier;
  let candidates: Evaluation[];
  let suggestion: string;
  if (row) {
    tier = row.tier;
    suggestion = row.types.join(' or ');
    candidates = row.types
      .map((t) => evals.find((e) => e.instance.type === t))
      .filter((e): e is Evaluation => !!e);
  } else {
    tier = 'high';
    const { family, why } = highFamily(a);
    suggestion = `c6g, m6i or r6g — ${family} for a ${why}`;
    candidates = evals
      .filter((e) => e.instance.family === family)
      .sort((x, y) => x.instance.usdPerHour - y.instance.usdPerHour);
  }
  const pickEval = candidates.find((e) => e.feasible) ?? candidates[candidates.length - 1];
  const label = tierLabel(a, d, tier, suggestion);
  if (!pickEval)
    return {
      tier,
      suggestion,
      pick: null,
      agrees: false,
      reason: `${label}; none of those types is in the catalog.`,
    };
  const pick = pickEval.instance.type;
  if (pick === chosen.instance.type)
    return { tier, suggestion, pick, agrees: true, reason: `${label}; the model agrees: ${pick}.` };
  let why: string;
  if (!pickEval.feasible) why = `${pick} falls short: ${pickEval.problems.join('; ')}.`;
  else {
    const d$ = pickEval.usdPerMonth - chosen.usdPerMonth;
    why =
      d$ > 0
        ? `${pick} would also carry the load but costs ${usd(d$)}/month more than ${chosen.instance.type}.`
        : `${pick} is cheaper but outside your architecture choice.`;
  }
  return { tier, suggestion, pick, agrees: false, reason: `${label}. ${why}` };
}
