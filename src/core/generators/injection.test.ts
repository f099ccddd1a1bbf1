// Property tests: free text reaches the configs only through the strict schemas (safeText.ts), and any
// value they accept leaves every generated file with the same structure as a benign value does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersShape, type Answers } from '../answers';
import type { Recommendation } from '../recommend';
import { generateAll } from './bundle';
import { deployTargetSchema, productionTarget, type DeployTarget } from './target';
import { recFor } from '../../testing/scenarios';

// Characters that could end a line, a directive, a block, a string or a comment somewhere, or fool a reader.
const HOSTILE = [
  '\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000b',
  '\f',
  '\0',
  ' ',
  '\t',
  ';',
  '{',
  '}',
  '"',
  "'",
  '`',
  '#',
  '$',
  '\\',
  '\u200f',
  '\u202e',
  '\u2066',
  '\ufeff',
  'é',
  '\u00a0',
  '%',
];
const SAFE = 'abcz019_-./'.split('');

/**
 * What a config's structure is made of: per line, the text with every run of the schemas' alphabet
 * (letters, digits, . _ - /) folded to "w". A value that passes the schemas can only change what is folded.
 */
const skeleton = (files: Array<{ content: string }>) =>
  files.map((f) => f.content.split('\n').map((l) => l.replace(/[A-Za-z0-9._/-]+/g, 'w')));

/** Every line as is, except that a comment line is just "#": what a program reading the file sees. */
const commentsFolded = (files: Array<{ content: string }>) =>
  files.map((f) => f.content.split('\n').map((l) => (l.trim().startsWith('#') ? '#' : l)));

/** Values shaped like a field's schema wants, and values from a mixed alphabet (most refused). */
const shaped: Record<string, fc.Arbitrary<string>> = {
  domain: fc.stringMatching(/^([a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\.){1,3}[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/),
  module: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}(\.[A-Za-z_][A-Za-z0-9_]{0,8}){0,2}$/),
  path: fc.stringMatching(/^(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,8}){1,4}$/),
  user: fc.stringMatching(/^[a-z_][a-z0-9_-]{0,31}$/),
};
const mixed = fc.string({ unit: fc.constantFrom(...HOSTILE, ...SAFE), minLength: 1, maxLength: 24 });
const containsHostile = (s: string) => HOSTILE.some((h) => s.includes(h));

const ANSWER_TEXT: Array<[keyof Answers, fc.Arbitrary<string>]> = [
  ['domain', shaped.domain!],
  ['djangoModule', shaped.module!],
  ['appDir', shaped.path!],
  ['staticRoot', shaped.path!],
  ['mediaRoot', shaped.path!],
  ['appUser', shaped.user!],
];

// Every file there is: Celery and beat, PostgreSQL and Redis on the box (and the same with MySQL instead).
const base = recFor({ celery: 'here', celeryBeat: 'yes', dbLocation: 'here', redis: 'here' });
const mysqlBase = recFor({ ...base.answers, dbEngine: 'mysql' });
const targets = (rec: Recommendation): DeployTarget[] => [
  productionTarget(rec),
  {
    ...productionTarget(rec),
    listenAddress: '127.0.0.1',
    httpPort: 8080,
    httpsPort: 8443,
    tls: { kind: 'files', certPath: '/tmp/c.pem', keyPath: '/tmp/k.pem' },
    caddyAdmin: { kind: 'off' },
  },
];
const bundlesOf = (rec: Recommendation) =>
  (['nginx', 'caddy'] as const).flatMap((proxy) => {
    const r = { ...rec, answers: { ...rec.answers, proxy } };
    return targets(r).flatMap((t) => skeleton(generateAll(r, t)));
  });
/** The PostgreSQL set and the MySQL set, with the same answer text in both. */
const bundles = (rec: Recommendation) => [
  ...bundlesOf(rec),
  ...bundlesOf({ ...mysqlBase, answers: { ...rec.answers, dbEngine: 'mysql' } }),
];
const benign = bundles(base);

it('covers both databases’ files', () => {
  const names = (rec: Recommendation) => generateAll(rec, productionTarget(rec)).map((f) => f.name);
  expect(names(base)).toContain('postgresql.conf (conf.d)');
  expect(names(mysqlBase)).toContain('my.cnf (mariadb.conf.d)');
});

describe.each(ANSWER_TEXT)('answer %s', (field, arb) => {
  it('is refused whenever it holds a hostile character', () => {
    const hostile = fc
      .tuple(arb, fc.constantFrom(...HOSTILE), arb, fc.nat())
      .map(([a, h, b, i]) => `${a.slice(0, i % (a.length + 1))}${h}${b}`);
    fc.assert(
      fc.property(fc.oneof(hostile, mixed), (value) => {
        if (containsHostile(value)) expect(answersShape[field].safeParse(value).success).toBe(false);
      }),
    );
  });

  it('once accepted, leaves every file’s structure as a benign value does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(arb, mixed), (value) => {
        const parsed = answersShape[field].safeParse(value);
        if (!parsed.success) return;
        accepted++;
        // Free text does not change the sizing, so only the answers need replacing.
        expect(bundles({ ...base, answers: { ...base.answers, [field]: parsed.data } })).toEqual(benign);
      }),
      { numRuns: 60 },
    );
    // The property must have been exercised, not skipped.
    expect(accepted).toBeGreaterThan(15);
  });
});

const TARGET_TEXT: Array<[keyof DeployTarget, fc.Arbitrary<string>]> = [
  ['socketPath', shaped.path!],
  ['staticRoot', shaped.path!],
  ['mediaRoot', shaped.path!],
  ['venvPath', shaped.path!],
  // Under /srv: below /var/log systemd creates the directory itself, a (legitimately) different line.
  ['logDir', shaped.path!.map((p) => `/srv${p}`)],
  ['proxyUser', shaped.user!],
  ['appUser', shaped.user!],
];

describe.each(TARGET_TEXT)('target %s', (field, arb) => {
  it('is refused with a hostile character, and once accepted changes no structure', () => {
    const prod = { ...targets(base)[1]!, logDir: '/srv/benign' };
    const files = (t: DeployTarget) => skeleton(generateAll(base, t));
    const benignFiles = files(prod);
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(arb, mixed), (value) => {
        const t = { ...prod, [field]: value };
        const ok = deployTargetSchema.safeParse(t).success;
        if (containsHostile(value)) expect(ok).toBe(false);
        if (!ok) {
          expect(() => generateAll(base, t)).toThrow(/Invalid deploy target/);
          return;
        }
        accepted++;
        expect(files(t)).toEqual(benignFiles);
      }),
      { numRuns: 60 },
    );
    expect(accepted).toBeGreaterThan(15);
  });
});

describe('permalink and reasons', () => {
  it('a permalink is printed on one comment line or not at all', () => {
    const t = targets(base)[0]!;
    const withLink = commentsFolded(generateAll(base, { ...t, permalink: 'https://r.example/?v=1' }));
    const without = commentsFolded(generateAll(base, t));
    expect(withLink).not.toEqual(without);
    const url = fc.string({ unit: fc.constantFrom(...HOSTILE, ...SAFE, '?', '&', '=', ':'), maxLength: 30 });
    fc.assert(
      fc.property(
        fc.oneof(
          url,
          url.map((s) => `https://r.example/${s}`),
        ),
        (link) => {
          const got = commentsFolded(generateAll(base, { ...t, permalink: link }));
          expect([withLink, without]).toContainEqual(got);
        },
      ),
    );
  });

  it('no reason text, however hostile, adds or removes a line outside comments', () => {
    // The Gunicorn plan's reasons reach gunicorn.conf.py, the proxy and the units, not the data services'
    // files (their reasons are the core's own text): the set with Celery alone keeps this property fast.
    const gunicornBase = recFor({ celery: 'here' });
    const t = targets(gunicornBase)[0]!;
    const clean = commentsFolded(generateAll(gunicornBase, t));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(...HOSTILE), (text, h) => {
        const reason = `${text}${h}${text}`;
        const plan = Object.fromEntries(
          Object.entries(gunicornBase.chosen.plan).map(([k, v]) => [
            k,
            v && typeof v === 'object' && 'reason' in v ? { ...v, reason } : v,
          ]),
        ) as unknown as Recommendation['chosen']['plan'];
        expect(
          commentsFolded(generateAll({ ...gunicornBase, chosen: { ...gunicornBase.chosen, plan } }, t)),
        ).toEqual(clean);
      }),
      { numRuns: 50 },
    );
  });
});
