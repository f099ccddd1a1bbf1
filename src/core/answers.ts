import * as z from 'zod/mini';
import { domainSchema, moduleSchema, pathSchema, userSchema } from './safeText';
import {
  ARCHES,
  CELERY_MODES,
  DB_ENGINES,
  DB_LOCATIONS,
  INTERFACES,
  PROXIES,
  REDIS_MODES,
  STATIC_MODES,
  TRAFFIC_MODES,
} from './defaults';

import { DEFAULT_ANSWERS as DEFAULTS_CHECK } from './defaults';
export { DEFAULT_ANSWERS } from './defaults';

/** A bounded number with messages a person understands; `int` for counts. */
function num(label: string, min: number, max: number, unit = '', int = true) {
  const u = unit ? ` ${unit}` : '';
  return z
    .number({ error: `${label} must be a number.` })
    .check(
      ...(int
        ? [z.refine<number>((n) => Number.isInteger(n), { error: `${label} must be a whole number.` })]
        : []),
      z.minimum(min, { error: `${label} must be at least ${min}${u}.` }),
      z.maximum(max, { error: `${label} must be at most ${max.toLocaleString('en-US')}${u}.` }),
    );
}

function choice<const T extends readonly [string, ...string[]]>(label: string, options: T) {
  return z.enum(options, { error: `${label} must be one of: ${options.join(', ')}.` });
}

/**
 * Everything the wizard asks. Flat on purpose: each field has one permalink key (permalink.ts) and one
 * question (questions.ts). Bounds are the range in which the models below stay meaningful.
 */
export const answersShape = {
  // Traffic (the guide's "How many concurrent users do you expect?")
  trafficMode: choice('Traffic measure', TRAFFIC_MODES),
  concurrentUsers: num('Peak concurrent users', 1, 100_000),
  thinkTimeSec: num('Think time', 1, 3600, 's', false),
  dailyUsers: num('Daily active users', 1, 10_000_000),
  requestsPerVisit: num('Requests per user per day', 1, 1000),
  busyHours: num('Busy hours per day', 1, 24),
  burstFactor: num('Burst factor', 1, 10, '×', false),
  // Content ("static or dynamic content?")
  staticSharePct: num('Share of static requests', 0, 95, '%'),
  // Background work ("heavy background tasks (e.g. Celery)?")
  celery: choice('Celery', CELERY_MODES),
  celeryConcurrency: num('Celery concurrency', 1, 64),
  celeryBusyPct: num('Celery busy share', 0, 100, '%'),
  // Data services ("relational database?", "Redis?")
  dbEngine: choice('Database engine', DB_ENGINES),
  dbLocation: choice('Database location', DB_LOCATIONS),
  redis: choice('Redis', REDIS_MODES),
  redisDataMb: num('Redis data size', 0, 65_536, 'MB'),
  // Storage and proxy ("external storage (S3)?", "Nginx/Caddy?")
  staticFiles: choice('Static and media files', STATIC_MODES),
  proxy: choice('Reverse proxy', PROXIES),
  maxUploadMb: num('Largest upload', 1, 1024, 'MB'),
  // App profile (what sizing needs beyond the guide's questions)
  responseTimeMs: num('Typical response time', 5, 60_000, 'ms'),
  ioSharePct: num('Share of response time waiting on I/O', 0, 95, '%'),
  appInterface: choice('Application interface', INTERFACES),
  arch: choice('CPU architecture', ARCHES),
  workerMemoryMb: num('Memory per Gunicorn worker', 30, 2048, 'MB'),
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
