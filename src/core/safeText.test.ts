import { describe, expect, it } from 'vitest';
import { domainSchema, forbiddenCharacter, moduleSchema, pathSchema, userSchema } from './safeText';

const message = (
  schema: { safeParse: (v: unknown) => { error?: { issues: Array<{ message: string }> } } },
  v: unknown,
) => schema.safeParse(v).error?.issues[0]?.message;

const appDir = pathSchema('App directory');

// Every character that could end a directive, open a block, start a comment, expand a variable or quote.
const HOSTILE: Array<[string, string]> = [
  ['\n', 'a line break'],
  ['\r', 'a line break'],
  ['\u2028', 'a line break'],
  ['\u2029', 'a line break'],
  ['\u0085', 'a line break'],
  ['\0', 'a NUL character'],
  [' ', 'a space or tab'],
  ['\t', 'a space or tab'],
  ['\u00a0', 'a space or tab'], // no-break space is whitespace to JavaScript
  [';', 'a semicolon “;”'],
  ['{', 'a brace “{” or “}”'],
  ['}', 'a brace “{” or “}”'],
  ['"', 'a quote or backtick'],
  ["'", 'a quote or backtick'],
  ['`', 'a quote or backtick'],
  ['#', 'a “#”'],
  ['$', 'a “$”'],
  ['\\', 'a backslash'],
  ['é', 'a non-ASCII or control character'],
  ['е', 'a non-ASCII or control character'], // Cyrillic "е", a look-alike of "e"
  ['\u200b', 'a non-ASCII or control character'], // zero-width space
  ['\x7f', 'a non-ASCII or control character'], // DEL
  ['\x1b', 'a non-ASCII or control character'], // ESC
  ['😀', 'a non-ASCII or control character'],
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
    'Example.com', // upper case
    'localhost', // no dot: no certificate for it
    'a.b', // shorter than 4
    '-a.com',
    'a-.com',
    'example.123', // numeric top-level label
    'exa_mple.com',
    'example..com',
    '.example.com',
    'example.com.',
    '10.0.0.1',
    `${'a'.repeat(64)}.com`, // a label over 63
  ])('refuses %s as not a host name', (d) => {
    expect(message(domainSchema, d)).toBe('Domain must be a host name such as example.com (lower case).');
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
  it.each(['1site', 'my-site', 'my.site.', '.mysite', 'my..site', 'my/site'])('refuses %s', (m) =>
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
  it.each([
    'srv/mysite',
    '/',
    '/srv/',
    '//srv',
    '/srv//x',
    '/srv/../etc',
    '/srv/..',
    '/srv/./x',
    '/.',
    '~/app',
  ])('refuses %s', (p) =>
    expect(message(appDir, p)).toBe(
      'App directory must be an absolute path such as /srv/mysite (letters, digits, . _ -).',
    ),
  );
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
  it.each(['Django', '1app', '-app', 'app.user', 'app@host'])('refuses %s', (u) =>
    expect(message(userSchema, u)).toBe('System user must be a Linux user name such as django.'),
  );
  it('stops at 32 characters', () => {
    expect(message(userSchema, 'a'.repeat(33))).toBe('System user is too long (at most 32 characters).');
  });
});
