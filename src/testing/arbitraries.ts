// The one generator of schema-valid answers, shared by the property tests and the benchmark. Numeric bounds
// come from the schema's own table (NUMBER_BOUNDS) and choices from its lists, so the two cannot disagree.
import fc from 'fast-check';
import { NUMBER_BOUNDS, type Answers, type NumberBound } from '../core/answers';
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
} from '../core/defaults';

/**
 * A bounded number: its two ends now and then (the edges are where models break), otherwise spread evenly
 * over the decades when the range spans more than two (1–100,000 users: each decade as often), else uniform.
 * Non-integer fields get any double in range as well as whole numbers.
 */
export function boundedNumber(b: NumberBound): fc.Arbitrary<number> {
  const { min, max } = b;
  const edges = fc.constantFrom(min, max);
  const wide = min > 0 ? max / min > 100 : max > 100;
  const lo = Math.log(Math.max(min, b.int ? 1 : 0.1));
  const spread = wide
    ? fc
        .double({ min: lo, max: Math.log(max), noNaN: true })
        .map((x) => Math.min(max, Math.max(min, b.int ? Math.round(Math.exp(x)) : Math.exp(x))))
    : b.int
      ? fc.integer({ min, max })
      : fc.oneof(
          fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
          fc.double({ min, max, noNaN: true }),
        );
  return fc.oneof({ weight: 1, arbitrary: edges }, { weight: 9, arbitrary: spread });
}

const B = NUMBER_BOUNDS;
const n = (b: NumberBound) => boundedNumber(b);

// The longest valid free-text values, so the permalink length limit is exercised too.
export const LONGEST_DOMAIN = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`; // 253
export const LONGEST_PATH = '/a'.repeat(100); // 200 characters, 100 slashes: the most URL-encoding growth
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const tld = fc.stringMatching(/^[a-z]([a-z0-9-]{0,5}[a-z0-9])?$/);
export const domainArb = fc.oneof(
  fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
    .map(([labels, top]) => [...labels, top].join('.'))
    .filter((d) => d.length >= 4),
  fc.constant(LONGEST_DOMAIN),
);
export const moduleArb = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}(\.[A-Za-z_][A-Za-z0-9_]{0,12}){0,2}$/),
  fc.constant('m'.repeat(100)),
);
const segment = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
export const pathArb = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((segs) => `/${segs.join('/')}`),
  fc.constant(LONGEST_PATH),
);
// root is refused as the app user (safeText.ts).
export const userArb = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,31}$/).filter((u) => u !== 'root');
export const cidrArb = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
    fc.integer({ min: 8, max: 32 }),
  )
  .map(([o, p]) => `${o.join('.')}/${p}`);
export const measuredArb = fc.subarray([...MEASURABLE_FIELDS]).map((xs) => xs.join(','));

export const answersArb: fc.Arbitrary<Answers> = fc.record({
  trafficMode: fc.constantFrom(...TRAFFIC_MODES),
  concurrentUsers: n(B.concurrentUsers),
  thinkTimeSec: n(B.thinkTimeSec),
  dailyUsers: n(B.dailyUsers),
  requestsPerVisit: n(B.requestsPerVisit),
  busyHours: n(B.busyHours),
  burstFactor: n(B.burstFactor),
  peakRps: n(B.peakRps),
  staticSharePct: n(B.staticSharePct),
  celery: fc.constantFrom(...CELERY_MODES),
  celeryConcurrency: n(B.celeryConcurrency),
  celeryBusyPct: n(B.celeryBusyPct),
  celeryBeat: fc.constantFrom(...YES_NO),
  dbEngine: fc.constantFrom(...DB_ENGINES),
  dbLocation: fc.constantFrom(...DB_LOCATIONS),
  redis: fc.constantFrom(...REDIS_MODES),
  redisDataMb: n(B.redisDataMb),
  dbDataGb: n(B.dbDataGb),
  staticFiles: fc.constantFrom(...STATIC_MODES),
  proxy: fc.constantFrom(...PROXIES),
  maxUploadMb: n(B.maxUploadMb),
  responseTimeMs: n(B.responseTimeMs),
  ioSharePct: n(B.ioSharePct),
  appInterface: fc.constantFrom(...INTERFACES),
  arch: fc.constantFrom(...ARCHES),
  workerMemoryMb: n(B.workerMemoryMb),
  p95TargetMs: n(B.p95TargetMs),
  lb: fc.constantFrom(...LB_MODES),
  healthCheck: fc.constantFrom(...HEALTH_CHECKS),
  lbSubnet: cidrArb,
  measuredFields: measuredArb,
  logSpanMin: n(B.logSpanMin),
  domain: domainArb,
  djangoModule: moduleArb,
  appDir: pathArb,
  staticRoot: pathArb,
  mediaRoot: pathArb,
  appUser: userArb,
});

/** `count` answers from a fixed seed: the same inputs on every run (the benchmark times these). */
export const seededAnswers = (count: number, seed = 20_261_125): Answers[] =>
  fc.sample(answersArb, { numRuns: count, seed });
