import type { Answers } from './answers';
import type { Demand } from './demand';
import type { Evaluation } from './instance';
import { fmt } from './reasoned';

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
  const label = `${fmt(users, 0)} users/day puts you in the guide’s ${tier} tier (${suggestion})`;
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
        ? `${pick} would also carry the load but costs $${fmt(d$)}/month more than ${chosen.instance.type}.`
        : `${pick} is cheaper but outside your architecture choice.`;
  }
  return { tier, suggestion, pick, agrees: false, reason: `${label}. ${why}` };
}
