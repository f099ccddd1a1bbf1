import { V1_KEYS } from './v1';

/**
 * Permalink version 2, frozen (2026-11): v1's keys plus the answers added since (rate mode, latency target,
 * load balancer, celery beat, database size, measured answers). Keys and defaults are literals: changing
 * DEFAULT_ANSWERS later cannot change what a v2 link means. Do not edit; add a version instead.
 */
export const V2_KEYS = {
  ...V1_KEYS,
  peakRps: 'pr',
  celeryBeat: 'cbt',
  dbDataGb: 'dg',
  p95TargetMs: 'pt',
  lb: 'lb',
  healthCheck: 'hc',
  lbSubnet: 'ls',
  measuredFields: 'ms',
  logSpanMin: 'lsp',
} as const;

export type V2Field = keyof typeof V2_KEYS;

export const V2_DEFAULTS: Readonly<Record<V2Field, string | number>> = Object.freeze({
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
  lbSubnet: '172.31.0.0/16',
  measuredFields: '',
  logSpanMin: 0,
  domain: 'example.com',
  djangoModule: 'mysite',
  appDir: '/srv/mysite',
  staticRoot: '/srv/mysite/static',
  mediaRoot: '/srv/mysite/media',
  appUser: 'django',
});
