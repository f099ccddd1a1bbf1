import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersArb } from '../testing/arbitraries';
import { A, catalog } from '../testing/fixtures';
import type { Answers } from './answers';
import { archMatches, type Catalog, type Instance } from './catalog';
import { demand } from './demand';
import { ebsPerBoxGb } from './ebs';
import { generateAll } from './generators/bundle';
import { generateReport } from './generators/report';
import { productionTarget } from './generators/target';
import { choose, evaluateAll, evaluateToChoice, SPARE_BOXES } from './instance';
import { visibleAndLimit } from './memory';
import { mysqlPlan } from './mysql';
import { postgresPlan } from './postgres';
import { recommend, singleBoxWarnings } from './recommend';
import { redisPlan } from './redis';
import { setupSteps } from './setupSteps';
import { fmt, usd } from './reasoned';
import { summarize } from './summary';
import { sustainedVcpu } from './triggers';

/**
 * "Never contradict ourselves" (issue 10.3): the chosen instance, its warnings, upgrade triggers, load test and
 * bill agree, for any schema-valid answers (src/testing/arbitraries.ts). Each statement is a property.
 */
const RUNS = 300;
const prop = (
  name: string,
  check: (rec: ReturnType<typeof recommend>, user: Answers) => void,
  numRuns = RUNS,
) =>
  it(name, () => {
    fc.assert(
      fc.property(answersArb, (a) => check(recommend(a, catalog), a)),
      { numRuns },
    );
  });

describe('memory: the warning and the chooser use one limit', () => {
  prop(
    'the warning fires exactly when the budget passes the chooser’s limit or that limit caps the workers',
    (rec) => {
      const { memory, plan } = rec.chosen;
      const w = rec.warnings.find((x) => x.id === 'memory');
      const over = memory.totalMib > memory.limitMib;
      expect(Boolean(w)).toBe(over || plan.memoryCap < plan.baseWorkers);
      if (w) expect(w.severity).toBe(over ? 'danger' : 'info');
      // A box the chooser accepted is never over its limit (so never a memory danger).
      if (rec.choice.fits) expect(over).toBe(false);
    },
  );

  prop('reclaimable page cache is shown as such, never in the "used" percentage', (rec) => {
    const { memory } = rec.chosen;
    const cache = memory.items.filter((i) => i.reclaimable).reduce((s, i) => s + i.mib, 0);
    expect(memory.reclaimableMib).toBe(cache);
    expect(memory.usedMib).toBe(memory.totalMib - cache);
    expect(memory.usedShare).toBeCloseTo(memory.usedMib / memory.visibleMib, 12);
    const w = rec.warnings.find((x) => x.id === 'memory');
    if (w) {
      expect(w.title).toContain(`(${fmt(memory.usedShare * 100, 0)}% of ${fmt(memory.visibleMib)} MB used)`);
      if (cache) expect(w.detail).toContain(`${fmt(cache)} MB of page cache the OS hands back`);
    }
    const trigger = rec.triggers.find((t) => t.signal.startsWith('Memory'))!;
    expect(trigger.expected).toMatch(new RegExp(`^${fmt(memory.usedMib)} of `));
  });
});

/**
 * The shipped catalog has few same-price pairs a user could be offered (r5/r6i are identical; m7i.large ties
 * r6g.large, but m6g.large is cheaper than both), so the tie rule is also tried on a catalog where every m6g
 * type costs what the c6g of its size costs: same vCPUs, twice the memory, so the c6g may show a memory note
 * the m6g does not.
 */
const tied: Catalog = {
  ...catalog,
  instances: catalog.instances.map((i) => {
    if (i.family !== 'm6g') return i;
    const twin = catalog.instances.find((c) => c.type === i.type.replace('m6g', 'c6g'));
    return twin ? { ...i, usdPerHour: twin.usdPerHour } : i;
  }),
};

describe('a cheaper or same-price type that removes a warning is the recommendation', () => {
  it('no feasible type of the user’s architecture at the chosen price or less shows only a subset of its warnings', () => {
    let compared = 0;
    fc.assert(
      fc.property(answersArb, fc.constantFrom('shipped', 'tied'), (a, which) => {
        const cat = which === 'tied' ? tied : catalog;
        const rec = recommend(a, cat);
        if (!rec.choice.fits) return; // a fleet: no single type carries the peak
        const d = demand(a);
        // The answers the boxes were sized for (behind an ALB, shared services moved off).
        const sized = rec.answers;
        const mine = new Set(rec.warnings.map((w) => w.id));
        // The helper choose() ranks by gives the chosen type's own warnings.
        expect(singleBoxWarnings(sized, d, rec.chosen, cat).map((w) => w.id)).toEqual([...mine]);
        const price = rec.chosen.instance.usdPerHour;
        for (const e of evaluateAll(sized, d, cat)) {
          if (e.instance.type === rec.chosen.instance.type || e.instance.usdPerHour > price) continue;
          if (!e.feasible || !archMatches(a, e.instance)) continue;
          compared++;
          const theirs = new Set(singleBoxWarnings(sized, d, e, cat).map((w) => w.id));
          const subset = [...theirs].every((id) => mine.has(id));
          expect(subset && theirs.size < mine.size, `${e.instance.type} vs ${rec.chosen.instance.type}`).toBe(
            false,
          );
        }
      }),
      { numRuns: RUNS },
    );
    // Same-price types must actually be met, or the property proves nothing.
    expect(compared).toBeGreaterThan(0);
  });

  it('evaluating only the types the choice reads picks what evaluating all of them picks', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom('shipped', 'tied'), (a, which) => {
        const cat = which === 'tied' ? tied : catalog;
        const d = demand(a);
        const ties = (e: Parameters<typeof singleBoxWarnings>[2]) =>
          singleBoxWarnings(a, d, e, cat).map((w) => w.id);
        const all = choose(a, d, evaluateAll(a, d, cat), cat, ties);
        const some = choose(a, d, evaluateToChoice(a, d, cat), cat, ties);
        expect([some.chosen.instance.type, some.scaleOut, some.fits]).toEqual([
          all.chosen.instance.type,
          all.scaleOut,
          all.fits,
        ]);
      }),
      { numRuns: RUNS },
    );
  });

  it('hand-made tie: c6g.xlarge and m6g.xlarge at one price, 2 GB workers → m6g.xlarge, whose memory holds one per vCPU', () => {
    // 400 users: 39.2/s × 60% dynamic × 80 ms = 1.88 vCPU, past 70% of any 2-vCPU type and t4g.xlarge's 1.6
    // baseline. gthread (60% I/O → 3 threads): one worker per vCPU = 4. c6g.xlarge: 8 GiB → 6,587 MB limit;
    // 150 OS + 25 nginx + 30 master + 74 Redis = 279 MB fixed; (6,587 − 279) / (2,000 + 2 × 1) = 3.2 → 3 < 4: a
    // memory note. m6g.xlarge (16 GiB, 13,175 MB): (13,175 − 279) / 2,002 = 6.4 → 6, 4 run (279 + 4 × 2,002 =
    // 8,287 MB): no note. Without the tie rule the name order would pick c6g.xlarge.
    const a = { ...A(), workerMemoryMb: 2000, concurrentUsers: 400 };
    const rec = recommend(a, tied);
    expect(rec.chosen.instance.type).toBe('m6g.xlarge');
    expect(rec.chosen.memory.totalMib).toBe(8287);
    expect(rec.choice.reason).toMatch(/fewest warnings \(\d+; c6g\.xlarge has \d+\)/);
    expect(rec.warnings.map((w) => w.id)).not.toContain('memory');
  });
});

describe('upgrade triggers name a type that adds what is short', () => {
  prop(
    'CPU → a quarter more sustained vCPU (vCPUs or baseline), memory → a quarter more memory, neither losing the other, a steady box never sent to a burstable one',
    (rec) => {
      const from = rec.chosen.instance;
      const find = (t: string | undefined) => catalog.instances.find((i) => i.type === t);
      const [cpu, mem] = [rec.triggers[0]!, rec.triggers[1]!];
      expect(cpu.signal).toMatch(/^CPU/);
      expect(mem.signal).toMatch(/^Memory/);
      const kindOk = (i: Instance) => from.baselinePct !== null || i.baselinePct === null;
      const addsCpu = (i: Instance) =>
        i.arch === from.arch &&
        kindOk(i) &&
        sustainedVcpu(i) >= 1.25 * sustainedVcpu(from) &&
        i.memoryGib >= from.memoryGib;
      const addsMemory = (i: Instance) =>
        i.arch === from.arch &&
        kindOk(i) &&
        i.memoryGib >= 1.25 * from.memoryGib &&
        sustainedVcpu(i) >= sustainedVcpu(from);
      const up = find(cpu.moveTo);
      if (up) {
        expect(addsCpu(up)).toBe(true);
        expect(cpu.action).toContain(rec.fleet.asg ? `move every box to ${up.type} ` : `Move to ${up.type} `);
      } else if (!rec.fleet.asg) expect(cpu.action).toMatch(/^Move to a second instance/);
      const more = find(mem.moveTo);
      if (more) {
        expect(addsMemory(more)).toBe(true);
        expect(mem.action).toContain(
          rec.fleet.asg ? `move the launch template to ${more.type} ` : `move to ${more.type} `,
        );
      } else if (!rec.fleet.asg) expect(mem.action).toContain('move to a second instance');
      // The cheapest such type: none cheaper adds it; with none named, no type adds it at all.
      for (const i of catalog.instances) {
        if (!up || i.usdPerHour < up.usdPerHour) expect(addsCpu(i)).toBe(false);
        if (!more || i.usdPerHour < more.usdPerHour) expect(addsMemory(i)).toBe(false);
      }
    },
  );
});

describe('the load-test text matches its numbers', () => {
  prop(
    '"≈ one minute of peak" only when it is; a floor or a cap is said, with the minute it replaced',
    (rec) => {
      const t = rec.loadTest;
      const minute = Math.ceil(rec.perInstance.dynamicRps.value * 60);
      expect(t.minuteOfPeak).toBe(minute);
      expect(t.ab).toMatch(new RegExp(`^ab -n ${t.requests.value} -c ${t.concurrency.value} -k `));
      expect(t.wrk).toContain(` -c${t.concurrency.value} `);
      const claim = /([\d,]+) requests ≈ one minute of peak/.exec(t.explanation);
      if (t.requests.value === minute) expect(claim?.[1]).toBe(fmt(minute));
      else {
        expect(claim).toBeNull();
        expect(t.explanation).toMatch(/useful minimum|the cap/);
        expect(t.explanation).toContain(
          `one minute of peak dynamic traffic ${t.requests.value < minute ? 'would be' : 'is only'} ${fmt(minute)}`,
        );
      }
      const wanted = Math.ceil(rec.perInstance.inFlight.value * 1.5);
      if (t.concurrency.value === wanted) expect(t.explanation).toMatch(/^[\d,]+ connections ≈ 1\.5× the /);
      else
        expect(t.explanation).toContain(
          `would be ${wanted < t.concurrency.value ? 'only ' : ''}${fmt(wanted)})`,
        );
    },
  );
});

describe('the bill', () => {
  prop(
    'its total is the sum of its lines, and the fleet’s instance line is boxes × the chosen type’s price',
    (rec) => {
      const { bill, choice, chosen } = rec;
      let sum = 0;
      for (const l of bill.lines) sum += l.usdPerMonth;
      expect(bill.onDemandUsdPerMonth.value).toBeCloseTo(sum, 6);
      const ec2 = bill.lines.find((l) => l.id === 'instances')!;
      const expected = choice.scaleOut * chosen.instance.usdPerHour * catalog.hoursPerMonth;
      expect(ec2.usdPerMonth).toBeCloseTo(expected, 6);
      expect(bill.instances.usdPerMonth).toBe(ec2.usdPerMonth);
      expect(bill.instances.boxes).toBe(choice.scaleOut);
    },
  );

  prop(
    'has a line for everything the plan runs, each with its source and date, and no invented Savings Plan rate',
    (rec) => {
      const { bill, answers: sized, choice } = rec;
      const has = (id: string) => bill.lines.some((l) => l.id === id);
      expect(has('rds') && has('rds-storage')).toBe(sized.dbLocation === 'managed');
      expect(has('elasticache')).toBe(sized.redis === 'managed');
      expect(has('alb-hours') && has('alb-lcu')).toBe(choice.scaleOut > 1 || sized.lb === 'alb');
      expect(has('ebs')).toBe(true);
      expect(has('burst-surplus')).toBe(rec.chosen.cpu.surplusUsdPerMonth > 0);
      for (const l of bill.lines) {
        expect(l.usdPerMonth, l.id).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(l.usdPerMonth), l.id).toBe(true);
        expect(l.source, l.id).not.toBe('');
        expect(l.asOf, l.id).toMatch(/^(\d{4}(-\d{2}(-\d{2})?)?|undated)$/);
        expect(l.savingsPlanUsdPerMonth).toBeNull();
      }
      expect(bill.savingsPlan.usdPerMonth).toBeNull();
      // The RDS class the bill pays for is the one the connection warning measures against.
      if (bill.rds) expect(rec.database.rdsMemoryGib).toBe(bill.rds.rdsClass.memoryGib);
      // A PgBouncer alternative is only named: cheaper, for PostgreSQL, when the class held every connection.
      const alt = bill.rds?.pooledAlternative;
      if (bill.rds && alt) {
        expect(sized.dbEngine).toBe('postgresql');
        expect(bill.rds.connectionsFit).toBe(true);
        expect(rec.pgbouncer).toBeNull();
        expect(alt.rdsClass.usdPerHour).toBeLessThan(bill.rds.rdsClass.usdPerHour);
        expect(alt.serverConnections).toBeLessThan(rec.connections.total.value);
        expect(bill.rds.reason).toContain(`${usd(alt.usdPerMonthLess)}/month less`);
      }
    },
  );
});

describe('every box and price the plan states agrees with the bill', () => {
  prop(
    'the bill’s web boxes are the Auto Scaling group’s minimum: the peak’s on the instance line, the spare on its own; disks for all',
    (rec, user) => {
      const { bill, choice, chosen, fleet } = rec;
      const h = catalog.hoursPerMonth;
      const price = chosen.instance.usdPerHour;
      const line = (id: string) => bill.lines.find((l) => l.id === id);
      const n = choice.scaleOut;
      const running = fleet.asg ? fleet.asg.min.value : n;
      // The whole bill's web EC2 boxes = what the group runs at its minimum (one box without a group).
      expect(bill.instances.boxes + (bill.spare?.boxes ?? 0)).toBe(running);
      expect(bill.instances.boxes).toBe(n);
      expect(line('instances')!.usdPerMonth).toBeCloseTo(n * price * h, 6);
      const spare = line('spare-instances');
      expect(Boolean(spare)).toBe(Boolean(fleet.asg));
      expect(bill.spare?.usdPerMonth).toBe(spare?.usdPerMonth);
      if (fleet.asg && spare) {
        expect(fleet.asg.min.value - n).toBe(SPARE_BOXES);
        expect(spare.usdPerMonth).toBeCloseTo(SPARE_BOXES * price * h, 6);
        expect(spare.label).toContain(`minimum of ${fleet.asg.min.value}`);
        // The group's own reason prices the spare as the bill does.
        expect(fleet.asg.min.reason).toContain(`The spare costs ${usd(spare.usdPerMonth)}/month`);
      }
      // Every box the group runs has its disk.
      const gb = ebsPerBoxGb(rec.answers).value;
      expect(line('ebs')!.usdPerMonth).toBeCloseTo(
        running * gb * catalog.services.ebs.gp3UsdPerGbMonth.usd,
        6,
      );
      // One box without a group: the note prices the plan with redundancy as this tool recommends it (the same
      // answers behind an ALB), whole bill against whole bill.
      if (fleet.singleBoxNote) {
        const ours = bill.onDemandUsdPerMonth.value;
        const theirs = recommend({ ...user, lb: 'alb' }, catalog).bill.onDemandUsdPerMonth.value;
        expect(fleet.singleBoxNote).toContain(
          `: ${usd(theirs)}/month in all, ${usd(Math.abs(theirs - ours))} ${theirs >= ours ? 'more' : 'less'} than this plan’s ${usd(ours)}${theirs < ours ? ': redundant and cheaper, so answer “Load balancer: always”.' : '.'}`,
        );
      }
      // The database's connections count every box the group runs (each box's own database: one box's).
      const onDb = rec.answers.dbLocation === 'here' ? 1 : running;
      expect(rec.connections.boxes).toBe(onDb);
      if (bill.rds) expect(bill.rds.connectionsNeeded).toBe(rec.connections.total.value);
      const dbTrigger = rec.triggers[2]!;
      expect(dbTrigger.expected).toContain(`${fmt(rec.connections.total.value)} connections`);
      if (onDb > 1) expect(dbTrigger.expected).toContain(`(${onDb} boxes`);
      // At peak: the boxes the group's CPU-target reason says it grows to, each with its connections.
      const grown = fleet.asg && onDb > 1 ? fleet.asg.atPeak : 0;
      if (grown > onDb) {
        const atPeak = rec.connections.total.value + (grown - onDb) * rec.connections.perBox.value;
        expect(dbTrigger.expected).toContain(
          `, ${fmt(atPeak)} when the group grows to ${grown} boxes at peak`,
        );
        expect(fleet.asg!.cpuTargetPct.reason).toContain(`grows to about ${grown} at peak`);
      } else expect(dbTrigger.expected).not.toContain('grows');
      // The scale-out reason gives the peak boxes' price (when a fleet carries the peak) and the spare's.
      if (!choice.fits) {
        if (chosen.feasible)
          expect(choice.reason).toContain(
            `Run ${n} × ${chosen.instance.type} behind a load balancer (${usd(n * price * h)}/month)`,
          );
        expect(choice.reason).toContain(
          `keeps ${SPARE_BOXES} spare beside them (${usd(spare!.usdPerMonth)}/month more`,
        );
      }
    },
  );

  prop('the summary’s figures are the bill’s lines', (rec) => {
    const s = summarize(rec);
    const { bill } = rec;
    const line = (id: string) => bill.lines.find((l) => l.id === id);
    expect(s.instances).toBe(bill.instances.boxes);
    expect(s.spareInstances).toBe(bill.spare?.boxes ?? 0);
    expect(s.usdPerMonth.value).toBe(line('instances')!.usdPerMonth);
    expect(s.usdPerHour).toBeCloseTo(bill.instances.boxes * rec.chosen.instance.usdPerHour, 9);
    expect(s.billUsdPerMonth.value).toBe(bill.onDemandUsdPerMonth.value);
    const spare = line('spare-instances');
    if (spare) expect(s.usdPerMonth.reason).toContain(`keeps ${s.spareInstances} spare beside`);
    if (spare) expect(s.usdPerMonth.reason).toContain(`${usd(spare.usdPerMonth)}/month more`);
    else expect(s.usdPerMonth.reason).not.toContain('spare');
    // The total's reason names every line with its price.
    for (const l of bill.lines)
      expect(bill.onDemandUsdPerMonth.reason).toContain(`${usd(l.usdPerMonth)} ${l.label}`);
  });

  let movedCelery = 0;
  prop(
    'Celery moved off by a scale-out or a load balancer is a line of the bill, on a box that holds it, named as the reason names it',
    (rec, user) => {
      const { bill, choice } = rec;
      const line = bill.lines.find((l) => l.id === 'celery');
      const moved = user.celery === 'here' && (!choice.fits || user.lb === 'alb');
      expect(Boolean(bill.celery)).toBe(moved);
      expect(Boolean(line)).toBe(moved);
      expect(choice.reason.includes('Celery → its own instance')).toBe(moved);
      if (!bill.celery || !line) return;
      movedCelery++;
      const c = bill.celery;
      expect(line.usdPerMonth).toBe(c.usdPerMonth);
      const h = catalog.hoursPerMonth;
      const gp3 = catalog.services.ebs.gp3UsdPerGbMonth.usd;
      expect(c.usdPerMonth).toBeCloseTo(c.boxes * (c.instance.usdPerHour * h + c.diskGb * gp3), 6);
      expect(choice.reason).toContain(
        `Celery → its own instance (${c.boxes > 1 ? `${c.boxes} × ` : ''}${c.instance.type}, ${usd(c.usdPerMonth)}/month with its disk`,
      );
      // Every process has a place: memory within the limit, CPU within what the type sustains.
      expect(c.boxes * c.perBox).toBeGreaterThanOrEqual(user.celeryConcurrency);
      expect(c.memoryMib).toBeLessThanOrEqual(visibleAndLimit(c.instance).limitMib);
      expect(c.vcpu).toBeLessThanOrEqual(sustainedVcpu(c.instance) + 1e-9);
      expect(archMatches(user, c.instance)).toBe(true);
    },
  );
  // The answers must reach a scale-out or an ALB with Celery on the box, or the property proves nothing.
  it('met Celery moved off the web boxes', () => expect(movedCelery).toBeGreaterThan(0));

  prop(
    'the report states the bill’s figures: the instance line as the cost, every line, the total',
    (rec) => {
      // The free-text answers do not touch the bill; the defaults keep every deploy target valid.
      const { domain, djangoModule, appDir, staticRoot, mediaRoot, appUser } = A();
      const safe = {
        ...rec,
        answers: { ...rec.answers, domain, djangoModule, appDir, staticRoot, mediaRoot, appUser },
      };
      const md = generateReport(safe, productionTarget(safe));
      const { bill } = rec;
      expect(md).toContain(`- **Cost:** ${usd(bill.instances.usdPerMonth)}/month`);
      expect(md).toContain(`- **Whole bill (on demand):** ${usd(bill.onDemandUsdPerMonth.value)}/month`);
      // On demand and the 1-year Savings Plan side by side; no published rate, so the bill's words, never a figure.
      const sp = bill.savingsPlan.text;
      for (const l of bill.lines) expect(md).toContain(`| ${l.label} | ${usd(l.usdPerMonth)} | ${sp} |`);
      expect(md).toContain(`| Total | ${usd(bill.onDemandUsdPerMonth.value)} | ${sp} |`);
    },
    40,
  );
});

describe('a load balancer’s boxes are copies: nothing on them that there must be one of', () => {
  let behind = 0;
  prop(
    'behind an ALB no box keeps a database, Redis or Celery; each one the user put on the box is named as moved and billed',
    (rec, user) => {
      if (!rec.fleet.asg) {
        expect(rec.choice.movedOff).toEqual([]);
        return;
      }
      const sized = rec.answers;
      expect([sized.dbLocation, sized.redis, sized.celery]).not.toContain('here');
      // The free-text answers do not touch which files there are; the defaults keep every deploy target valid.
      const { domain, djangoModule, appDir, staticRoot, mediaRoot, appUser } = A();
      const safe = {
        ...rec,
        answers: { ...sized, domain, djangoModule, appDir, staticRoot, mediaRoot, appUser },
      };
      const names = generateAll(safe, productionTarget(safe)).map((f) => f.name);
      for (const only of ['postgresql.conf (conf.d)', 'my.cnf (mariadb.conf.d)', 'redis.conf (include)'])
        expect(names).not.toContain(only);
      const moved = rec.choice.movedOff.join('; ');
      if (user.dbLocation === 'here') {
        behind++;
        expect(moved).toContain('→ a managed service (RDS)');
        expect(rec.bill.rds).not.toBeNull();
      }
      if (user.redis === 'here') {
        expect(moved).toContain('Redis → a managed service (ElastiCache)');
        expect(rec.bill.elasticache).not.toBeNull();
      }
      if (user.celery === 'here') expect(rec.bill.celery).not.toBeNull();
      expect(rec.choice.reason).toContain(moved);
    },
  );
  it('met a database on the box behind a load balancer', () => expect(behind).toBeGreaterThan(0));

  let held = 0;
  prop(
    'the group’s max reason names the max it holds; a group that cannot grow is not said to add boxes',
    (rec) => {
      const asg = rec.fleet.asg;
      if (!asg) return;
      const max = asg.max.value;
      expect(asg.max.reason).toMatch(new RegExp(`(^|= |cut to |held at the minimum, )${max}\\b`));
      expect(Boolean(asg.heldBy)).toBe(max <= asg.min.value);
      if (asg.heldBy) {
        // Held at its minimum: no text promises growth, and the CPU trigger names what holds it.
        expect(rec.triggers[0]!.action).not.toContain('adds boxes');
        expect(rec.triggers[0]!.action).toContain(
          asg.heldBy === 'database' ? 'the database’s connections' : 'the most boxes this tool plans',
        );
        expect(asg.cpuTargetPct.reason).not.toMatch(/grows to|adds boxes/);
        expect(rec.triggers[3]!.action).not.toContain('should be adding boxes');
        held++;
      } else expect(rec.triggers[0]!.action).toContain(`up to its max of ${max}`);
    },
  );

  it('met a group held at its minimum', () => expect(held).toBeGreaterThan(0));

  prop(
    'a database the largest RDS class cannot carry is a danger, and its trigger does not say "scale the RDS instance"',
    (rec) => {
      const short = rec.bill.rds?.short ?? [];
      const w = rec.warnings.find((x) => x.id === 'db-capacity');
      expect(Boolean(w)).toBe(short.length > 0);
      if (!short.length) return;
      expect(w!.severity).toBe('danger');
      expect(rec.triggers[2]!.action).not.toContain('scale the RDS instance');
      expect(rec.triggers[2]!.action).toContain(rec.bill.rds!.rdsClass.class);
    },
  );

  let tight = 0;
  prop(
    'a fleet’s warnings speak of the fleet: media per box, a PgBouncer pool that queues, no "second instance"',
    (rec) => {
      const ids = rec.warnings.map((w) => w.id);
      const behind = rec.fleet.lb.behind.value;
      expect(ids.includes('media-per-box')).toBe(behind && rec.answers.staticFiles === 'proxy');
      expect(ids.includes('pgbouncer-pool')).toBe(Boolean(rec.pgbouncer?.tight));
      if (rec.pgbouncer?.tight) tight++;
      const many = rec.warnings.find((w) => w.id === 'many-workers');
      if (many && behind) expect(many.detail).not.toContain('a second instance');
    },
  );
  it('met a PgBouncer pool smaller than the requests in flight', () => expect(tight).toBeGreaterThan(0));

  let manyBoxes = 0;
  const celeryUnits = (rec: ReturnType<typeof recommend>, user: Answers) => {
    const { domain, djangoModule, appDir, staticRoot, mediaRoot, appUser } = A();
    const safe = {
      ...rec,
      answers: { ...rec.answers, domain, djangoModule, appDir, staticRoot, mediaRoot, appUser },
    };
    const target = productionTarget(safe);
    const files = generateAll(safe, target);
    const workers = files.filter((f) => f.name === 'celery.service');
    const beats = files.filter((f) => f.name === 'celerybeat.service');
    if (user.celery !== 'here') {
      expect(workers).toEqual([]);
      return;
    }
    expect(workers.length).toBe(1);
    expect(beats.length).toBe(user.celeryBeat === 'yes' ? 1 : 0);
    const box = rec.bill.celery;
    expect(Boolean(workers[0]!.box)).toBe(Boolean(box));
    if (!box) return;
    // The boxes the bill pays for run every process the user asked for.
    const n = Number(/--concurrency=(\d+)/.exec(workers[0]!.content)![1]);
    expect(n).toBe(box.perBox);
    expect(n * box.boxes).toBeGreaterThanOrEqual(user.celeryConcurrency);
    // Each process the units start opens its database connection: the count is theirs, not the answer's.
    expect(rec.connections.celery).toBe(n * box.boxes);
    // The web boxes' copy step leaves the Celery box's files out.
    const steps = setupSteps(safe, target, files);
    const copy = steps.find((x) => x.title.startsWith('Copy the files'))!;
    expect(copy.commands.join('\n')).not.toContain('celery');
    // Exactly one beat: on several Celery boxes, no command run on each of them copies, enables or restarts it.
    if (box.boxes > 1) {
      const each = steps.find((x) => x.title.startsWith(`On each of the ${box.boxes} Celery boxes`))!;
      for (const c of each.commands.filter((x) => x.includes('celerybeat')))
        expect(c.endsWith('# on one Celery box only')).toBe(true);
      expect(steps.at(-1)!.note).not.toContain('celery.service celerybeat.service');
      manyBoxes++;
    }
  };
  prop(
    'Celery the user runs on the box has exactly one worker unit, on the web box or on the Celery box the bill pays for',
    celeryUnits,
  );
  // Several Celery boxes take 12 or more vCPU of tasks behind a load balancer: rare among any answers, so the
  // same statements also run over answers pushed there.
  it('the same with Celery pushed onto boxes of its own', () => {
    const pushed = answersArb.map((a) => ({
      ...a,
      celery: 'here' as const,
      lb: 'alb' as const,
      celeryConcurrency: Math.max(a.celeryConcurrency, 20),
      celeryBusyPct: Math.max(a.celeryBusyPct, 60),
    }));
    fc.assert(
      fc.property(pushed, (a) => celeryUnits(recommend(a, catalog), a)),
      { numRuns: 100 },
    );
  });
  it('met Celery on several boxes of its own', () => expect(manyBoxes).toBeGreaterThan(0));
});

/** Every string in a value, however deep. */
function strings(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) strings(v, out);
  return out;
}

describe('every price in the prose is written by usd', () => {
  prop('a “$” and a number: thousands separated, 2 decimals (an amount) or 3–4 (a unit price)', (rec) => {
    for (const text of strings([rec, summarize(rec)])) {
      const prices = text.match(/\$-?\d[\d,.]*\d|\$\d/g) ?? [];
      for (const p of prices) expect(p, text).toMatch(/^\$-?\d{1,3}(,\d{3})*\.\d{2,4}$/);
    }
  });
});

describe('every memory or disk figure in the prose is written by fmt', () => {
  // A config value is written for its server ("1589MB", "1589mb"); prose puts a space before the unit.
  prop(
    'a number of four or more digits before “ MB”, “ GB”, “ MiB” or “ GiB” has its thousands separated',
    (rec) => {
      const db = [postgresPlan(rec), mysqlPlan(rec), redisPlan(rec.answers)];
      for (const text of strings([rec, summarize(rec), db]))
        expect(text).not.toMatch(/(?<![\d,.])\d{4,}(\.\d+)? (MB|GB|MiB|GiB)\b/);
    },
  );
});
