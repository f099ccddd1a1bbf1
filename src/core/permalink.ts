import { ANSWER_FIELDS, DEFAULT_ANSWERS, answersShape, type AnswerField, type Answers } from './answers';

/**
 * Permalinks carry only the answers that differ from the defaults, as `?v=1&cu=200&px=caddy&k=3f9a`.
 * Like Mozilla's ssl-config-generator, each version freezes its key table *and its defaults*: if a later
 * version changes a default, a v1 link still means what it meant when it was shared. `k` is a checksum of
 * everything before it, so a link that was cut short or edited by hand is noticed and reported.
 */
interface LinkVersion {
  keys: Record<AnswerField, string>;
  defaults: Answers;
}

const V1_KEYS: Record<AnswerField, string> = {
  trafficMode: 'tm',
  concurrentUsers: 'cu',
  thinkTimeSec: 'tt',
  dailyUsers: 'du',
  requestsPerVisit: 'rv',
  busyHours: 'bh',
  burstFactor: 'bf',
  staticSharePct: 'ss',
  celery: 'ce',
  celeryConcurrency: 'cc',
  celeryBusyPct: 'cb',
  dbEngine: 'de',
  dbLocation: 'dl',
  redis: 'rd',
  redisDataMb: 'rm',
  staticFiles: 'sf',
  proxy: 'px',
  maxUploadMb: 'mu',
  responseTimeMs: 'rt',
  ioSharePct: 'io',
  appInterface: 'ai',
  arch: 'ar',
  workerMemoryMb: 'wm',
  domain: 'dn',
  djangoModule: 'dm',
  appDir: 'ad',
  staticRoot: 'sr',
  mediaRoot: 'mr',
  appUser: 'au',
};

// Frozen copy: DEFAULT_ANSWERS may change in a later version; v1 links keep these.
const V1_DEFAULTS: Answers = Object.freeze({ ...DEFAULT_ANSWERS });

export const LINK_VERSIONS: Readonly<Record<string, LinkVersion>> = {
  '1': { keys: V1_KEYS, defaults: V1_DEFAULTS },
};
export const CURRENT_LINK_VERSION = '1';

// Longer than any valid link can be: every field at its longest makes 1,840 characters (permalink.test.ts).
export const MAX_LINK_LENGTH = 2000;
const MAX_VALUE_LENGTH = 260;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** FNV-1a, 32 bit, as 6 base-36 characters: enough to catch truncation and typos, not a security measure. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(-6);
}

const isNumberField = (f: AnswerField) => typeof DEFAULT_ANSWERS[f] === 'number';

/** The query string (without "?") for these answers; empty when every answer is a default. */
export function encodePermalink(answers: Answers): string {
  const { keys, defaults } = LINK_VERSIONS[CURRENT_LINK_VERSION]!;
  const parts: string[] = [];
  for (const f of ANSWER_FIELDS) {
    if (answers[f] === defaults[f]) continue;
    parts.push(`${keys[f]}=${encodeURIComponent(String(answers[f]))}`);
  }
  if (!parts.length) return '';
  const body = [`v=${CURRENT_LINK_VERSION}`, ...parts].join('&');
  return `${body}&k=${checksum(body)}`;
}

export interface DecodedLink {
  answers: Answers;
  /** Person-readable notes on what was ignored and why; empty for a clean link. */
  problems: string[];
  /** Fields taken from the link. */
  applied: AnswerField[];
}

function parsePairs(query: string): Array<[string, string | null]> {
  return query
    .split('&')
    .filter((p) => p.length)
    .map((p) => {
      const eq = p.indexOf('=');
      const key = eq < 0 ? p : p.slice(0, eq);
      let value: string | null;
      try {
        value = eq < 0 ? '' : decodeURIComponent(p.slice(eq + 1).replace(/\+/g, ' '));
      } catch {
        value = null;
      }
      return [key, value];
    });
}

const quote = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Reads a query string (with or without "?"). Never throws: what it cannot use it names and ignores. */
export function decodePermalink(search: string): DecodedLink {
  const query = search.startsWith('?') ? search.slice(1) : search;
  const answers: Answers = { ...DEFAULT_ANSWERS };
  const problems: string[] = [];
  const applied: AnswerField[] = [];
  if (!query) return { answers, problems, applied };
  if (query.length > MAX_LINK_LENGTH) {
    problems.push(
      `The link is too long (${query.length} characters; at most ${MAX_LINK_LENGTH}): all of its settings were ignored.`,
    );
    return { answers, problems, applied };
  }
  const pairs = parsePairs(query);
  const version = pairs.find(([k]) => k === 'v')?.[1];
  // Own keys only: "v=__proto__" or "v=toString" must not find Object.prototype's members.
  const spec = version != null && Object.hasOwn(LINK_VERSIONS, version) ? LINK_VERSIONS[version] : undefined;
  if (!spec) {
    problems.push(
      version == null
        ? 'The link has no version (v=…): its settings were ignored.'
        : `The link’s version ${quote(version)} is unknown to this Rightsize: its settings were ignored.`,
    );
    return { answers, problems, applied };
  }
  // Start from the defaults of the link's own version, so an old link keeps its meaning.
  Object.assign(answers, spec.defaults);
  const byKey = new Map(ANSWER_FIELDS.map((f) => [spec.keys[f], f] as const));
  const kIndex = query.lastIndexOf('&k=');
  const given = pairs.find(([k]) => k === 'k')?.[1];
  let truncated = false;
  if (given == null) {
    truncated = true;
    problems.push(
      'The link looks cut short (its checksum k=… is missing): the last setting was ignored in case it is incomplete.',
    );
  } else if (kIndex < 0 || checksum(query.slice(0, kIndex)) !== given) {
    problems.push(
      'The link was changed after it was made (checksum mismatch): each value was checked on its own.',
    );
  }
  const settings = pairs.filter(([k]) => k !== 'v' && k !== 'k');
  const seen = new Set<string>();
  settings.forEach(([key, raw], i) => {
    const field = byKey.get(key);
    if (!field) {
      problems.push(`Unknown setting ${quote(key)} was ignored.`);
      return;
    }
    if (seen.has(key)) {
      problems.push(`${key} appears twice: only the first was used.`);
      return;
    }
    seen.add(key);
    if (truncated && i === settings.length - 1) {
      problems.push(`Setting ${key} (${field}) was ignored: it may have been cut short.`);
      return;
    }
    if (raw === null || raw.length > MAX_VALUE_LENGTH) {
      problems.push(
        `Setting ${key} (${field}) was ignored: its value is ${raw === null ? 'not valid URL encoding' : 'too long'}.`,
      );
      return;
    }
    // Plain decimals only: Number() would also read "0x10", "1e3" or " 5 ", which encodePermalink never writes.
    const value = isNumberField(field) ? (DECIMAL.test(raw) ? Number(raw) : NaN) : raw;
    const r = answersShape[field].safeParse(value);
    if (!r.success) {
      problems.push(
        `Setting ${key}=${quote(raw)} was ignored: ${r.error.issues[0]?.message ?? 'invalid value'}`,
      );
      return;
    }
    (answers as Record<AnswerField, unknown>)[field] = r.data;
    applied.push(field);
  });
  return { answers, problems, applied };
}
