/**
 * The answers' defaults and choice lists, kept free of zod so the wizard's first screen can render without
 * loading the validation code (the first screen must stay under 90 KB gzip). answers.ts checks at compile
 * time that these defaults satisfy the schema's type.
 */
export const TRAFFIC_MODES = ['concurrent', 'daily', 'rate'] as const;
export const CELERY_MODES = ['none', 'here', 'elsewhere'] as const;
export const DB_ENGINES = ['postgresql', 'mysql'] as const;
export const DB_LOCATIONS = ['here', 'managed'] as const;
export const REDIS_MODES = ['here', 'managed', 'none'] as const;
export const STATIC_MODES = ['proxy', 's3'] as const;
export const PROXIES = ['nginx', 'caddy'] as const;
export const INTERFACES = ['wsgi', 'asgi'] as const;
export const ARCHES = ['either', 'x86', 'arm'] as const;
export const LB_MODES = ['auto', 'alb'] as const;
export const HEALTH_CHECKS = ['proxy', 'django'] as const;
export const YES_NO = ['no', 'yes'] as const;
/** Answers a log import or a measurement on the server can fill in; `measuredFields` lists those that were. */
export const MEASURABLE_FIELDS = [
  'peakRps',
  'staticSharePct',
  'responseTimeMs',
  'ioSharePct',
  'workerMemoryMb',
  'maxUploadMb',
] as const;

export interface DefaultAnswers {
  trafficMode: (typeof TRAFFIC_MODES)[number];
  concurrentUsers: number;
  thinkTimeSec: number;
  dailyUsers: number;
  requestsPerVisit: number;
  busyHours: number;
  burstFactor: number;
  peakRps: number;
  staticSharePct: number;
  celery: (typeof CELERY_MODES)[number];
  celeryConcurrency: number;
  celeryBusyPct: number;
  celeryBeat: (typeof YES_NO)[number];
  dbEngine: (typeof DB_ENGINES)[number];
  dbLocation: (typeof DB_LOCATIONS)[number];
  redis: (typeof REDIS_MODES)[number];
  redisDataMb: number;
  dbDataGb: number;
  staticFiles: (typeof STATIC_MODES)[number];
  proxy: (typeof PROXIES)[number];
  maxUploadMb: number;
  responseTimeMs: number;
  ioSharePct: number;
  appInterface: (typeof INTERFACES)[number];
  arch: (typeof ARCHES)[number];
  workerMemoryMb: number;
  p95TargetMs: number;
  lb: (typeof LB_MODES)[number];
  healthCheck: (typeof HEALTH_CHECKS)[number];
  lbSubnet: string;
  measuredFields: string;
  logSpanMin: number;
  domain: string;
  djangoModule: string;
  appDir: string;
  staticRoot: string;
  mediaRoot: string;
  appUser: string;
}

/**
 * Defaults chosen so that Next, Next, Next gives a sound recommendation for a typical small Django site. Worker
 * memory 120 MB: ../shared/reference/sizing-facts.md "~100 MB typical" plus a margin. Think time 10 s: a person
 * reading a page between clicks. Database managed: the guide's checklist ("Use PostgreSQL managed service like
 * RDS").
 */
export const DEFAULT_ANSWERS: DefaultAnswers = {
  trafficMode: 'concurrent',
  concurrentUsers: 50,
  thinkTimeSec: 10,
  dailyUsers: 2000,
  requestsPerVisit: 20,
  busyHours: 8,
  burstFactor: 2,
  peakRps: 10,
  staticSharePct: 40,
  celery: 'none',
  celeryConcurrency: 2,
  celeryBusyPct: 25,
  celeryBeat: 'no',
  dbEngine: 'postgresql',
  dbLocation: 'managed',
  redis: 'here',
  redisDataMb: 64,
  dbDataGb: 10,
  staticFiles: 'proxy',
  proxy: 'nginx',
  maxUploadMb: 10,
  responseTimeMs: 200,
  ioSharePct: 60,
  appInterface: 'wsgi',
  arch: 'either',
  workerMemoryMb: 120,
  p95TargetMs: 0,
  lb: 'auto',
  healthCheck: 'proxy',
  // The default VPC's CIDR in every AWS region: an ALB in it connects from addresses inside this range.
  lbSubnet: '172.31.0.0/16',
  measuredFields: '',
  logSpanMin: 0,
  domain: 'example.com',
  djangoModule: 'mysite',
  appDir: '/srv/mysite',
  staticRoot: '/srv/mysite/static',
  mediaRoot: '/srv/mysite/media',
  appUser: 'django',
};
