// Builds public/catalog.json from the reference table (../shared/reference/ec2-instances.tsv).
// Usage: node scripts/build-catalog.mjs [path/to/ec2-instances.tsv]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsvPath = process.argv[2] ?? resolve(root, '../shared/reference/ec2-instances.tsv');

export function tsvToCatalog(text) {
  const rows = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const [header, ...data] = rows.map((l) => l.split('\t'));
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing from the TSV header`);
    return i;
  };
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
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalog = tsvToCatalog(readFileSync(tsvPath, 'utf8'));
  writeFileSync(resolve(root, 'public/catalog.json'), JSON.stringify(catalog, null, 1) + '\n');
  console.log(
    `public/catalog.json: ${catalog.instances.length} instance types, prices as of ${catalog.pricesAsOf}`,
  );
}
