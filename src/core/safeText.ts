// zod/mini: the same engine as zod, tree-shakable; the answers schema ships in the first screen (≤ 90 KB).
import * as z from 'zod/mini';

/**
 * Free text that ends up inside a generated config (nginx, Caddy, systemd, Python) must not be able to add
 * a line, a directive or a block. Rather than escaping per target format, we accept only a strict alphabet
 * per kind of value, and name the offending character itself so the user knows exactly what to fix.
 * Classes are checked in this order, most structural first: a line break is reported before a semicolon.
 */
const FORBIDDEN: readonly RegExp[] = [
  // \v and \f end a line for Python's str.splitlines(), so they count as line breaks here.
  /[\r\n\u2028\u2029\u0085\v\f]/,
  /\0/,
  /\s/,
  /;/,
  /[{}]/,
  /["'`]/,
  /#/,
  /\$/,
  /\\/,
  /[^\x20-\x7e]/u,
];

const NAMES: Readonly<Record<string, string>> = {
  '\n': 'a line break',
  '\r': 'a line break (carriage return)',
  '\u2028': 'a line break (U+2028 line separator)',
  '\u2029': 'a line break (U+2029 paragraph separator)',
  '\u0085': 'a line break (U+0085 next line)',
  '\v': 'a line break (vertical tab)',
  '\f': 'a line break (form feed)',
  '\0': 'a NUL character',
  ' ': 'a space',
  '\t': 'a tab',
  '\u00a0': 'a no-break space (U+00A0)',
  ';': 'a semicolon “;”',
  '{': 'a brace “{”',
  '}': 'a brace “}”',
  '"': 'a double quote “"”',
  "'": "a single quote “'”",
  '`': 'a backtick “`”',
  '#': 'a “#”',
  $: 'a “$”',
  '\\': 'a backslash “\\”',
};

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A person-readable name for one character, e.g. "a line break", "a tab", "the non-ASCII character “é” (U+00E9)". */
export function describeCharacter(ch: string): string {
  const named = NAMES[ch];
  if (named) return named;
  // eslint-disable-next-line no-control-regex -- naming control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(ch)) return `a control character (${codePoint(ch)})`;
  if (/\s/.test(ch)) return `a space character (${codePoint(ch)})`;
  // Zero-width and direction marks: invisible, so quoting them would show nothing.
  if (/\p{Cf}/u.test(ch)) return `an invisible formatting character (${codePoint(ch)})`;
  if (/[^\x20-\x7e]/u.test(ch)) return `the non-ASCII character “${ch}” (${codePoint(ch)})`;
  return `“${ch}”`;
}

/** Names the first character in `value` of the most structural class that could change a config, if any. */
export function forbiddenCharacter(value: string): string | undefined {
  for (const pattern of FORBIDDEN) {
    const m = pattern.exec(value);
    if (m) return describeCharacter(m[0]);
  }
  return undefined;
}

interface Shape {
  /** The whole value's shape. */
  pattern: RegExp;
  /** What a good value looks like, for the message. */
  shape: string;
  /** One allowed character; anything else is named in the message. */
  alphabet: RegExp;
  /** The alphabet in words. */
  alphabetText: string;
  maxLength: number;
  /** A value of the right shape that is still refused, with the reason. */
  refuse?: (value: string) => string | undefined;
  /** A person's way of writing the value, put in its one accepted form before checking (see normaliseDomain). */
  normalise?: (value: string) => string;
}

/** Free text of one strict shape; see Shape. */
export function shapedText(label: string, s: Shape) {
  const checks = [
    ...(s.normalise ? [z.overwrite<string>(s.normalise)] : []),
    z.superRefine((value: string, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
      if (value.length === 0) return fail(`${label} is required.`);
      if (value.length > s.maxLength)
        return fail(`${label} is too long (at most ${s.maxLength} characters).`);
      const bad = forbiddenCharacter(value);
      if (bad) return fail(`${label} must not contain ${bad}.`);
      const outside = [...value].find((ch) => !s.alphabet.test(ch));
      if (outside !== undefined)
        return fail(`${label} must not contain ${describeCharacter(outside)}: use ${s.alphabetText}.`);
      if (!s.pattern.test(value)) return fail(`${label} must be ${s.shape}.`);
      const refused = s.refuse?.(value);
      if (refused) fail(`${label} ${refused}`);
    }),
  ];
  return z.string({ error: `${label} is required.` }).check(...checks);
}

/** The plain form: any printable ASCII passes the alphabet, so only structure characters and the shape refuse. */
export function safeText(label: string, pattern: RegExp, shape: string, maxLength: number) {
  return shapedText(label, {
    pattern,
    shape,
    alphabet: /[\x20-\x7e]/,
    alphabetText: 'printable ASCII',
    maxLength,
  });
}

// RFC 1123 host names, lower case, at least one dot (certbot and Caddy's automatic HTTPS need a real name).
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// A dotted Python module path: the package holding wsgi.py / asgi.py.
const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// An absolute path of plain segments; no "." or ".." segments, no trailing slash.
const PATH = /^(\/(?!\.{1,2}(\/|$))[A-Za-z0-9._-]+)+$/;
// An IPv4 network in CIDR notation (a VPC or subnet range), octets 0–255, prefix 8–32.
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/([89]|[12][0-9]|3[0-2])$`);
// useradd's default NAME_REGEX on Debian.
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

export interface Normalised {
  value: string;
  /** What was changed, in words ("lower-cased it"); empty when the value was already in its accepted form. */
  changes: string[];
}

/**
 * A domain as people type or paste it: "Example.com", "example.com/", "https://example.com/". Host names are
 * case-insensitive (RFC 4343) and a trailing dot only marks the DNS root, so these all mean example.com.
 * Only ASCII letters are lower-cased: String.toLowerCase would turn the Kelvin sign "K" into a plain "k".
 */
export function normaliseDomain(raw: string): Normalised {
  const changes: string[] = [];
  let v = raw;
  const noScheme = v.replace(/^https?:\/\//i, '');
  if (noScheme !== v) changes.push(`dropped “${v.slice(0, v.length - noScheme.length)}”`);
  v = noScheme;
  const noTrail = v.replace(/[/.]+$/, '');
  if (noTrail !== v && noTrail.length > 0) {
    const trail = v.slice(noTrail.length);
    changes.push(`dropped the trailing ${trail.length > 1 ? `“${trail}”` : trail === '/' ? 'slash' : 'dot'}`);
    v = noTrail;
  }
  const lower = v.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  if (lower !== v) changes.push('lower-cased it');
  return { value: lower, changes };
}

export const domainSchema = shapedText('Domain', {
  pattern: DOMAIN,
  shape: 'a host name such as example.com',
  alphabet: /[a-z0-9.-]/,
  alphabetText: 'letters, digits, “.” and “-”',
  maxLength: 253,
  normalise: (v) => normaliseDomain(v).value,
});
export const moduleSchema = shapedText('Django project module', {
  pattern: MODULE,
  shape: 'a Python module name such as mysite',
  alphabet: /[A-Za-z0-9_.]/,
  alphabetText: 'letters, digits, “_” and “.”',
  maxLength: 100,
});
export const pathSchema = (label: string) =>
  shapedText(label, {
    pattern: PATH,
    shape: 'an absolute path such as /srv/mysite (letters, digits, . _ -)',
    alphabet: /[A-Za-z0-9._/-]/,
    alphabetText: 'letters, digits, “/”, “.”, “_” and “-”',
    maxLength: 200,
  });
export const userSchema = shapedText('System user', {
  pattern: USER,
  shape: 'a Linux user name such as django',
  alphabet: /[a-z0-9_-]/,
  alphabetText: 'lower-case letters, digits, “_” and “-”',
  maxLength: 32,
  // Gunicorn and Celery must not run as root: a hole in the app would own the box (Gunicorn's deploy docs).
  refuse: (v) => (v === 'root' ? 'must not be root: the app runs as an unprivileged user.' : undefined),
});
export const cidrSchema = shapedText('Load balancer subnet', {
  pattern: CIDR,
  shape: 'an IPv4 network such as 172.31.0.0/16 (prefix 8–32)',
  alphabet: /[0-9./]/,
  alphabetText: 'digits, “.” and “/”',
  maxLength: 18,
});
