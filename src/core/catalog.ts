import * as z from 'zod/mini';
import type { Answers } from './answers';

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

export const instanceSchema = z
  .object({
    type: z.string().check(z.regex(INSTANCE_TYPE, { error: 'type must look like t3.small' })),
    family: z.string().check(z.minLength(1)),
    vcpu: z.int().check(z.minimum(1), z.maximum(448)),
    // Physical cores: x86 families run 2 threads per core, Graviton 1 (AWS EC2 user guide, CPU options).
    cores: z.int().check(z.minimum(1), z.maximum(448)),
    memoryGib: z.number().check(z.positive(), z.maximum(24_576)),
    arch: z.enum(['x86_64', 'arm64']),
    // Burstable baseline, % of each vCPU sustainable without spending credits; null for fixed-performance.
    baselinePct: z.nullable(z.number().check(z.minimum(1), z.maximum(100))),
    usdPerHour: z.number().check(z.positive(), z.maximum(1000)),
  })
  .check(z.refine((i) => i.cores <= i.vcpu, { error: 'cores cannot exceed vcpu' }));

// When a price was last seen in its source: a day, or the month or year an undated-by-day source gives, or
// "undated" for a source that gives none (../shared/reference/aws-services.tsv, S8 and S10).
const AS_OF = /^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/;
const asOf = z
  .string()
  .check(z.regex(AS_OF, { error: 'asOf must be a date (YYYY, YYYY-MM or YYYY-MM-DD) or "undated"' }));
const source = z.string().check(z.minLength(1, { error: 'every price names its source' }));
const usd = (max: number) => z.number().check(z.nonnegative(), z.maximum(max));

/** One price with where it was read and when (../shared/reference/aws-services.tsv's source keys, S1–S13). */
const pricedSchema = z.object({ usd: usd(1000), source, asOf });

export const rdsClassSchema = z.object({
  class: z
    .string()
    .check(z.regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'class must look like db.t4g.micro' })),
  engine: z.enum(['postgresql', 'mysql']),
  // Multi-AZ: one synchronous standby (not the dearer Multi-AZ DB cluster).
  deployment: z.enum(['single-az', 'multi-az']),
  vcpu: z.int().check(z.minimum(1), z.maximum(448)),
  memoryGib: z.number().check(z.positive(), z.maximum(24_576)),
  usdPerHour: z.number().check(z.positive(), z.maximum(1000)),
  /** Derived (2 × Single-AZ), not read in a source. */
  computed: z.boolean(),
  source,
  asOf,
});

export const cacheNodeSchema = z.object({
  node: z
    .string()
    .check(z.regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'node must look like cache.t4g.micro' })),
  vcpu: z.int().check(z.minimum(1), z.maximum(448)),
  // The price list's node memory, before ElastiCache's reserved-memory-percent.
  memoryGib: z.number().check(z.positive(), z.maximum(24_576)),
  usdPerHour: z.number().check(z.positive(), z.maximum(1000)),
  source,
  asOf,
});

const count = z.int().check(z.positive());

/**
 * Everything beside EC2 that the bill prices (scripts/build-catalog.mjs from
 * ../shared/reference/aws-services.tsv).
 */
export const servicesSchema = z.object({
  region: z.string().check(z.minLength(1)),
  priceBasis: z.string().check(z.minLength(1)),
  sources: z.record(z.string().check(z.regex(/^S\d+$/)), z.object({ description: source, asOf })),
  rds: z.object({
    classes: z.array(rdsClassSchema).check(z.minLength(1, { error: 'the catalog lists no RDS classes' })),
    storage: z.object({
      gp3SingleAzUsdPerGbMonth: pricedSchema,
      gp3MultiAzUsdPerGbMonth: pricedSchema,
      includedIops: z.object({ below400Gib: count, from400Gib: count, source }),
    }),
  }),
  elasticache: z.object({
    nodes: z
      .array(cacheNodeSchema)
      .check(z.minLength(1, { error: 'the catalog lists no ElastiCache nodes' })),
  }),
  alb: z.object({
    usdPerHour: pricedSchema,
    usdPerLcuHour: pricedSchema,
    // What one LCU-hour covers, per dimension (the highest dimension is billed).
    lcu: z.object({
      newConnectionsPerSec: count,
      activeConnectionsPerMin: count,
      processedGbPerHour: z.number().check(z.positive()),
      ruleEvaluationsPerSec: count,
      source,
    }),
  }),
  ebs: z.object({
    gp3UsdPerGbMonth: pricedSchema,
    gp3UsdPerExtraIopsMonth: pricedSchema,
    gp3UsdPerExtraMibpsMonth: pricedSchema,
    includedIops: count,
    includedMibps: count,
    includedSource: source,
  }),
  // No 1-year Savings Plan rate was found (../shared/reference/aws-services.tsv, last row): the bill says so
  // instead of inventing one.
  savingsPlans: z.object({ found: z.boolean(), note: source }),
});

export const catalogSchema = z.object({
  schemaVersion: z.literal(1),
  source: z.string().check(z.minLength(1)),
  pricesAsOf: z
    .string()
    .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'pricesAsOf must be a date (YYYY-MM-DD)' })),
  region: z.string().check(z.minLength(1)),
  priceBasis: z.string().check(z.minLength(1)),
  hoursPerMonth: z.number().check(z.positive()),
  burstSurplusUsdPerVcpuHour: z.record(z.string(), z.number().check(z.nonnegative())),
  instances: z.array(instanceSchema).check(z.minLength(1, { error: 'the catalog lists no instance types' })),
  services: servicesSchema,
});

export type Instance = z.infer<typeof instanceSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
export type Services = z.infer<typeof servicesSchema>;
export type RdsClass = z.infer<typeof rdsClassSchema>;
export type CacheNode = z.infer<typeof cacheNodeSchema>;
export type Priced = z.infer<typeof pricedSchema>;

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; error: string };

type Issue = z.core.$ZodIssue;

// zod/mini ships no English messages (they would cost the first screen); phrase the common cases here.
function describe(issue: Issue | undefined): string {
  if (!issue) return 'unknown problem';
  // The schema's own words when it has them (zod/mini's default message is a bare "Invalid input").
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'invalid_value')
    return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  return issue.message;
}

/** Validates a fetched catalog file; the error names the first broken field (e.g. "instances[3].vcpu: ..."). */
export function parseCatalog(data: unknown): CatalogResult {
  const r = catalogSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : 'the top level';
    return { ok: false, error: `The instance catalog is invalid at ${where}: ${describe(issue)}.` };
  }
  const seen = new Set<string>();
  for (const i of r.data.instances) {
    if (seen.has(i.type)) return { ok: false, error: `The instance catalog lists ${i.type} twice.` };
    seen.add(i.type);
  }
  const { rds, elasticache } = r.data.services;
  for (const [k, c] of rds.classes.entries()) {
    const key = `${c.class} ${c.engine} ${c.deployment}`;
    if (seen.has(key))
      return { ok: false, error: `The instance catalog lists ${key} twice (services.rds.classes[${k}]).` };
    seen.add(key);
  }
  for (const [k, n] of elasticache.nodes.entries()) {
    if (seen.has(n.node))
      return {
        ok: false,
        error: `The instance catalog lists ${n.node} twice (services.elasticache.nodes[${k}]).`,
      };
    seen.add(n.node);
  }
  return { ok: true, catalog: r.data };
}

export const isBurstable = (i: Instance): boolean => i.baselinePct !== null;

/** The type is of the answers' architecture ('either' takes both). */
export const archMatches = (a: Answers, inst: Instance) =>
  a.arch === 'either' || (a.arch === 'arm' ? inst.arch === 'arm64' : inst.arch === 'x86_64');

/**
 * Memory the OS reports as MemTotal (MiB), below the nominal size because the kernel and firmware reserve some
 * (../shared/reference/sizing-facts.md, measured EC2 boxes):
 * 0.5 GiB → ~410, 1 → ~910, 2 → ~1870, 4 → ~3810, 8 → ~7750.
 * Between points we interpolate; above 8 GiB we keep the 8 GiB ratio (~94.6%).
 */
const VISIBLE_POINTS: ReadonlyArray<[number, number]> = [
  [0.5, 410],
  [1, 910],
  [2, 1870],
  [4, 3810],
  [8, 7750],
];

export function visibleMemoryMib(memoryGib: number): number {
  const first = VISIBLE_POINTS[0]!;
  const last = VISIBLE_POINTS[VISIBLE_POINTS.length - 1]!;
  if (memoryGib <= first[0]) return Math.round((first[1] / first[0]) * memoryGib);
  if (memoryGib >= last[0]) return Math.round((last[1] / last[0]) * memoryGib);
  for (let k = 1; k < VISIBLE_POINTS.length; k++) {
    const [g1, m1] = VISIBLE_POINTS[k]!;
    const [g0, m0] = VISIBLE_POINTS[k - 1]!;
    if (memoryGib <= g1) return Math.round(m0 + ((memoryGib - g0) / (g1 - g0)) * (m1 - m0));
  }
  return Math.round(memoryGib * 1024);
}
