import { describe, expect, it } from 'vitest';
import catalogJson from '../../public/catalog.json';
import { isBurstable, parseCatalog, visibleMemoryMib, type Catalog } from './catalog';

/** A deep copy of the shipped file, to break one thing at a time. */
const fresh = (): Record<string, unknown> & { instances: Array<Record<string, unknown>> } =>
  JSON.parse(JSON.stringify(catalogJson));

const errorOf = (data: unknown) => {
  const r = parseCatalog(data);
  if (r.ok) throw new Error('expected the catalog to be refused');
  return r.error;
};

describe('parseCatalog on the shipped public/catalog.json', () => {
  const r = parseCatalog(catalogJson);

  it('is valid', () => {
    expect(r.ok ? '' : r.error).toBe('');
  });

  const catalog = (r as { ok: true; catalog: Catalog }).catalog;

  it('lists the 70 types of sizing-facts, each once, with a month of 730 hours', () => {
    expect(catalog.instances).toHaveLength(70);
    expect(new Set(catalog.instances.map((i) => i.type)).size).toBe(70);
    expect(catalog.hoursPerMonth).toBe(730);
  });

  it('holds every type the guide names', () => {
    const types = new Set(catalog.instances.map((i) => i.type));
    for (const t of ['t3a.small', 't3a.medium', 't3a.large', 't3a.xlarge', 't3.medium'])
      expect(types.has(t), t).toBe(true);
    const families = new Set(catalog.instances.map((i) => i.family));
    for (const f of ['t3', 't3a', 't4g', 'm6i', 'c6g', 'c7g', 'r6g', 'r5'])
      expect(families.has(f), f).toBe(true);
  });

  it('gives x86 two threads per core and Graviton one (cores ≤ vCPU)', () => {
    for (const i of catalog.instances) {
      if (i.arch === 'x86_64') expect(i.cores * 2, i.type).toBe(i.vcpu);
      else expect(i.cores, i.type).toBe(i.vcpu);
    }
  });

  it('marks exactly the T families as burstable', () => {
    for (const i of catalog.instances) expect(isBurstable(i), i.type).toBe(/^t\d/.test(i.family));
  });
});

describe('parseCatalog on a broken file', () => {
  it('names a field of the wrong type, with its index', () => {
    const c = fresh();
    c.instances[3]!.vcpu = '4';
    expect(errorOf(c)).toBe('The instance catalog is invalid at instances[3].vcpu: expected number.');
  });

  it('names a missing field', () => {
    const c = fresh();
    delete c.instances[0]!.usdPerHour;
    expect(errorOf(c)).toBe('The instance catalog is invalid at instances[0].usdPerHour: expected number.');
  });

  it('names a missing top-level field', () => {
    const c = fresh();
    delete c.hoursPerMonth;
    expect(errorOf(c)).toMatch(/^The instance catalog is invalid at hoursPerMonth: /);
  });

  it('names an unknown architecture and lists the known ones', () => {
    const c = fresh();
    c.instances[5]!.arch = 'riscv';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at instances[5].arch: expected "x86_64" or "arm64".',
    );
  });

  it('refuses a type listed twice, naming it', () => {
    const c = fresh();
    c.instances.push({ ...c.instances[2]! });
    expect(errorOf(c)).toBe('The instance catalog lists t3.small twice.');
  });

  it.each([null, 'catalog', 42, [], true])('refuses %j: not an object', (data) => {
    expect(errorOf(data)).toMatch(/^The instance catalog is invalid at the top level: expected object\.$/);
  });

  it('refuses an unknown schema version', () => {
    const c = fresh();
    c.schemaVersion = 2;
    expect(errorOf(c)).toBe('The instance catalog is invalid at schemaVersion: expected 1.');
  });

  it('refuses an empty list and says so', () => {
    const c = fresh();
    c.instances = [];
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at instances: the catalog lists no instance types.',
    );
  });

  it('refuses a malformed type name, a non-date, a bad number, more cores than vCPUs', () => {
    let c = fresh();
    c.instances[0]!.type = 'T3 nano';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at instances[0].type: type must look like t3.small.',
    );
    c = fresh();
    c.pricesAsOf = 'April 2024';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at pricesAsOf: pricesAsOf must be a date (YYYY-MM-DD).',
    );
    c = fresh();
    c.instances[1]!.usdPerHour = -1;
    expect(errorOf(c)).toMatch(/^The instance catalog is invalid at instances\[1\]\.usdPerHour: /);
    c = fresh();
    c.instances[1]!.vcpu = 1.5;
    expect(errorOf(c)).toMatch(/^The instance catalog is invalid at instances\[1\]\.vcpu: /);
    c = fresh();
    c.instances[7]!.cores = 4; // t3a.nano has 2 vCPUs
    expect(errorOf(c)).toBe('The instance catalog is invalid at instances[7]: cores cannot exceed vcpu.');
  });
});

describe('the services section (what the bill prices)', () => {
  const shipped = parseCatalog(catalogJson);
  const services = (shipped as { ok: true; catalog: Catalog }).catalog.services;
  type Svc = Record<string, Record<string, unknown> & { classes: Array<Record<string, unknown>> }>;
  const freshServices = () => {
    const c = fresh();
    return { c, s: c.services as unknown as Svc };
  };

  it('holds the reference table: 86 RDS rows (23/20 PostgreSQL/MySQL classes × Single/Multi-AZ), 12 ElastiCache nodes', () => {
    const count = (engine: string, deployment: string) =>
      services.rds.classes.filter((c) => c.engine === engine && c.deployment === deployment).length;
    expect(count('postgresql', 'single-az')).toBe(23);
    expect(count('postgresql', 'multi-az')).toBe(23);
    expect(count('mysql', 'single-az')).toBe(20);
    expect(count('mysql', 'multi-az')).toBe(20);
    expect(services.elasticache.nodes).toHaveLength(12);
    // ../shared/reference/aws-services.tsv: db.t4g.micro PostgreSQL Single-AZ $0.016/h (S1; S13); ALB $0.0225/h +
    // $0.008/LCU-hour.
    const micro = services.rds.classes.find((c) => c.class === 'db.t4g.micro' && c.engine === 'postgresql')!;
    expect(micro).toMatchObject({ usdPerHour: 0.016, memoryGib: 1, source: 'S1; S13', asOf: '2026' });
    expect(services.alb.usdPerHour.usd).toBe(0.0225);
    expect(services.alb.usdPerLcuHour.usd).toBe(0.008);
    expect(services.ebs.gp3UsdPerGbMonth).toMatchObject({ usd: 0.08, asOf: '2024-07-01' });
  });

  it('gives every price a source and a date, and marks the derived Multi-AZ rows', () => {
    for (const c of services.rds.classes) {
      expect(c.source, c.class).not.toBe('');
      expect(c.computed, `${c.class} ${c.engine} ${c.deployment}`).toBe(c.source.startsWith('COMPUTED'));
      if (c.deployment === 'single-az') expect(c.computed).toBe(false);
    }
    // Every source key a row cites is described in the sources table.
    const cited = services.rds.classes.flatMap((c) => c.source.match(/S\d+/g) ?? []);
    for (const k of cited) expect(services.sources[k], k).toBeDefined();
  });

  it('says that no Savings Plan rate was found, rather than carrying one', () => {
    expect(services.savingsPlans.found).toBe(false);
    expect(services.savingsPlans.note).toMatch(/NOT FOUND/);
  });

  it('names the broken field of a broken services section', () => {
    let { c, s } = freshServices();
    s.rds!.classes[2]!.usdPerHour = 'cheap';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at services.rds.classes[2].usdPerHour: expected number.',
    );
    ({ c, s } = freshServices());
    (s.alb!.usdPerLcuHour as Record<string, unknown>).source = '';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at services.alb.usdPerLcuHour.source: every price names its source.',
    );
    ({ c, s } = freshServices());
    (s.ebs!.gp3UsdPerGbMonth as Record<string, unknown>).asOf = 'last spring';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at services.ebs.gp3UsdPerGbMonth.asOf: asOf must be a date (YYYY, YYYY-MM or YYYY-MM-DD) or "undated".',
    );
    ({ c, s } = freshServices());
    s.rds!.classes[0]!.deployment = 'triple-az';
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at services.rds.classes[0].deployment: expected "single-az" or "multi-az".',
    );
    ({ c, s } = freshServices());
    (s.elasticache as unknown as { nodes: unknown[] }).nodes = [];
    expect(errorOf(c)).toBe(
      'The instance catalog is invalid at services.elasticache.nodes: the catalog lists no ElastiCache nodes.',
    );
    ({ c } = freshServices());
    delete (c as Record<string, unknown>).services;
    expect(errorOf(c)).toBe('The instance catalog is invalid at services: expected object.');
  });

  it('refuses an RDS class or a cache node listed twice, naming it', () => {
    let { c, s } = freshServices();
    s.rds!.classes.push({ ...s.rds!.classes[0]! });
    expect(errorOf(c)).toBe(
      'The instance catalog lists db.t4g.micro postgresql single-az twice (services.rds.classes[86]).',
    );
    ({ c, s } = freshServices());
    const nodes = (s.elasticache as unknown as { nodes: unknown[] }).nodes;
    nodes.push(nodes[1]);
    expect(errorOf(c)).toBe(
      'The instance catalog lists cache.t4g.small twice (services.elasticache.nodes[12]).',
    );
  });
});

describe('visibleMemoryMib', () => {
  it.each([
    [0.5, 410],
    [1, 910],
    [2, 1870],
    [4, 3810],
    [8, 7750],
  ])('matches the measured EC2 point %d GiB → %d MiB', (gib, mib) => {
    expect(visibleMemoryMib(gib)).toBe(mib);
  });

  it('interpolates between points and scales outside them', () => {
    expect(visibleMemoryMib(3)).toBe(2840); // (1870 + 3810) / 2
    expect(visibleMemoryMib(6)).toBe(5780); // (3810 + 7750) / 2
    expect(visibleMemoryMib(0.25)).toBe(205); // 410 / 0.5 × 0.25
    expect(visibleMemoryMib(16)).toBe(15_500); // 7750 / 8 × 16
    expect(visibleMemoryMib(128)).toBe(124_000); // 7750 / 8 × 128
  });

  it('is always below the nominal size and grows with it', () => {
    let last = 0;
    for (const gib of [0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 16, 32, 64, 128]) {
      const v = visibleMemoryMib(gib);
      expect(v).toBeLessThan(gib * 1024);
      expect(v).toBeGreaterThan(last);
      last = v;
    }
  });
});
