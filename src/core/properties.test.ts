import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS, DEFAULT_ANSWERS, NUMBER_BOUNDS, answersSchema, type Answers } from './answers';
import { decodePermalink, encodePermalink } from './permalink';
import { recommend, type Recommendation } from './recommend';
import { answersArb } from '../testing/arbitraries';
import { catalog } from '../testing/fixtures';
import { CURRENT_DEFAULTS } from './links/versions';

/** Property tests over any schema-valid answers (src/testing/arbitraries.ts, built from the schema's bounds). */

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
          more.concurrentUsers = Math.min(
            NUMBER_BOUNDS.concurrentUsers.max,
            Math.ceil(base.concurrentUsers * factor) + extra,
          );
        if (which !== 'concurrentUsers')
          more.dailyUsers = Math.min(
            NUMBER_BOUNDS.dailyUsers.max,
            Math.ceil(base.dailyUsers * factor) + extra,
          );
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
        // Exactly the fields that differ from the link version's frozen defaults travel in the link.
        const differing = ANSWER_FIELDS.filter((f) => a[f] !== CURRENT_DEFAULTS[f]);
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
