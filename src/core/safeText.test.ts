import { describe, expect, it } from 'vitest';
import {
  domainSchema,
  forbiddenCharacter,
  moduleSchema,
  normaliseDomain,
  pathSchema,
  userSchema,
} from './safeText';

const message = (
  schema: { safeParse: (v: unknown) => { error?: { issues: Array<{ message: string }> } } },
  v: unknown,
) => schema.safeParse(v).error?.issues[0]?.message;

const appDir = pathSchema('App directory');

// Every character that could end a directive, open a block, start a comment, expand a variable or quote —
// each named exactly (issue 11: a newline is "a line break", never "a space"; a quote says which quote).
const HOSTILE: Array<[string, string]> = [
  ['\n', 'a line break'],
  ['\r', 'a line break (carriage return)'],
  ['\u2028', 'a line break (U+2028 line separator)'],
  ['\u2029', 'a line break (U+2029 paragraph separator)'],
  ['\u0085', 'a line break (U+0085 next line)'],
  ['\v', 'a line break (vertical tab)'],
  ['\f', 'a line break (form feed)'],
  ['\0', 'a NUL character'],
  [' ', 'a space'],
  ['\t', 'a tab'],
  ['\u00a0', 'a no-break space (U+00A0)'], // no-break space is whitespace to JavaScript
  ['\u2003', 'a space character (U+2003)'], // em space
  [';', 'a semicolon “;”'],
  ['{', 'a brace “{”'],
  ['}', 'a brace “}”'],
  ['"', 'a double quote “"”'],
  ["'", "a single quote “'”"],
  ['`', 'a backtick “`”'],
  ['#', 'a “#”'],
  ['$', 'a “$”'],
  ['\\', 'a backslash “\\”'],
  ['é', 'the non-ASCII character “é” (U+00E9)'],
  ['е', 'the non-ASCII character “е” (U+0435)'], // Cyrillic "е", a look-alike of "e"
  ['\u200b', 'an invisible formatting character (U+200B)'], // zero-width space
  ['\u202e', 'an invisible formatting character (U+202E)'], // right-to-left override ("Trojan Source")
  ['\x7f', 'a control character (U+007F)'], // DEL
  ['\x1b', 'a control character (U+001B)'], // ESC
  ['😀', 'the non-ASCII character “😀” (U+1F600)'],
];

describe('forbiddenCharacter', () => {
  it.each(HOSTILE)('names %j', (ch, name) => {
    expect(forbiddenCharacter(`ab${ch}cd`)).toBe(name);
  });

  it('passes plain printable ASCII without structure characters', () => {
    expect(forbiddenCharacter('/srv/my-site_2.0')).toBeUndefined();
    expect(forbiddenCharacter('example.com')).toBeUndefined();
  });

  it('names the most structural problem first: a line break before a semicolon', () => {
    expect(forbiddenCharacter('a;b\nc')).toBe('a line break');
  });
});

describe.each([
  ['Domain', domainSchema, 'example.com'],
  ['Django project module', moduleSchema, 'mysite'],
  ['App directory', appDir, '/srv/mysite'],
  ['System user', userSchema, 'django'],
] as const)('%s', (label, schema, good) => {
  it('accepts a plain value', () => {
    expect(schema.safeParse(good).success).toBe(true);
  });

  it.each(HOSTILE)('refuses %j anywhere in it, naming the character', (ch, name) => {
    for (const v of [`${good}${ch}`, `${ch}${good}`, `${good.slice(0, 2)}${ch}${good.slice(2)}`])
      expect(message(schema, v)).toBe(`${label} must not contain ${name}.`);
  });

  it('refuses an injection attempt', () => {
    expect(message(schema, `${good};\n}\nserver { listen 80; }`)).toBe(
      `${label} must not contain a line break.`,
    );
  });

  it('requires a value, and a string', () => {
    expect(message(schema, '')).toBe(`${label} is required.`);
    expect(message(schema, undefined)).toBe(`${label} is required.`);
    expect(message(schema, 42)).toBe(`${label} is required.`);
  });
});

describe('domain', () => {
  it.each(['example.com', 'www.example.co.uk', 'a-b.example', 'xn--bcher-kva.example', '1.example.org'])(
    'accepts %s',
    (d) => expect(domainSchema.safeParse(d).success).toBe(true),
  );

  it.each([
    'localhost', // no dot: no certificate for it
    'a.b', // shorter than 4
    '-a.com',
    'a-.com',
    'example.123', // numeric top-level label
    'example..com',
    '.example.com',
    '10.0.0.1',
    `${'a'.repeat(64)}.com`, // a label over 63
  ])('refuses %s as not a host name', (d) => {
    expect(message(domainSchema, d)).toBe('Domain must be a host name such as example.com.');
  });

  // Issue 11: a person's way of writing a domain is put in its one form, not refused (and the form says so).
  it.each([
    ['Example.com', 'example.com', ['lower-cased it']],
    ['example.com.', 'example.com', ['dropped the trailing dot']],
    ['example.com/', 'example.com', ['dropped the trailing slash']],
    [
      'https://Shop.Example.org/',
      'shop.example.org',
      ['dropped “https://”', 'dropped the trailing slash', 'lower-cased it'],
    ],
    ['example.com./', 'example.com', ['dropped the trailing “./”']],
    ['example.com', 'example.com', []],
  ] as const)('normalises %j to %s', (raw, value, changes) => {
    expect(normaliseDomain(raw)).toEqual({ value, changes });
    expect(domainSchema.safeParse(raw)).toEqual({ success: true, data: value });
  });

  it('lower-cases ASCII letters only: the Kelvin sign does not become a "k"', () => {
    expect(normaliseDomain('\u212Aexample.com').value).toBe('\u212Aexample.com');
    expect(message(domainSchema, '\u212Aexample.com')).toBe(
      'Domain must not contain the non-ASCII character “\u212A” (U+212A).',
    );
  });

  it.each([
    ['exa_mple.com', '“_”'],
    ['example.com/shop', '“/”'],
    ['user@example.com', '“@”'],
  ])('names the character a host name cannot hold in %s', (d, ch) => {
    expect(message(domainSchema, d)).toBe(`Domain must not contain ${ch}: use letters, digits, “.” and “-”.`);
  });

  it('stops at 253 characters', () => {
    const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(longest).toHaveLength(253);
    expect(domainSchema.safeParse(longest).success).toBe(true);
    expect(message(domainSchema, `a${longest}`)).toBe('Domain is too long (at most 253 characters).');
  });
});

describe('module', () => {
  it.each(['mysite', 'my_site', '_private', 'config.settings', 'A1.b2.c3'])('accepts %s', (m) =>
    expect(moduleSchema.safeParse(m).success).toBe(true),
  );
  it.each([
    ['my-site', '“-”'],
    ['my/site', '“/”'],
  ])('names the character a module name cannot hold in %s', (m, ch) =>
    expect(message(moduleSchema, m)).toBe(
      `Django project module must not contain ${ch}: use letters, digits, “_” and “.”.`,
    ),
  );
  it.each(['1site', 'my.site.', '.mysite', 'my..site'])('refuses %s', (m) =>
    expect(message(moduleSchema, m)).toBe(
      'Django project module must be a Python module name such as mysite.',
    ),
  );
  it('stops at 100 characters', () => {
    expect(moduleSchema.safeParse('m'.repeat(100)).success).toBe(true);
    expect(message(moduleSchema, 'm'.repeat(101))).toBe(
      'Django project module is too long (at most 100 characters).',
    );
  });
});

describe('path', () => {
  it.each(['/srv', '/srv/mysite', '/srv/my-site_2/static.files', '/srv/.hidden', '/a/b/c/d'])(
    'accepts %s',
    (p) => expect(appDir.safeParse(p).success).toBe(true),
  );
  it.each(['srv/mysite', '/', '/srv/', '//srv', '/srv//x', '/srv/../etc', '/srv/..', '/srv/./x', '/.'])(
    'refuses %s',
    (p) =>
      expect(message(appDir, p)).toBe(
        'App directory must be an absolute path such as /srv/mysite (letters, digits, . _ -).',
      ),
  );
  it('names the character a path cannot hold', () => {
    expect(message(appDir, '~/app')).toBe(
      'App directory must not contain “~”: use letters, digits, “/”, “.”, “_” and “-”.',
    );
  });
  it('uses the label it is given', () => {
    expect(message(pathSchema('Static root'), 'x')).toMatch(/^Static root must be an absolute path/);
  });
  it('stops at 200 characters', () => {
    expect(appDir.safeParse('/a'.repeat(100)).success).toBe(true);
    expect(message(appDir, `/a${'/a'.repeat(100)}`)).toBe(
      'App directory is too long (at most 200 characters).',
    );
  });
});

describe('user', () => {
  it.each(['django', 'www-data', '_svc', 'app_1', `a${'b'.repeat(31)}`])('accepts %s', (u) =>
    expect(userSchema.safeParse(u).success).toBe(true),
  );
  it.each(['1app', '-app'])('refuses %s', (u) =>
    expect(message(userSchema, u)).toBe('System user must be a Linux user name such as django.'),
  );
  it.each([
    ['Django', '“D”'],
    ['app.user', '“.”'],
    ['app@host', '“@”'],
  ])('names the character a user name cannot hold in %s', (u, ch) =>
    expect(message(userSchema, u)).toBe(
      `System user must not contain ${ch}: use lower-case letters, digits, “_” and “-”.`,
    ),
  );
  it('refuses root (the help says "not root"): the app runs unprivileged', () => {
    expect(message(userSchema, 'root')).toBe(
      'System user must not be root: the app runs as an unprivileged user.',
    );
    expect(userSchema.safeParse('rooty').success).toBe(true);
  });
  it('stops at 32 characters', () => {
    expect(message(userSchema, 'a'.repeat(33))).toBe('System user is too long (at most 32 characters).');
  });
});
