import { ANSWER_FIELDS, DEFAULT_ANSWERS, answersShape, type AnswerField, type Answers } from './answers';
import {
  CURRENT_DEFAULTS,
  CURRENT_KEYS,
  CURRENT_LINK_VERSION,
  LINK_VERSIONS,
  upgradeToCurrent,
} from './links/versions';

/**
 * Permalinks carry only the answers that differ from their version's defaults, as `?v=2&cu=200&px=caddy&k=3f9a`.
 * Each version's key table *and defaults* are frozen literals (links/): if DEFAULT_ANSWERS changes, a link
 * still means what it meant when it was shared. `k` is a checksum of everything before it, so a link that was
 * cut short or edited by hand is noticed and reported. Older versions decode through links/versions.ts.
 */
export { CURRENT_LINK_VERSION, LINK_VERSIONS } from './links/versions';

// Longer than any valid link can be: every field at its longest makes 2,031 characters (permalink.test.ts).
export const MAX_LINK_LENGTH = 2200;
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

const sameAnswers = (x: Answers, y: Answers) => ANSWER_FIELDS.every((f) => x[f] === y[f]);

/**
 * The query string (without "?") of the link people share: always versioned, written against the current
 * version's frozen defaults, so it keeps its meaning when DEFAULT_ANSWERS changes. Answers equal to those
 * frozen defaults give `v=N&k=…`: no settings, read as version N's defaults.
 */
export function encodePermalink(answers: Answers): string {
  const parts: string[] = [];
  for (const f of ANSWER_FIELDS) {
    if (answers[f] === CURRENT_DEFAULTS[f]) continue;
    parts.push(`${CURRENT_KEYS[f]}=${encodeURIComponent(String(answers[f]))}`);
  }
  const body = [`v=${CURRENT_LINK_VERSION}`, ...parts].join('&');
  return `${body}&k=${checksum(body)}`;
}

/**
 * The address bar's query: empty for today's defaults, so the bare URL stays clean (and means whatever the
 * defaults are when it is opened); otherwise the permalink. Copy link shares encodePermalink's, never this.
 */
export const addressQuery = (answers: Answers): string =>
  isDefaultAnswers(answers) ? '' : encodePermalink(answers);

/** Every answer is today's default. */
export const isDefaultAnswers = (answers: Answers): boolean => sameAnswers(answers, DEFAULT_ANSWERS);

export interface DecodedLink {
  answers: Answers;
  /** Person-readable notes on what was ignored and why; empty for a clean link. */
  problems: string[];
  /** Fields taken from the link. */
  applied: AnswerField[];
  /** Information that is not a problem: e.g. the link was made by an earlier version (and keeps its meaning). */
  notes: string[];
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
  const notes: string[] = [];
  if (!query) return { answers, problems, applied, notes };
  if (query.length > MAX_LINK_LENGTH) {
    problems.push(
      `The link is too long (${query.length} characters; at most ${MAX_LINK_LENGTH}): all of its settings were ignored.`,
    );
    return { answers, problems, applied, notes };
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
    return { answers, problems, applied, notes };
  }
  // Start from the defaults of the link's own version, so an old link keeps its meaning.
  const values: Record<string, string | number> = { ...spec.defaults };
  const byKey = new Map(Object.entries(spec.keys).map(([f, k]) => [k, f as AnswerField] as const));
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
    values[field] = r.data as string | number;
    applied.push(field);
  });
  Object.assign(answers, upgradeToCurrent(version!, values));
  if (version !== CURRENT_LINK_VERSION)
    notes.push(
      `This link was made by an earlier version of Rightsize (link version ${version}); it keeps the meaning it had ` +
        `then. Links you copy now are version ${CURRENT_LINK_VERSION}.`,
    );
  return { answers, problems, applied, notes };
}
