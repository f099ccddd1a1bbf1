// zod/mini: the same engine as zod, tree-shakable; the answers schema ships in the first screen (≤ 90 KB).
import * as z from 'zod/mini';

/**
 * Free text that ends up inside a generated config (nginx, Caddy, systemd, Python) must not be able to add
 * a line, a directive or a block. Rather than escaping per target format, we accept only a strict alphabet
 * per kind of value, and name the first offending character so the user knows what to fix.
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/[\r\n\u2028\u2029\u0085]/, 'a line break'],
  [/\0/, 'a NUL character'],
  [/\s/, 'a space or tab'],
  [/;/, 'a semicolon “;”'],
  [/[{}]/, 'a brace “{” or “}”'],
  [/["'`]/, 'a quote or backtick'],
  [/#/, 'a “#”'],
  [/\$/, 'a “$”'],
  [/\\/, 'a backslash'],
  [/[^\x20-\x7e]/, 'a non-ASCII or control character'],
];

/** Describes the first character class in `value` that could change a config's structure, if any. */
export function forbiddenCharacter(value: string): string | undefined {
  for (const [pattern, name] of FORBIDDEN) if (pattern.test(value)) return name;
  return undefined;
}

export function safeText(label: string, pattern: RegExp, shape: string, maxLength: number) {
  return z.string({ error: `${label} is required.` }).check(
    z.superRefine((value: string, ctx) => {
      if (value.length === 0) {
        ctx.addIssue({ code: 'custom', message: `${label} is required.` });
        return;
      }
      if (value.length > maxLength) {
        ctx.addIssue({ code: 'custom', message: `${label} is too long (at most ${maxLength} characters).` });
        return;
      }
      const bad = forbiddenCharacter(value);
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `${label} must not contain ${bad}.` });
        return;
      }
      if (!pattern.test(value)) ctx.addIssue({ code: 'custom', message: `${label} must be ${shape}.` });
    }),
  );
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

export const domainSchema = safeText('Domain', DOMAIN, 'a host name such as example.com (lower case)', 253);
export const moduleSchema = safeText(
  'Django project module',
  MODULE,
  'a Python module name such as mysite',
  100,
);
export const pathSchema = (label: string) =>
  safeText(label, PATH, 'an absolute path such as /srv/mysite (letters, digits, . _ -)', 200);
export const userSchema = safeText('System user', USER, 'a Linux user name such as django', 32);
export const cidrSchema = safeText(
  'Load balancer subnet',
  CIDR,
  'an IPv4 network such as 172.31.0.0/16 (prefix 8–32)',
  18,
);
