// Builds public/catalog.json from the reference tables: EC2 from ../shared/reference/ec2-instances.tsv, and the
// services the bill prices (RDS, ElastiCache, ALB, EBS gp3, RDS storage) from ../shared/reference/aws-services.tsv.
// Usage: node scripts/build-catalog.mjs [path/to/ec2-instances.tsv] [path/to/aws-services.tsv]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsvPath = process.argv[2] ?? resolve(root, '../shared/reference/ec2-instances.tsv');
const servicesPath = process.argv[3] ?? resolve(root, '../shared/reference/aws-services.tsv');

function table(text) {
  const rows = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const [header, ...data] = rows.map((l) => l.split('\t'));
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing from the TSV header`);
    return i;
  };
  return { data, col };
}

export function tsvToCatalog(text, servicesText) {
  const { data, col } = table(text);
  const instances = data.map((r) => ({
    type: r[col('type')],
    family: r[col('family')],
    vcpu: Number(r[col('vcpu')]),
    cores: Number(r[col('cores')]),
    memoryGib: Number(r[col('memory_gib')]),
    arch: r[col('arch')],
    baselinePct: r[col('baseline_pct_per_vcpu')] === '' ? null : Number(r[col('baseline_pct_per_vcpu')]),
    usdPerHour: Number(r[col('usd_per_hour')]),
  }));
  return {
    schemaVersion: 1,
    source:
      'vantage-sh/ec2instances.info data (opszero-app/instances.json); spot checks in 2026 (t3.micro 0.0104, t3.large 0.0832, m7g.large 0.0816) match. Cores: AWS EC2 user guide, CPU options. Baseline: AWS user guide, burstable credits baseline.',
    pricesAsOf: '2024-04-04',
    region: 'us-east-1',
    priceBasis: 'On-demand Linux, USD per hour',
    hoursPerMonth: 730,
    // T families run in unlimited mode by default; CPU above baseline is billed per vCPU-hour (AWS pricing).
    burstSurplusUsdPerVcpuHour: { t3: 0.05, t3a: 0.05, t4g: 0.04 },
    instances,
    services: servicesText === undefined ? undefined : servicesToCatalog(servicesText),
  };
}

/**
 * When each source key of ../shared/reference/aws-services.tsv was written or checked (its header says so; undated
 * sources have none). A price's `asOf` is the newest date among the sources that give it: the last time it was
 * seen.
 */
const SOURCE_DATES = {
  S1: '2022-01-18',
  S2: '2022-05-17',
  S3: '2026-05-03',
  S4: '2022-06-21',
  S5: '2024-07-01',
  S6: '2026-09-20',
  S7: '2024-02-02',
  S9: '2026-09-25',
  S11: '2026-04',
  S12: '2023',
  S13: '2026',
};

/** The header's "# S1  text / #     continued" blocks, one description per key. */
function sourceKeys(text) {
  const out = {};
  let key;
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) continue;
    const m = /^# (S\d+)\s+(.*)$/.exec(line);
    if (m) {
      key = m[1];
      out[key] = { description: m[2].trim(), asOf: SOURCE_DATES[key] ?? 'undated' };
    } else if (key && /^#\s{3,}/.test(line)) out[key].description += ' ' + line.slice(1).trim();
    else key = undefined;
  }
  return out;
}

function asOfFor(source, keys) {
  const dates = [...source.matchAll(/S\d+/g)]
    .map((m) => keys[m[0]]?.asOf)
    .filter((d) => d && d !== 'undated');
  // A value read only in an undated source (S8, S10) says so rather than borrowing another row's date.
  if (!dates.length) return 'undated';
  // Dates of different precision (2026, 2026-04, 2026-05-03) compare as text by their year first.
  return dates
    .sort((a, b) =>
      a.slice(0, 7) < b.slice(0, 7) ? -1 : a.slice(0, 7) > b.slice(0, 7) ? 1 : a.length - b.length,
    )
    .at(-1);
}

export function servicesToCatalog(text) {
  const { data, col } = table(text);
  const keys = sourceKeys(text);
  const get = (r, name) => r[col(name)];
  // The engine column carries caveats ("PostgreSQL gp3 not separately verified"): they travel with the source.
  const priced = (r, usd) => ({
    usd,
    source: get(r, 'engine') === '-' ? get(r, 'source') : `${get(r, 'source')}; engine: ${get(r, 'engine')}`,
    asOf: asOfFor(get(r, 'source'), keys),
  });
  const row = (service, cls, deployment) => {
    const r = data.find(
      (x) => get(x, 'service') === service && get(x, 'class') === cls && get(x, 'deployment') === deployment,
    );
    if (!r) throw new Error(`aws-services.tsv has no row ${service} / ${cls} / ${deployment}`);
    return r;
  };
  const value = (r) => Number(get(r, 'value'));
  const rds = data
    .filter((r) => get(r, 'service') === 'RDS')
    .map((r) => ({
      class: get(r, 'class'),
      engine: { PostgreSQL: 'postgresql', MySQL: 'mysql' }[get(r, 'engine')],
      deployment: { 'Single-AZ': 'single-az', 'Multi-AZ': 'multi-az' }[get(r, 'deployment')],
      vcpu: Number(get(r, 'vcpu')),
      memoryGib: Number(get(r, 'memory_gib')),
      usdPerHour: Number(get(r, 'usd_per_hour')),
      computed: get(r, 'source').startsWith('COMPUTED'),
      source: get(r, 'source'),
      asOf: asOfFor(get(r, 'source'), keys),
    }));
  const nodes = data
    .filter((r) => get(r, 'service') === 'ElastiCache')
    .map((r) => ({
      node: get(r, 'class'),
      vcpu: Number(get(r, 'vcpu')),
      memoryGib: Number(get(r, 'memory_gib')),
      usdPerHour: Number(get(r, 'usd_per_hour')),
      source: get(r, 'source'),
      asOf: asOfFor(get(r, 'source'), keys),
    }));
  const alb = row('ALB', 'load balancer', 'per ALB');
  const lcu = row('ALB', 'LCU', 'per LCU-hour');
  const lcuIncludes = (what) => value(row('ALB', 'LCU includes', what));
  const lcuRow = row('ALB', 'LCU includes', 'new connections');
  const gp3 = row('EBS', 'gp3', 'storage');
  const gp3Iops = row('EBS', 'gp3', 'extra IOPS');
  const gp3Mibps = row('EBS', 'gp3', 'extra throughput');
  const gp3Included = row('EBS', 'gp3', 'included performance');
  const rdsGp3Single = row('RDS storage', 'gp3', 'Single-AZ');
  const rdsGp3Multi = row('RDS storage', 'gp3', 'Multi-AZ');
  const rdsIncluded = row('RDS storage', 'gp3', 'included IOPS');
  const sp = data.find((r) => get(r, 'service') === 'Savings Plans');
  if (!sp) throw new Error('aws-services.tsv has no Savings Plans row');
  const [iops, mibps] = get(gp3Included, 'value').match(/\d+/g).map(Number);
  const [below400, from400] = get(rdsIncluded, 'value')
    .match(/\d+/g)
    .filter((n) => n !== '400')
    .map(Number);
  return {
    region: 'us-east-1',
    priceBasis:
      'On-demand, USD; RDS for PostgreSQL / MySQL (no license), ElastiCache Redis OSS, Application Load Balancer, EBS gp3',
    sources: keys,
    rds: {
      classes: rds,
      storage: {
        gp3SingleAzUsdPerGbMonth: priced(rdsGp3Single, value(rdsGp3Single)),
        gp3MultiAzUsdPerGbMonth: priced(rdsGp3Multi, value(rdsGp3Multi)),
        includedIops: { below400Gib: below400, from400Gib: from400, source: get(rdsIncluded, 'source') },
      },
    },
    elasticache: { nodes },
    alb: {
      usdPerHour: priced(alb, Number(get(alb, 'usd_per_hour'))),
      usdPerLcuHour: priced(lcu, Number(get(lcu, 'usd_per_hour'))),
      lcu: {
        newConnectionsPerSec: lcuIncludes('new connections'),
        activeConnectionsPerMin: lcuIncludes('active connections'),
        processedGbPerHour: lcuIncludes('processed bytes'),
        ruleEvaluationsPerSec: lcuIncludes('rule evaluations'),
        source: get(lcuRow, 'source'),
      },
    },
    ebs: {
      gp3UsdPerGbMonth: priced(gp3, value(gp3)),
      gp3UsdPerExtraIopsMonth: priced(gp3Iops, value(gp3Iops)),
      gp3UsdPerExtraMibpsMonth: priced(gp3Mibps, value(gp3Mibps)),
      includedIops: iops,
      includedMibps: mibps,
      includedSource: get(gp3Included, 'source'),
    },
    savingsPlans: {
      found: get(sp, 'value') !== 'NOT FOUND',
      note: `${get(sp, 'deployment')}: ${get(sp, 'value')} — ${get(sp, 'unit')} (aws-services.md, "Savings Plans and reservations": only "up to 66%/72%" marketing maxima for 3-year all-upfront plans exist, which are not 1-year rates; RDS is not covered by Savings Plans).`,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalog = tsvToCatalog(readFileSync(tsvPath, 'utf8'), readFileSync(servicesPath, 'utf8'));
  writeFileSync(resolve(root, 'public/catalog.json'), JSON.stringify(catalog, null, 1) + '\n');
  const s = catalog.services;
  console.log(
    `public/catalog.json: ${catalog.instances.length} instance types, prices as of ${catalog.pricesAsOf}; ` +
      `${s.rds.classes.length} RDS classes, ${s.elasticache.nodes.length} ElastiCache nodes, ALB, EBS gp3`,
  );
}
