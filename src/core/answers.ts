import * as z from 'zod/mini';
import { fmt } from './reasoned';
import { cidrSchema, domainSchema, moduleSchema, pathSchema, userSchema } from './safeText';
import {
  ARCHES,
  CELERY_MODES,
  DB_ENGINES,
  DB_LOCATIONS,
  HEALTH_CHECKS,
  INTERFACES,
  LB_MODES,
  MEASURABLE_FIELDS,
  PROXIES,
  REDIS_MODES,
  STATIC_MODES,
  TRAFFIC_MODES,
  YES_NO,
} from './defaults';

import { DEFAULT_ANSWERS as DEFAULTS_CHECK } from './defaults';
export { DEFAULT_ANSWERS } from './defaults';

/** A numeric answer's bounds: the one place they are written (the schema and the tests' arbitraries read them). */
export interface NumberBound {
  label: string;
  min: number;
  max: number;
  unit: string;
  /** Whole numbers only (counts). */
  int: boolean;
}

const bound = (label: string, min: number, max: number, unit = '', int = true): NumberBound => ({
  label,
  min,
  max,
  unit,
  int,
});

/** Bounds are the range in which the models stay meaningful. */
export const NUMBER_BOUNDS = {
  concurrentUsers: bound('Peak concurrent users', 1, 100_000),
  // Sub-second think times: API clients and single-page apps send their next request almost at once.
  thinkTimeSec: bound('Think time', 0.1, 3600, 's', false),
  dailyUsers: bound('Daily active users', 1, 10_000_000),
  requestsPerVisit: bound('Requests per user per day', 1, 1000),
  busyHours: bound('Busy hours per day', 1, 24),
  burstFactor: bound('Burst factor', 1, 10, '×', false),
  peakRps: bound('Peak requests per second', 0.1, 1_000_000, 'requests/s', false),
  staticSharePct: bound('Share of static requests', 0, 95, '%'),
  celeryConcurrency: bound('Celery concurrency', 1, 64),
  celeryBusyPct: bound('Celery busy share', 0, 100, '%'),
  redisDataMb: bound('Redis data size', 0, 65_536, 'MB'),
  dbDataGb: bound('Database size', 1, 65_536, 'GB'),
  maxUploadMb: bound('Largest upload', 1, 1024, 'MB'),
  responseTimeMs: bound('Typical response time', 5, 60_000, 'ms'),
  ioSharePct: bound('Share of response time waiting on I/O', 0, 95, '%'),
  workerMemoryMb: bound('Memory per Gunicorn worker', 30, 2048, 'MB'),
  // 0 = automatic (the model picks a multiple of the typical response time).
  p95TargetMs: bound('p95 response-time target', 0, 600_000, 'ms'),
  // Ten years of log, in minutes; 0 = nothing was measured from a log.
  logSpanMin: bound('Log span', 0, 5_256_000, 'min'),
} as const satisfies Record<string, NumberBound>;

/** A bounded number with messages a person understands. */
function num(b: NumberBound) {
  const u = b.unit ? ` ${b.unit}` : '';
  return z.number({ error: `${b.label} must be a number.` }).check(
    ...(b.int
      ? [z.refine<number>((n) => Number.isInteger(n), { error: `${b.label} must be a whole number.` })]
      : []),
    z.minimum(b.min, { error: `${b.label} must be at least ${b.min}${u}.` }),
    // fmt, not toLocaleString: the same text without loading the locale data when the schema is built.
    z.maximum(b.max, { error: `${b.label} must be at most ${fmt(b.max, 0)}${u}.` }),
  );
}

function choice<const T extends readonly [string, ...string[]]>(label: string, options: T) {
  return z.enum(options, { error: `${label} must be one of: ${options.join(', ')}.` });
}

/** A comma-separated list of measurable answer names, each at most once (empty: nothing measured). */
const measuredFieldsSchema = z.string({ error: 'Measured answers must be a list of names.' }).check(
  z.superRefine((value: string, ctx) => {
    if (value === '') return;
    const names = value.split(',');
    const bad = names.find((n) => !(MEASURABLE_FIELDS as readonly string[]).includes(n));
    if (bad !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `Measured answers: “${bad.slice(0, 40)}” is not one of ${MEASURABLE_FIELDS.join(', ')}.`,
      });
    else if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', message: 'Measured answers: a name appears twice.' });
  }),
);

const B = NUMBER_BOUNDS;

/**
 * Everything the wizard asks. Flat on purpose: each field has one permalink key (links/) and one
 * question (questions.ts).
 */
export const answersShape = {
  // Traffic (the guide's "How many concurrent users do you expect?")
  trafficMode: choice('Traffic measure', TRAFFIC_MODES),
  concurrentUsers: num(B.concurrentUsers),
  thinkTimeSec: num(B.thinkTimeSec),
  dailyUsers: num(B.dailyUsers),
  requestsPerVisit: num(B.requestsPerVisit),
  busyHours: num(B.busyHours),
  burstFactor: num(B.burstFactor),
  peakRps: num(B.peakRps),
  // Content ("static or dynamic content?")
  staticSharePct: num(B.staticSharePct),
  // Background work ("heavy background tasks (e.g. Celery)?")
  celery: choice('Celery', CELERY_MODES),
  celeryConcurrency: num(B.celeryConcurrency),
  celeryBusyPct: num(B.celeryBusyPct),
  celeryBeat: choice('Scheduled tasks (celery beat)', YES_NO),
  // Data services ("relational database?", "Redis?")
  dbEngine: choice('Database engine', DB_ENGINES),
  dbLocation: choice('Database location', DB_LOCATIONS),
  redis: choice('Redis', REDIS_MODES),
  redisDataMb: num(B.redisDataMb),
  dbDataGb: num(B.dbDataGb),
  // Storage and proxy ("external storage (S3)?", "Nginx/Caddy?")
  staticFiles: choice('Static and media files', STATIC_MODES),
  proxy: choice('Reverse proxy', PROXIES),
  maxUploadMb: num(B.maxUploadMb),
  // App profile (what sizing needs beyond the guide's questions)
  responseTimeMs: num(B.responseTimeMs),
  ioSharePct: num(B.ioSharePct),
  appInterface: choice('Application interface', INTERFACES),
  arch: choice('CPU architecture', ARCHES),
  workerMemoryMb: num(B.workerMemoryMb),
  p95TargetMs: num(B.p95TargetMs),
  // Load balancing (scale-out, or a single box behind an ALB)
  lb: choice('Load balancer', LB_MODES),
  healthCheck: choice('Health check', HEALTH_CHECKS),
  lbSubnet: cidrSchema,
  // Where the answers came from: measured ones (a log import, a measurement on the server) are marked.
  measuredFields: measuredFieldsSchema,
  logSpanMin: num(B.logSpanMin),
  // Deployment details: these reach the generated configs, so they are strictly shaped (safeText.ts).
  domain: domainSchema,
  djangoModule: moduleSchema,
  appDir: pathSchema('App directory'),
  staticRoot: pathSchema('Static root'),
  mediaRoot: pathSchema('Media root'),
  appUser: userSchema,
} as const;

export const answersSchema = z.object(answersShape);
export type Answers = z.infer<typeof answersSchema>;
export type AnswerField = keyof Answers;

export const ANSWER_FIELDS = Object.keys(answersShape) as AnswerField[];

// Compile-time check that the zod-free defaults (defaults.ts) have exactly the schema's shape.
const _defaultsMatch: Answers = DEFAULTS_CHECK;
void _defaultsMatch;

/** Validates one field; returns the person-readable message or undefined. */
export function fieldError(field: AnswerField, value: unknown): string | undefined {
  const r = answersShape[field].safeParse(value);
  return r.success ? undefined : (r.error.issues[0]?.message ?? `${field} is invalid.`);
}
