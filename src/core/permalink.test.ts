import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answersArb } from '../testing/arbitraries';
import { ANSWER_FIELDS, answersSchema, DEFAULT_ANSWERS, type Answers } from './answers';
import { V1_DEFAULTS, V1_KEYS, V1_TO_V2_ADDED } from './links/v1';
import { V2_DEFAULTS, V2_KEYS } from './links/v2';
import {
  addressQuery,
  checksum,
  CURRENT_LINK_VERSION,
  decodePermalink,
  encodePermalink,
  LINK_VERSIONS,
  MAX_LINK_LENGTH,
} from './permalink';

const A = (over: Partial<Answers> = {}): Answers => ({ ...DEFAULT_ANSWERS, ...over });
/** A link with a correct checksum around whatever body we want to test. */
const signed = (body: string) => `${body}&k=${checksum(body)}`;

// The longest link any valid answers make (every field at its longest); MAX_LINK_LENGTH must stay above it.
const LONGEST_LINK = 2031;

/** A v1 link as v1 wrote it (2026-11), and the answers it has always meant: written out, never computed. */
const V1_LINK = signed('v=1&cu=400&tt=5&ss=20&dl=here&px=caddy&rt=350&wm=180');
const V1_LINK_MEANS: Answers = {
  trafficMode: 'concurrent',
  concurrentUsers: 400,
  thinkTimeSec: 5,
  dailyUsers: 2000,
  requestsPerVisit: 20,
  busyHours: 8,
  burstFactor: 2,
  peakRps: 10,
  staticSharePct: 20,
  celery: 'none',
  celeryConcurrency: 2,
  celeryBusyPct: 25,
  celeryBeat: 'no',
  dbEngine: 'postgresql',
  dbLocation: 'here',
  redis: 'here',
  redisDataMb: 64,
  dbDataGb: 10,
  staticFiles: 'proxy',
  proxy: 'caddy',
  maxUploadMb: 10,
  responseTimeMs: 350,
  ioSharePct: 60,
  appInterface: 'wsgi',
  arch: 'either',
  workerMemoryMb: 180,
  p95TargetMs: 0,
  lb: 'auto',
  healthCheck: 'proxy',
  lbSubnet: '172.31.0.0/16',
  measuredFields: '',
  logSpanMin: 0,
  domain: 'example.com',
  djangoModule: 'mysite',
  appDir: '/srv/mysite',
  staticRoot: '/srv/mysite/static',
  mediaRoot: '/srv/mysite/media',
  appUser: 'django',
};

const CUT_SHORT =
  'The link looks cut short (its checksum k=… is missing): the last setting was ignored in case it is incomplete.';
const CHANGED =
  'The link was changed after it was made (checksum mismatch): each value was checked on its own.';

describe('checksum', () => {
  it('is FNV-1a 32-bit, as the last 6 base-36 digits', () => {
    // Published FNV-1a 32-bit test vectors: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968
    expect(checksum('')).toBe((0x811c9dc5).toString(36).slice(-6));
    expect(checksum('a')).toBe((0xe40c292c).toString(36).slice(-6));
    expect(checksum('foobar')).toBe((0xbf9cf968).toString(36).slice(-6));
    expect(checksum('v=1&cu=200')).toMatch(/^[0-9a-z]{6}$/);
  });
});

describe('encodePermalink', () => {
  it('names its version even for the defaults, so a shared link of them keeps its meaning', () => {
    expect(encodePermalink(DEFAULT_ANSWERS)).toBe(signed('v=2'));
  });

  it('the address bar alone is left empty for today’s defaults', () => {
    expect(addressQuery(DEFAULT_ANSWERS)).toBe('');
    const a = A({ proxy: 'caddy' });
    expect(addressQuery(a)).toBe(encodePermalink(a));
  });

  it('carries only the answers that differ from the defaults, in a fixed order, then the checksum', () => {
    const link = encodePermalink(A({ proxy: 'caddy', concurrentUsers: 200 }));
    expect(link).toBe(signed('v=2&cu=200&px=caddy'));
  });

  it('escapes free text and keeps fractions exact', () => {
    const link = encodePermalink(A({ appDir: '/srv/app', burstFactor: 1.5, thinkTimeSec: 0.1 + 2.9 }));
    expect(link).toBe(signed(`v=2&tt=${0.1 + 2.9}&bf=1.5&ad=%2Fsrv%2Fapp`));
  });
});

describe('decodePermalink', () => {
  it('round-trips a few answers, with or without the "?"', () => {
    const a = A({ proxy: 'caddy', concurrentUsers: 200, domain: 'shop.example.org', appDir: '/srv/shop' });
    for (const link of [encodePermalink(a), `?${encodePermalink(a)}`]) {
      const d = decodePermalink(link);
      expect(d.answers).toEqual(a);
      expect(d.problems).toEqual([]);
      expect(d.applied).toEqual(['concurrentUsers', 'proxy', 'domain', 'appDir']);
    }
  });

  it('a link with a version and no settings gives that version’s defaults without a word', () => {
    const d = decodePermalink(`?${signed('v=2')}`);
    expect(d).toEqual({ answers: V2_DEFAULTS, problems: [], applied: [], notes: [] });
  });

  it('an empty link gives the defaults without a word', () => {
    const none = { answers: DEFAULT_ANSWERS, problems: [], applied: [], notes: [] };
    expect(decodePermalink('')).toEqual(none);
    expect(decodePermalink('?')).toEqual(none);
  });

  it('the longest valid link stays under the length limit and round-trips', () => {
    const longest = A({
      trafficMode: 'daily',
      concurrentUsers: 100_000,
      thinkTimeSec: 1000.0000000000001,
      dailyUsers: 10_000_000,
      requestsPerVisit: 1000,
      busyHours: 24,
      burstFactor: 1.0000000000000002,
      staticSharePct: 95,
      celery: 'elsewhere',
      celeryConcurrency: 64,
      celeryBusyPct: 100,
      dbEngine: 'mysql',
      dbLocation: 'here',
      redis: 'managed',
      redisDataMb: 65_536,
      staticFiles: 's3',
      proxy: 'caddy',
      maxUploadMb: 1024,
      responseTimeMs: 60_000,
      ioSharePct: 95,
      appInterface: 'asgi',
      arch: 'x86',
      workerMemoryMb: 2048,
      peakRps: 1000.0000000000001,
      celeryBeat: 'yes',
      dbDataGb: 65_536,
      p95TargetMs: 600_000,
      lb: 'alb',
      healthCheck: 'django',
      lbSubnet: '255.255.255.255/32',
      measuredFields: 'peakRps,staticSharePct,responseTimeMs,ioSharePct,workerMemoryMb,maxUploadMb',
      logSpanMin: 5_256_000,
      domain: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
      djangoModule: 'm'.repeat(100),
      appDir: '/a'.repeat(100), // each "/" grows to "%2F"
      staticRoot: '/b'.repeat(100),
      mediaRoot: '/c'.repeat(100),
      appUser: `a${'b'.repeat(31)}`,
    });
    const link = encodePermalink(longest);
    // If a field is added or a bound grows, this changes: check MAX_LINK_LENGTH still holds every valid link.
    expect(link.length).toBe(LONGEST_LINK);
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
    expect(decodePermalink(link)).toEqual({
      answers: longest,
      problems: [],
      applied: expect.any(Array),
      notes: [],
    });
  });

  describe('a tampered link', () => {
    it('says so, still applies the values that are valid on their own', () => {
      const link = encodePermalink(A({ concurrentUsers: 200, proxy: 'caddy' })).replace('cu=200', 'cu=300');
      const d = decodePermalink(link);
      expect(d.problems).toEqual([CHANGED]);
      expect(d.answers).toEqual(A({ concurrentUsers: 300, proxy: 'caddy' }));
    });

    it('falls back to the default for an invalid value only, naming it and why', () => {
      const link = encodePermalink(A({ concurrentUsers: 200, proxy: 'caddy' })).replace('cu=200', 'cu=0');
      const d = decodePermalink(link);
      expect(d.problems).toEqual([
        CHANGED,
        'Setting cu="0" was ignored: Peak concurrent users must be at least 1.',
      ]);
      expect(d.answers).toEqual(A({ proxy: 'caddy' }));
      expect(d.applied).toEqual(['proxy']);
    });

    it('refuses hostile free text even with a valid checksum', () => {
      const d = decodePermalink(signed('v=1&dn=example.com%3B%0Aevil&px=caddy'));
      expect(d.problems).toEqual([
        'Setting dn="example.com;\\nevil" was ignored: Domain must not contain a line break.',
      ]);
      expect(d.answers.domain).toBe(DEFAULT_ANSWERS.domain);
      expect(d.answers.proxy).toBe('caddy');
    });

    it('reads "+" as a space, which free text refuses', () => {
      const d = decodePermalink(signed('v=1&dn=exa+mple.com'));
      expect(d.problems).toEqual(['Setting dn="exa mple.com" was ignored: Domain must not contain a space.']);
    });

    it('an empty number is not zero', () => {
      const d = decodePermalink(signed('v=1&ss=&cu=7'));
      expect(d.problems).toEqual(['Setting ss="" was ignored: Share of static requests must be a number.']);
      expect(d.answers).toEqual(A({ concurrentUsers: 7 }));
    });

    it('numbers are plain decimals: hex, exponents and padding are refused', () => {
      const d = decodePermalink(signed('v=1&cu=0x10&du=1e3&rv=%205&rt=250.5&tt=2.5'));
      expect(d.problems).toEqual([
        'Setting cu="0x10" was ignored: Peak concurrent users must be a number.',
        'Setting du="1e3" was ignored: Daily active users must be a number.',
        'Setting rv=" 5" was ignored: Requests per user per day must be a number.',
        'Setting rt="250.5" was ignored: Typical response time must be a whole number.',
      ]);
      expect(d.answers).toEqual(A({ thinkTimeSec: 2.5 }));
    });
  });

  describe('a truncated link', () => {
    it('without its checksum: the last setting is ignored, the others kept', () => {
      const full = encodePermalink(A({ concurrentUsers: 200, proxy: 'caddy' }));
      const d = decodePermalink(full.slice(0, full.indexOf('&k=')));
      expect(d.problems).toEqual([CUT_SHORT, 'Setting px (proxy) was ignored: it may have been cut short.']);
      expect(d.answers).toEqual(A({ concurrentUsers: 200 }));
    });

    it('cut inside a value: that value is not trusted', () => {
      // "v=1&cu=200&px=caddy&k=…" cut after "cu=20"
      const d = decodePermalink('v=1&cu=20');
      expect(d.problems).toEqual([
        CUT_SHORT,
        'Setting cu (concurrentUsers) was ignored: it may have been cut short.',
      ]);
      expect(d.answers).toEqual(DEFAULT_ANSWERS);
    });

    it('cut inside the checksum: a mismatch, the settings are checked one by one', () => {
      const full = encodePermalink(A({ concurrentUsers: 200 }));
      const d = decodePermalink(full.slice(0, -2));
      expect(d.problems).toEqual([CHANGED]);
      expect(d.answers).toEqual(A({ concurrentUsers: 200 }));
    });
  });

  it('an over-long link is ignored as a whole, saying how long it was', () => {
    const link = `v=1&dn=${'a'.repeat(MAX_LINK_LENGTH)}`;
    const d = decodePermalink(link);
    expect(d.problems).toEqual([
      `The link is too long (${link.length} characters; at most ${MAX_LINK_LENGTH}): all of its settings were ignored.`,
    ]);
    expect(d.answers).toEqual(DEFAULT_ANSWERS);
    expect(d.applied).toEqual([]);
  });

  it('an over-long value is ignored on its own', () => {
    const d = decodePermalink(signed(`v=1&dn=${'a'.repeat(300)}.com&cu=9`));
    expect(d.problems).toEqual(['Setting dn (domain) was ignored: its value is too long.']);
    expect(d.answers).toEqual(A({ concurrentUsers: 9 }));
  });

  it('an unknown version is ignored as a whole', () => {
    const d = decodePermalink(signed('v=3&cu=200'));
    expect(d.problems).toEqual([
      'The link’s version "3" is unknown to this Rightsize: its settings were ignored.',
    ]);
    expect(d.answers).toEqual(DEFAULT_ANSWERS);
  });

  it('a link without a version is ignored as a whole', () => {
    const d = decodePermalink('cu=200&px=caddy');
    expect(d.problems).toEqual(['The link has no version (v=…): its settings were ignored.']);
    expect(d.answers).toEqual(DEFAULT_ANSWERS);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'version "%s" (a name every object inherits) is unknown, not a crash',
    (v) => {
      const d = decodePermalink(`v=${v}&cu=200`);
      expect(d.problems).toEqual([
        `The link’s version "${v}" is unknown to this Rightsize: its settings were ignored.`,
      ]);
      expect(d.answers).toEqual(DEFAULT_ANSWERS);
    },
  );

  it('a duplicated key: the first wins, the second is named', () => {
    const d = decodePermalink(signed('v=1&cu=200&cu=300&px=caddy'));
    expect(d.problems).toEqual(['cu appears twice: only the first was used.']);
    expect(d.answers).toEqual(A({ concurrentUsers: 200, proxy: 'caddy' }));
  });

  it('bad URL encoding: that value is ignored, named, the rest applied', () => {
    const d = decodePermalink(signed('v=1&dn=%E0%A4%A&cu=200'));
    expect(d.problems).toEqual(['Setting dn (domain) was ignored: its value is not valid URL encoding.']);
    expect(d.answers).toEqual(A({ concurrentUsers: 200 }));
  });

  it('an unknown key is named and ignored', () => {
    const d = decodePermalink(signed('v=1&zz=1&__proto__=x&cu=200'));
    expect(d.problems).toEqual([
      'Unknown setting "zz" was ignored.',
      'Unknown setting "__proto__" was ignored.',
    ]);
    expect(d.answers).toEqual(A({ concurrentUsers: 200 }));
    expect(Object.getPrototypeOf(d.answers)).toBe(Object.prototype);
  });

  it('an unknown choice names the options', () => {
    const d = decodePermalink(signed('v=1&px=apache'));
    expect(d.problems).toEqual([
      'Setting px="apache" was ignored: Reverse proxy must be one of: nginx, caddy.',
    ]);
  });
});

describe('link versions', () => {
  it('v2 is current; every version’s defaults are frozen literals, not the live defaults', () => {
    expect(CURRENT_LINK_VERSION).toBe('2');
    for (const v of Object.values(LINK_VERSIONS)) {
      expect(Object.isFrozen(v.defaults)).toBe(true);
      expect(v.defaults).not.toBe(DEFAULT_ANSWERS);
    }
  });

  it.each(Object.keys(LINK_VERSIONS))('version %s gives every field its own short key', (version) => {
    const keys = Object.values(LINK_VERSIONS[version]!.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z]{2,3}$/);
    expect(keys).not.toContain('v');
    expect(keys).not.toContain('k');
  });

  it('a later version keeps every earlier key for the same field', () => {
    const v1 = LINK_VERSIONS['1']!.keys;
    const v2 = LINK_VERSIONS['2']!.keys;
    for (const [field, key] of Object.entries(v1)) expect(v2[field]).toBe(key);
  });

  it('a v1 link still decodes, means what it meant, and says it is from an earlier version', () => {
    const d = decodePermalink(V1_LINK);
    expect(d.problems).toEqual([]);
    expect(d.answers).toEqual(V1_LINK_MEANS);
    expect(d.notes).toEqual([
      'This link was made by an earlier version of Rightsize (link version 1); it keeps the meaning it had then. Links you copy now are version 2.',
    ]);
    // Re-encoded, it is a v2 link with the same meaning.
    const again = decodePermalink(encodePermalink(d.answers));
    expect(again.answers).toEqual(V1_LINK_MEANS);
    expect(again.notes).toEqual([]);
  });
});

/**
 * Today's defaults with every answer moved to another valid value (a number within its bounds, another choice,
 * other valid text), taken from the shared answers arbitrary so a field added later is moved too.
 */
function movedDefaults(): Answers {
  const samples = fc.sample(answersArb, { numRuns: 300, seed: 7 });
  const moved: Record<string, unknown> = { ...DEFAULT_ANSWERS };
  for (const f of ANSWER_FIELDS) {
    const other = samples.find((x) => x[f] !== DEFAULT_ANSWERS[f]);
    if (!other) throw new Error(`no sample moves ${f} off its default`);
    moved[f] = other[f];
  }
  return moved as Answers;
}

describe('frozen link meaning', () => {
  afterEach(() => {
    vi.doUnmock('./defaults');
    vi.resetModules();
  });

  it('changing every DEFAULT_ANSWERS cannot change what a v1 or v2 link decodes to', async () => {
    const moved = movedDefaults();
    expect(answersSchema.safeParse(moved).success).toBe(true);
    for (const f of ANSWER_FIELDS) expect(moved[f], f).not.toBe(DEFAULT_ANSWERS[f]);
    vi.resetModules();
    vi.doMock('./defaults', async (importOriginal) => ({
      ...(await importOriginal<typeof import('./defaults')>()),
      DEFAULT_ANSWERS: moved,
    }));
    const fresh = await import('./permalink');
    expect((await import('./defaults')).DEFAULT_ANSWERS).toEqual(moved);
    // The same links, decoded by a core whose defaults moved on.
    expect(fresh.decodePermalink(V1_LINK).answers).toEqual(V1_LINK_MEANS);
    const v2 = encodePermalink({ ...V1_LINK_MEANS, peakRps: 12 });
    expect(fresh.decodePermalink(v2).answers).toEqual({ ...V1_LINK_MEANS, peakRps: 12 });
    // The link shared for today's defaults (v2, no settings) still means v2's frozen defaults.
    const shared = encodePermalink(DEFAULT_ANSWERS);
    expect(shared).toBe(signed('v=2'));
    expect(fresh.decodePermalink(shared)).toEqual({
      answers: V2_DEFAULTS,
      problems: [],
      applied: [],
      notes: [],
    });
    // Only the bare address follows the defaults: it means whatever they are now.
    expect(fresh.decodePermalink('').answers).toEqual(moved);
    expect(fresh.addressQuery(moved)).toBe('');
    // And what the moved core writes for its own defaults names every field, and decodes here to them.
    const written = fresh.encodePermalink(moved);
    expect(decodePermalink(written).applied).toHaveLength(ANSWER_FIELDS.length);
    expect(decodePermalink(written).answers).toEqual(moved);
  });
});

describe('the frozen tables', () => {
  // Written out here so that any edit to a frozen version fails a test: add a version instead (links/versions.ts).
  it('v1 keys', () =>
    expect(V1_KEYS).toMatchInlineSnapshot(`
    {
      "appDir": "ad",
      "appInterface": "ai",
      "appUser": "au",
      "arch": "ar",
      "burstFactor": "bf",
      "busyHours": "bh",
      "celery": "ce",
      "celeryBusyPct": "cb",
      "celeryConcurrency": "cc",
      "concurrentUsers": "cu",
      "dailyUsers": "du",
      "dbEngine": "de",
      "dbLocation": "dl",
      "djangoModule": "dm",
      "domain": "dn",
      "ioSharePct": "io",
      "maxUploadMb": "mu",
      "mediaRoot": "mr",
      "proxy": "px",
      "redis": "rd",
      "redisDataMb": "rm",
      "requestsPerVisit": "rv",
      "responseTimeMs": "rt",
      "staticFiles": "sf",
      "staticRoot": "sr",
      "staticSharePct": "ss",
      "thinkTimeSec": "tt",
      "trafficMode": "tm",
      "workerMemoryMb": "wm",
    }
  `));
  it('v1 defaults', () =>
    expect(V1_DEFAULTS).toMatchInlineSnapshot(`
    {
      "appDir": "/srv/mysite",
      "appInterface": "wsgi",
      "appUser": "django",
      "arch": "either",
      "burstFactor": 2,
      "busyHours": 8,
      "celery": "none",
      "celeryBusyPct": 25,
      "celeryConcurrency": 2,
      "concurrentUsers": 50,
      "dailyUsers": 2000,
      "dbEngine": "postgresql",
      "dbLocation": "managed",
      "djangoModule": "mysite",
      "domain": "example.com",
      "ioSharePct": 60,
      "maxUploadMb": 10,
      "mediaRoot": "/srv/mysite/media",
      "proxy": "nginx",
      "redis": "here",
      "redisDataMb": 64,
      "requestsPerVisit": 20,
      "responseTimeMs": 200,
      "staticFiles": "proxy",
      "staticRoot": "/srv/mysite/static",
      "staticSharePct": 40,
      "thinkTimeSec": 10,
      "trafficMode": "concurrent",
      "workerMemoryMb": 120,
    }
  `));
  it('v1 → v2: the answers v1 did not have', () =>
    expect(V1_TO_V2_ADDED).toMatchInlineSnapshot(`
    {
      "celeryBeat": "no",
      "dbDataGb": 10,
      "healthCheck": "proxy",
      "lb": "auto",
      "lbSubnet": "172.31.0.0/16",
      "logSpanMin": 0,
      "measuredFields": "",
      "p95TargetMs": 0,
      "peakRps": 10,
    }
  `));
  it('v2 keys', () =>
    expect(V2_KEYS).toMatchInlineSnapshot(`
    {
      "appDir": "ad",
      "appInterface": "ai",
      "appUser": "au",
      "arch": "ar",
      "burstFactor": "bf",
      "busyHours": "bh",
      "celery": "ce",
      "celeryBeat": "cbt",
      "celeryBusyPct": "cb",
      "celeryConcurrency": "cc",
      "concurrentUsers": "cu",
      "dailyUsers": "du",
      "dbDataGb": "dg",
      "dbEngine": "de",
      "dbLocation": "dl",
      "djangoModule": "dm",
      "domain": "dn",
      "healthCheck": "hc",
      "ioSharePct": "io",
      "lb": "lb",
      "lbSubnet": "ls",
      "logSpanMin": "lsp",
      "maxUploadMb": "mu",
      "measuredFields": "ms",
      "mediaRoot": "mr",
      "p95TargetMs": "pt",
      "peakRps": "pr",
      "proxy": "px",
      "redis": "rd",
      "redisDataMb": "rm",
      "requestsPerVisit": "rv",
      "responseTimeMs": "rt",
      "staticFiles": "sf",
      "staticRoot": "sr",
      "staticSharePct": "ss",
      "thinkTimeSec": "tt",
      "trafficMode": "tm",
      "workerMemoryMb": "wm",
    }
  `));
  it('v2 defaults', () =>
    expect(V2_DEFAULTS).toMatchInlineSnapshot(`
    {
      "appDir": "/srv/mysite",
      "appInterface": "wsgi",
      "appUser": "django",
      "arch": "either",
      "burstFactor": 2,
      "busyHours": 8,
      "celery": "none",
      "celeryBeat": "no",
      "celeryBusyPct": 25,
      "celeryConcurrency": 2,
      "concurrentUsers": 50,
      "dailyUsers": 2000,
      "dbDataGb": 10,
      "dbEngine": "postgresql",
      "dbLocation": "managed",
      "djangoModule": "mysite",
      "domain": "example.com",
      "healthCheck": "proxy",
      "ioSharePct": 60,
      "lb": "auto",
      "lbSubnet": "172.31.0.0/16",
      "logSpanMin": 0,
      "maxUploadMb": 10,
      "measuredFields": "",
      "mediaRoot": "/srv/mysite/media",
      "p95TargetMs": 0,
      "peakRps": 10,
      "proxy": "nginx",
      "redis": "here",
      "redisDataMb": 64,
      "requestsPerVisit": 20,
      "responseTimeMs": 200,
      "staticFiles": "proxy",
      "staticRoot": "/srv/mysite/static",
      "staticSharePct": 40,
      "thinkTimeSec": 10,
      "trafficMode": "concurrent",
      "workerMemoryMb": 120,
    }
  `));
});
