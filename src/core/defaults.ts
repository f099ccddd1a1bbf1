/**
 * The answers' defaults and choice lists, kept free of zod so the wizard's first screen can render without
 * loading the validation code (the first screen must stay under 90 KB gzip). answers.ts checks at compile
 * time that these defaults satisfy the schema's type.
 */
export const TRAFFIC_MODES = ['concurrent', 'daily'] as const;
export const CELERY_MODES = ['none', 'here', 'elsewhere'] as const;
export const DB_ENGINES = ['postgresql', 'mysql'] as const;
export const DB_LOCATIONS = ['here', 'managed'] as const;
export const REDIS_MODES = ['here', 'managed', 'none'] as const;
export const STATIC_MODES = ['proxy', 's3'] as const;
export const PROXIES = ['nginx', 'caddy'] as const;
export const INTERFACES = ['wsgi', 'asgi'] as const;
export const ARCHES = ['either', 'x86', 'arm'] as const;

export interface DefaultAnswers {
  trafficMode: (typeof TRAFFIC_MODES)[number];
  concurrentUsers: number;
  thinkTimeSec: number;
  dailyUsers: number;
  requestsPerVisit: number;
  busyHours: number;
  burstFactor: number;
  staticSharePct: number;
  celery: (typeof CELERY_MODES)[number];
  celeryConcurrency: number;
  celeryBusyPct: number;
  dbEngine: (typeof DB_ENGINES)[number];
  dbLocation: (typeof DB_LOCATIONS)[number];
  redis: (typeof REDIS_MODES)[number];
  redisDataMb: number;
  staticFiles: (typeof STATIC_MODES)[number];
  proxy: (typeof PROXIES)[number];
  maxUploadMb: number;
  responseTimeMs: number;
  ioSharePct: number;
  appInterface: (typeof INTERFACES)[number];
  arch: (typeof ARCHES)[number];
  workerMemoryMb: number;
  domain: string;
  djangoModule: string;
  appDir: string;
  staticRoot: string;
  mediaRoot: string;
  appUser: string;
}

/**
 * Defaults chosen so that Next, Next, Next gives a sound recommendation for a typical small Django site.
 * Worker memory 120 MB: sizing-facts "~100 MB typical" plus a margin. Think time 10 s: a person reading a
 * page between clicks. Database managed: the guide's checklist ("Use PostgreSQL managed service like RDS").
 */
export const DEFAULT_ANSWERS: DefaultAnswers = {
  trafficMode: 'concurrent',
  concurrentUsers: 50,
  thinkTimeSec: 10,
  dailyUsers: 2000,
  requestsPerVisit: 20,
  busyHours: 8,
  burstFactor: 2,
  staticSharePct: 40,
  celery: 'none',
  celeryConcurrency: 2,
  celeryBusyPct: 25,
  dbEngine: 'postgresql',
  dbLocation: 'managed',
  redis: 'here',
  redisDataMb: 64,
  staticFiles: 'proxy',
  proxy: 'nginx',
  maxUploadMb: 10,
  responseTimeMs: 200,
  ioSharePct: 60,
  appInterface: 'wsgi',
  arch: 'either',
  workerMemoryMb: 120,
  domain: 'example.com',
  djangoModule: 'mysite',
  appDir: '/srv/mysite',
  staticRoot: '/srv/mysite/static',
  mediaRoot: '/srv/mysite/media',
  appUser: 'django',
};
