import type { FirstStepField, QuestionDef, SizingField } from './questions';

/** The questions of the wizard's steps after the first (see FIRST_STEP_QUESTIONS for why they are apart). */
export const LATER_QUESTIONS: Record<Exclude<SizingField, FirstStepField>, QuestionDef> = {
  staticSharePct: {
    label: 'Share of requests for static files',
    help: 'CSS, JS and images: they never reach Django, so only the rest costs Gunicorn capacity.',
    kind: 'number',
    unit: '%',
    step: 1,
  },
  celery: {
    label: 'Background tasks (Celery)',
    help: 'Celery on this box shares its memory and CPU with the web workers.',
    kind: 'choice',
    options: [
      { value: 'none', label: 'No Celery' },
      { value: 'here', label: 'Celery on this box' },
      { value: 'elsewhere', label: 'Celery on another box' },
    ],
  },
  celeryConcurrency: {
    label: 'Celery concurrency',
    help: 'Worker processes (prefork children): each takes memory and a database connection.',
    kind: 'number',
    step: 1,
    showIf: (a) => a.celery !== 'none',
  },
  celeryBusyPct: {
    label: 'How busy Celery workers are at peak',
    help: 'Share of the time each Celery process is using CPU; long CPU-bound tasks are near 100%.',
    kind: 'number',
    unit: '%',
    step: 1,
    showIf: (a) => a.celery === 'here',
  },
  celeryBeat: {
    label: 'Scheduled tasks (celery beat)',
    help: 'Periodic tasks need one celery beat process (its own unit); it runs wherever Celery runs.',
    kind: 'choice',
    options: [
      { value: 'no', label: 'No periodic tasks' },
      { value: 'yes', label: 'Yes, run celery beat' },
    ],
    showIf: (a) => a.celery !== 'none',
  },

  dbEngine: {
    label: 'Database',
    help: 'The engine decides connection limits and its memory baseline.',
    kind: 'choice',
    options: [
      { value: 'postgresql', label: 'PostgreSQL' },
      { value: 'mysql', label: 'MySQL' },
    ],
  },
  dbLocation: {
    label: 'Where does the database run?',
    help: 'On this box it takes a quarter of the memory and some CPU; a managed service (RDS) takes none.',
    kind: 'choice',
    options: [
      { value: 'managed', label: 'Managed (RDS) or another server' },
      { value: 'here', label: 'On this box' },
    ],
  },
  redis: {
    label: 'Redis',
    help: 'Redis on this box holds its data in memory.',
    kind: 'choice',
    options: [
      { value: 'here', label: 'On this box' },
      { value: 'managed', label: 'Managed (ElastiCache) or elsewhere' },
      { value: 'none', label: 'No Redis' },
    ],
  },
  dbDataGb: {
    label: 'Database size',
    help: 'Data plus indexes on disk (\\l+ in psql): sizes the storage and how much of it memory can cache.',
    kind: 'number',
    unit: 'GB',
    step: 1,
  },
  redisDataMb: {
    label: 'Redis data size',
    help: 'Memory Redis uses for its keys (INFO memory: used_memory).',
    kind: 'number',
    unit: 'MB',
    step: 1,
    showIf: (a) => a.redis === 'here',
  },
  staticFiles: {
    label: 'Static and media files',
    help: 'Served by the proxy from disk, or from S3/CloudFront so they never touch this box.',
    kind: 'choice',
    options: [
      { value: 'proxy', label: 'Served by Nginx/Caddy from disk' },
      { value: 's3', label: 'On S3 / a CDN' },
    ],
  },
  proxy: {
    label: 'Reverse proxy',
    help: 'Buffers slow clients for Gunicorn and terminates TLS; the configs are generated for it.',
    kind: 'choice',
    options: [
      { value: 'nginx', label: 'Nginx' },
      { value: 'caddy', label: 'Caddy' },
    ],
  },
  maxUploadMb: {
    label: 'Largest upload',
    help: 'The proxy refuses bigger request bodies (Nginx’s default is only 1 MB).',
    kind: 'number',
    unit: 'MB',
    step: 1,
  },
  responseTimeMs: {
    label: 'Typical response time',
    help: 'Time Django takes for a typical dynamic request, from your logs or APM (p50).',
    kind: 'number',
    unit: 'ms',
    step: 1,
  },
  ioSharePct: {
    label: 'Share of that time waiting on I/O',
    help: 'Database, cache and API waits: I/O-bound apps gain from threads, CPU-bound ones from cores.',
    kind: 'number',
    unit: '%',
    step: 1,
  },
  appInterface: {
    label: 'WSGI or ASGI',
    help: 'ASGI apps run under Uvicorn’s worker; WSGI apps under sync or threaded workers.',
    kind: 'choice',
    options: [
      { value: 'wsgi', label: 'WSGI (wsgi.py)' },
      { value: 'asgi', label: 'ASGI (asgi.py)' },
    ],
  },
  workerMemoryMb: {
    label: 'Memory per Gunicorn worker',
    help: 'Resident memory of one worker (ps -o rss): ~100 MB is typical, 200–400 MB for heavy apps.',
    kind: 'number',
    unit: 'MB',
    step: 1,
  },
  p95TargetMs: {
    label: 'p95 response-time target',
    help: 'The response time 95% of requests must beat at peak; 0 lets Rightsize pick a multiple of your typical response time.',
    kind: 'number',
    unit: 'ms',
    step: 1,
  },
  lb: {
    label: 'Load balancer',
    help: 'Automatic: one box serves the site directly unless one box cannot carry the peak. Choose ALB if you already run behind one. Behind a load balancer the boxes are copies, so a database, Redis or Celery “on this box” moves to RDS, ElastiCache or a box of its own.',
    kind: 'choice',
    options: [
      { value: 'auto', label: 'Only when one box is not enough' },
      { value: 'alb', label: 'Always behind an AWS Application Load Balancer' },
    ],
  },
  healthCheck: {
    label: 'Health check answered by',
    help: 'The proxy answers /healthz without touching Django (cheap), or a Django view answers it (checks the app too).',
    kind: 'choice',
    options: [
      { value: 'proxy', label: 'The proxy (Nginx/Caddy)' },
      { value: 'django', label: 'A Django view' },
    ],
    showIf: (a) => a.lb === 'alb',
  },
  lbSubnet: {
    label: 'Load balancer subnet',
    help: 'The VPC range the ALB connects from: client addresses in X-Forwarded-For are trusted from it only.',
    kind: 'text',
    showIf: (a) => a.lb === 'alb',
  },
  arch: {
    label: 'CPU architecture',
    help: 'Graviton (ARM) is cheaper per vCPU if all your dependencies have arm64 wheels.',
    kind: 'choice',
    options: [
      { value: 'either', label: 'Either (cheapest)' },
      { value: 'x86', label: 'x86 only' },
      { value: 'arm', label: 'ARM (Graviton) only' },
    ],
  },
};
