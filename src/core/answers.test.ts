import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS, DEFAULT_ANSWERS, answersSchema, fieldError } from './answers';

// The bounds, labels and units, written out by hand from the wizard's intent (answers.ts), so a changed bound
// shows up here as a deliberate edit.
const NUMBERS = [
  // field, label, min, max (as printed), unit, whole numbers only
  ['concurrentUsers', 'Peak concurrent users', 1, 100_000, '100,000', '', true],
  ['thinkTimeSec', 'Think time', 0.1, 3600, '3,600', ' s', false],
  ['dailyUsers', 'Daily active users', 1, 10_000_000, '10,000,000', '', true],
  ['requestsPerVisit', 'Requests per user per day', 1, 1000, '1,000', '', true],
  ['busyHours', 'Busy hours per day', 1, 24, '24', '', true],
  ['burstFactor', 'Burst factor', 1, 10, '10', ' ×', false],
  ['staticSharePct', 'Share of static requests', 0, 95, '95', ' %', true],
  ['celeryConcurrency', 'Celery concurrency', 1, 64, '64', '', true],
  ['celeryBusyPct', 'Celery busy share', 0, 100, '100', ' %', true],
  ['redisDataMb', 'Redis data size', 0, 65_536, '65,536', ' MB', true],
  ['maxUploadMb', 'Largest upload', 1, 1024, '1,024', ' MB', true],
  ['responseTimeMs', 'Typical response time', 5, 60_000, '60,000', ' ms', true],
  ['ioSharePct', 'Share of response time waiting on I/O', 0, 95, '95', ' %', true],
  ['workerMemoryMb', 'Memory per Gunicorn worker', 30, 2048, '2,048', ' MB', true],
  ['peakRps', 'Peak requests per second', 0.1, 1_000_000, '1,000,000', ' requests/s', false],
  ['dbDataGb', 'Database size', 1, 65_536, '65,536', ' GB', true],
  ['p95TargetMs', 'p95 response-time target', 0, 600_000, '600,000', ' ms', true],
  ['logSpanMin', 'Log span', 0, 5_256_000, '5,256,000', ' min', true],
] as const;

const CHOICES = [
  ['trafficMode', 'Traffic measure', ['concurrent', 'daily', 'rate']],
  ['celery', 'Celery', ['none', 'here', 'elsewhere']],
  ['dbEngine', 'Database engine', ['postgresql', 'mysql']],
  ['dbLocation', 'Database location', ['here', 'managed']],
  ['redis', 'Redis', ['here', 'managed', 'none']],
  ['staticFiles', 'Static and media files', ['proxy', 's3']],
  ['proxy', 'Reverse proxy', ['nginx', 'caddy']],
  ['appInterface', 'Application interface', ['wsgi', 'asgi']],
  ['arch', 'CPU architecture', ['either', 'x86', 'arm']],
  ['celeryBeat', 'Scheduled tasks (celery beat)', ['no', 'yes']],
  ['lb', 'Load balancer', ['auto', 'alb']],
  ['healthCheck', 'Health check', ['proxy', 'django']],
] as const;

const TEXTS = [
  'domain',
  'djangoModule',
  'appDir',
  'staticRoot',
  'mediaRoot',
  'appUser',
  'lbSubnet',
  'measuredFields',
] as const;

describe('answers schema', () => {
  it('covers every field exactly once: numbers, choices and free text', () => {
    const listed = [...NUMBERS.map((n) => n[0]), ...CHOICES.map((c) => c[0]), ...TEXTS];
    expect([...ANSWER_FIELDS].sort()).toEqual([...listed].sort());
    expect(Object.keys(DEFAULT_ANSWERS).sort()).toEqual([...listed].sort());
  });

  it('accepts the defaults', () => {
    const r = answersSchema.safeParse(DEFAULT_ANSWERS);
    expect(r.success).toBe(true);
  });

  it('refuses a missing field and names it', () => {
    const rest: Partial<typeof DEFAULT_ANSWERS> = { ...DEFAULT_ANSWERS };
    delete rest.concurrentUsers;
    const r = answersSchema.safeParse(rest);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['concurrentUsers']);
    expect(r.error?.issues[0]?.message).toBe('Peak concurrent users must be a number.');
  });

  describe.each(NUMBERS)('%s', (field, label, min, max, maxText, unit, whole) => {
    it('accepts both bounds', () => {
      expect(fieldError(field, min)).toBeUndefined();
      expect(fieldError(field, max)).toBeUndefined();
    });

    it('refuses just outside the bounds, naming the bound and its unit', () => {
      expect(fieldError(field, min - 1)).toBe(`${label} must be at least ${min}${unit}.`);
      expect(fieldError(field, max + 1)).toBe(`${label} must be at most ${maxText}${unit}.`);
      // Just outside, not only a whole step away.
      expect(fieldError(field, min - 0.001)).toBeDefined();
      expect(fieldError(field, max + 0.001)).toBeDefined();
    });

    it('refuses what is not a finite number', () => {
      for (const bad of [NaN, Infinity, -Infinity, String(min), null, undefined])
        expect(fieldError(field, bad)).toBe(`${label} must be a number.`);
    });

    it(whole ? 'wants a whole number' : 'takes fractions', () => {
      const half = min + 0.5;
      if (whole) expect(fieldError(field, half)).toBe(`${label} must be a whole number.`);
      else expect(fieldError(field, half)).toBeUndefined();
    });
  });

  describe.each(CHOICES)('%s', (field, label, options) => {
    it('accepts each option and refuses anything else, listing the options', () => {
      for (const o of options) expect(fieldError(field, o)).toBeUndefined();
      const message = `${label} must be one of: ${options.join(', ')}.`;
      for (const bad of ['', 'other', options[0].toUpperCase(), 1, null])
        expect(fieldError(field, bad)).toBe(message);
    });
  });

  it('defaults sit inside their bounds', () => {
    for (const [field] of NUMBERS) expect(fieldError(field, DEFAULT_ANSWERS[field])).toBeUndefined();
  });

  it('checks free text through the safe-text rules (details in safeText.test.ts)', () => {
    expect(fieldError('domain', 'example.com;')).toBe('Domain must not contain a semicolon “;”.');
    expect(fieldError('appDir', '/srv/app\nX')).toBe('App directory must not contain a line break.');
    expect(fieldError('staticRoot', 'static')).toBe(
      'Static root must be an absolute path such as /srv/mysite (letters, digits, . _ -).',
    );
    expect(fieldError('mediaRoot', '')).toBe('Media root is required.');
    // Issue 11: the character a field's alphabet refuses is named (was only the shape "must be a … name").
    expect(fieldError('appUser', 'Django')).toBe(
      'System user must not contain “D”: use lower-case letters, digits, “_” and “-”.',
    );
    expect(fieldError('appUser', '1app')).toBe('System user must be a Linux user name such as django.');
    expect(fieldError('djangoModule', 'my-site')).toBe(
      'Django project module must not contain “-”: use letters, digits, “_” and “.”.',
    );
    expect(fieldError('djangoModule', '1site')).toBe(
      'Django project module must be a Python module name such as mysite.',
    );
  });
});

describe('load balancer subnet and measured answers', () => {
  it('takes an IPv4 network and names what is wrong otherwise', () => {
    for (const ok of ['172.31.0.0/16', '10.0.0.0/8', '192.168.1.0/24', '255.255.255.255/32'])
      expect(fieldError('lbSubnet', ok)).toBeUndefined();
    expect(fieldError('lbSubnet', '10.0.0.0')).toBe(
      'Load balancer subnet must be an IPv4 network such as 172.31.0.0/16 (prefix 8–32).',
    );
    expect(fieldError('lbSubnet', '256.0.0.0/16')).toBeDefined();
    expect(fieldError('lbSubnet', '10.0.0.0/4')).toBeDefined();
    expect(fieldError('lbSubnet', '10.0.0.0/16;')).toBe(
      'Load balancer subnet must not contain a semicolon “;”.',
    );
  });

  it('lists only measurable answers, each once', () => {
    expect(fieldError('measuredFields', '')).toBeUndefined();
    expect(fieldError('measuredFields', 'peakRps,responseTimeMs')).toBeUndefined();
    expect(fieldError('measuredFields', 'peakRps,domain')).toBe(
      'Measured answers: “domain” is not one of peakRps, staticSharePct, responseTimeMs, ioSharePct, workerMemoryMb, maxUploadMb.',
    );
    expect(fieldError('measuredFields', 'peakRps,peakRps')).toBe('Measured answers: a name appears twice.');
  });
});
