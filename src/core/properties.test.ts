import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS, DEFAULT_ANSWERS, answersSchema, type Answers } from './answers';
import { decodePermalink, encodePermalink } from './permalink';
import { recommend, type Recommendation } from './recommend';
import { catalog } from './testFixtures';

/**
 * Property tests over any schema-valid answers. The arbitrary is built from the bounds written in answers.ts
 * (copied here by hand, and checked against the schema by the first property below and by answers.test.ts).
 */

// The choice lists, written out here so the test does not depend on where the core keeps them.
const TRAFFIC_MODES = ['concurrent', 'daily'] as const;
const CELERY_MODES = ['none', 'here', 'elsewhere'] as const;
const DB_ENGINES = ['postgresql', 'mysql'] as const;
const DB_LOCATIONS = ['here', 'managed'] as const;
const REDIS_MODES = ['here', 'managed', 'none'] as const;
const STATIC_MODES = ['proxy', 's3'] as const;
const PROXIES = ['nginx', 'caddy'] as const;
const INTERFACES = ['wsgi', 'asgi'] as const;
const ARCHES = ['either', 'x86', 'arm'] as const;

const int = (min: number, max: number) => fc.integer({ min, max });
// Non-integer fields: whole numbers (the common input) and any double in range.
const real = (min: number, max: number) =>
  fc.oneof(fc.integer({ min, max }), fc.double({ min, max, noNaN: true }));

// The longest valid free-text values, so the permalink length limit is exercised too.
const LONGEST_DOMAIN = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 253
const LONGEST_PATH = '/a'.repeat(100); // 200 characters, 100 slashes: the most URL-encoding growth
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.stringMatching(/^[a-z]([a-z0-9-]{0,5}[a-z0-9])?$/);
const domainArb = fc.oneof(
  fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
    .map(([labels, top]) => [...labels, top].join('.'))
    .filter((d) => d.length >= 4),
  fc.constant(LONGEST_DOMAIN),
);
const moduleArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}(\.[A-Za-z_][A-Za-z0-9_]{0,12}){0,2}$/),
  fc.constant('m'.repeat(100)),
);
const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const pathArb = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => `/${segs.join('/')}`),
  fc.constant(LONGEST_PATH),
);
const userArb = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,31}$/);

const answersArb: fc.Arbitrary<Answers> = fc.record({
  trafficMode: fc.constantFrom(...TRAFFIC_MODES),
  concurrentUsers: int(1, 100_000),
  thinkTimeSec: real(1, 3600),
  dailyUsers: int(1, 10_000_000),
  requestsPerVisit: int(1, 1000),
  busyHours: int(1, 24),
  burstFactor: real(1, 10),
  staticSharePct: int(0, 95),
  celery: fc.constantFrom(...CELERY_MODES),
  celeryConcurrency: int(1, 64),
  celeryBusyPct: int(0, 100),
  dbEngine: fc.constantFrom(...DB_ENGINES),
  dbLocation: fc.constantFrom(...DB_LOCATIONS),
  redis: fc.constantFrom(...REDIS_MODES),
  redisDataMb: int(0, 65_536),
  staticFiles: fc.constantFrom(...STATIC_MODES),
  proxy: fc.constantFrom(...PROXIES),
  maxUploadMb: int(1, 1024),
  responseTimeMs: int(5, 60_000),
  ioSharePct: int(0, 95),
  appInterface: fc.constantFrom(...INTERFACES),
  arch: fc.constantFrom(...ARCHES),
  workerMemoryMb: int(30, 2048),
  domain: domainArb,
  djangoModule: moduleArb,
  appDir: pathArb,
  staticRoot: pathArb,
  mediaRoot: pathArb,
  appUser: userArb,
});

/** What the whole recommendation costs per month: every instance of the fleet. */
const monthlyCost = (rec: Recommendation) => rec.choice.scaleOut * rec.chosen.usdPerMonth;

// recommend() takes well under a millisecond; these counts keep the file to a few seconds.
const RUNS = 300;

describe('the answers arbitrary', () => {
  it('only yields schema-valid answers, and covers every field', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        expect(Object.keys(a).sort()).toEqual([...ANSWER_FIELDS].sort());
        const r = answersSchema.safeParse(a);
        expect(r.success, r.error?.issues[0]?.message).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('recommend() over any valid answers', () => {
  it('never throws and always names an instance from the catalog', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const rec = recommend(a, catalog);
        expect(catalog.instances).toContain(rec.chosen.instance);
        expect(rec.choice.scaleOut).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('plans at least one Gunicorn worker', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        expect(recommend(a, catalog).chosen.plan.workers.value).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps the memory budget within the chosen instance’s usable memory', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const { memory } = recommend(a, catalog).chosen;
        // limitMib is visible memory less the headroom, so this also proves totalMib ≤ visibleMib.
        expect(memory.limitMib).toBeLessThan(memory.visibleMib);
        expect(memory.totalMib).toBeLessThanOrEqual(memory.limitMib);
      }),
      { numRuns: RUNS },
    );
  });

  it('never gets cheaper when traffic grows and nothing else changes', () => {
    const grow = fc.record({
      base: answersArb,
      // Which traffic figure grows: the one in use, the other one, or both.
      which: fc.constantFrom('concurrentUsers', 'dailyUsers', 'both'),
      factor: fc.double({ min: 1, max: 50, noNaN: true }),
      extra: fc.integer({ min: 1, max: 5000 }),
    });
    fc.assert(
      fc.property(grow, ({ base, which, factor, extra }) => {
        const more: Answers = { ...base };
        if (which !== 'dailyUsers')
          more.concurrentUsers = Math.min(100_000, Math.ceil(base.concurrentUsers * factor) + extra);
        if (which !== 'concurrentUsers')
          more.dailyUsers = Math.min(10_000_000, Math.ceil(base.dailyUsers * factor) + extra);
        const before = monthlyCost(recommend(base, catalog));
        const after = monthlyCost(recommend(more, catalog));
        expect(after).toBeGreaterThanOrEqual(before - 1e-9);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('permalinks', () => {
  it('decode(encode(answers)) gives the same answers back, with no problems', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const link = encodePermalink(a);
        const back = decodePermalink(`?${link}`);
        expect(back.problems).toEqual([]);
        expect(back.answers).toEqual(a);
        // Exactly the fields that differ from the defaults travel in the link.
        const differing = ANSWER_FIELDS.filter((f) => a[f] !== DEFAULT_ANSWERS[f]);
        expect(back.applied.sort()).toEqual(differing.sort());
      }),
      { numRuns: 500 },
    );
  });

  it('decodePermalink never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const d = decodePermalink(s);
        expect(answersSchema.safeParse(d.answers).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('decodePermalink never throws on link-shaped text, and keeps the answers valid', () => {
    // Pieces of real links, so the parser's deeper branches (versions, checksums, keys, escapes) are reached.
    const key = fc.oneof(
      fc.constantFrom('v', 'k', 'cu', 'tm', 'dn', 'ad', 'bf', '__proto__', 'constructor', 'toString'),
      fc.string({ maxLength: 3 }),
    );
    const value = fc.oneof(
      fc.constantFrom('1', '2', '', '%', '%E0%A4%A', '%2Fsrv', '+', 'daily', 'example.com', '/srv/x'),
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', '-1', '1e3', 'NaN', '0x10', 'Infinity'),
      fc.string({ maxLength: 4 }),
    );
    const pair = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => `${k}=${v}`),
      key, // a key without "="
      fc.string({ maxLength: 6 }),
    );
    const link = fc
      .tuple(fc.constantFrom('', '?'), fc.array(pair, { maxLength: 30 }))
      .map(([q, pairs]) => q + pairs.join('&'));
    fc.assert(
      fc.property(link, (l) => {
        const d = decodePermalink(l);
        expect(answersSchema.safeParse(d.answers).success).toBe(true);
        // What was not applied keeps its default.
        for (const f of ANSWER_FIELDS)
          if (!d.applied.includes(f)) expect(d.answers[f]).toEqual(DEFAULT_ANSWERS[f]);
      }),
      { numRuns: 1000 },
    );
  });

  it('a valid link with one character removed never throws and never yields invalid answers', () => {
    const cut = fc.tuple(answersArb, fc.nat()).map(([a, n]) => {
      const link = encodePermalink(a);
      const i = link.length ? n % link.length : 0;
      return link.slice(0, i) + link.slice(i + 1);
    });
    fc.assert(
      fc.property(cut, (link) => {
        const d = decodePermalink(link);
        expect(answersSchema.safeParse(d.answers).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
