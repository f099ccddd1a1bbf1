import type { AnswerField, Answers } from './answers';

/** The wizard's steps follow the guide's Step 1 questions, grouped; the help says why each matters for sizing. */
export interface StepDef {
  id: string;
  title: string;
  intro: string;
  fields: AskedField[];
}

export interface Option {
  value: string;
  label: string;
}

interface QuestionBase {
  label: string;
  help: string;
  /** Help that replaces `help` in a traffic mode where the field means something else (helpText() picks). */
  modeHelp?: Partial<Record<Answers['trafficMode'], string>>;
  /** Shown only when this holds; hidden answers keep their values (and defaults). */
  showIf?: (a: Answers) => boolean;
}

export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  unit?: string;
  /** Input granularity (1 for counts). */
  step: number;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: Option[];
}

export interface TextQuestion extends QuestionBase {
  kind: 'text';
}

export type QuestionDef = NumberQuestion | ChoiceQuestion | TextQuestion;

/** Answers the wizard does not ask: they record where other answers came from (a log import, a measurement). */
export type ProvenanceField = 'measuredFields' | 'logSpanMin';
/** Answers the wizard asks. */
export type AskedField = Exclude<AnswerField, ProvenanceField>;

export const STEPS: StepDef[] = [
  {
    id: 'traffic',
    title: 'Traffic',
    intro:
      'How many people use the site at its busiest? This sets the request rate everything else is sized for.',
    fields: [
      'trafficMode',
      'concurrentUsers',
      'thinkTimeSec',
      'dailyUsers',
      'requestsPerVisit',
      'peakRps',
      'busyHours',
      'burstFactor',
    ],
  },
  {
    id: 'content',
    title: 'Content',
    intro: 'Static files are cheap for the proxy; dynamic pages cost Django CPU time.',
    fields: ['staticSharePct'],
  },
  {
    id: 'background',
    title: 'Background work',
    intro: 'Celery workers compete with Gunicorn for memory and CPU when they share the box.',
    fields: ['celery', 'celeryConcurrency', 'celeryBusyPct', 'celeryBeat'],
  },
  {
    id: 'data',
    title: 'Data services',
    intro: 'A database or Redis on the same box takes a large share of its memory.',
    fields: ['dbEngine', 'dbLocation', 'dbDataGb', 'redis', 'redisDataMb'],
  },
  {
    id: 'proxy',
    title: 'Storage and proxy',
    intro: 'Who serves static and media files, and which reverse proxy sits in front of Gunicorn.',
    fields: ['staticFiles', 'proxy', 'maxUploadMb', 'lb', 'healthCheck', 'lbSubnet'],
  },
  {
    id: 'app',
    title: 'App profile',
    intro: 'How your Django app behaves per request decides workers, threads and the worker class.',
    fields: ['responseTimeMs', 'ioSharePct', 'appInterface', 'workerMemoryMb', 'p95TargetMs', 'arch'],
  },
  {
    id: 'deploy',
    title: 'Deployment',
    intro:
      'Names and paths for the generated configs. Only plain names are accepted: nothing can slip into a config.',
    fields: ['domain', 'djangoModule', 'appDir', 'staticRoot', 'mediaRoot', 'appUser'],
  },
];

const concurrent = (a: Answers) => a.trafficMode === 'concurrent';
const daily = (a: Answers) => a.trafficMode === 'daily';

export const QUESTIONS: Record<AskedField, QuestionDef> = {
  trafficMode: {
    label: 'How do you measure traffic?',
    help: 'Use the figure you have: peak requests per second from monitoring or a log, peak concurrent users, or daily users (we estimate the peak).',
    kind: 'choice',
    options: [
      { value: 'concurrent', label: 'I know my peak concurrent users' },
      { value: 'daily', label: 'I know my daily users' },
      { value: 'rate', label: 'I know my peak requests per second' },
    ],
  },
  concurrentUsers: {
    label: 'Peak concurrent users',
    help: 'People active on the site at the same moment at its busiest: this sets the peak request rate.',
    kind: 'number',
    step: 1,
    showIf: concurrent,
  },
  thinkTimeSec: {
    label: 'Think time between requests',
    help: 'Seconds between one user’s requests: about 10 s for a person reading pages, 1 s or less for API clients and single-page apps (0.1 s at least).',
    kind: 'number',
    unit: 's',
    step: 0.1,
    showIf: concurrent,
  },
  dailyUsers: {
    label: 'Daily active users',
    help: 'Distinct users on a typical busy day; with requests per user it gives the daily volume.',
    kind: 'number',
    step: 1,
    showIf: daily,
  },
  requestsPerVisit: {
    label: 'Requests per user per day',
    help: 'Page views plus API calls and static files each user causes in a day.',
    kind: 'number',
    step: 1,
    showIf: daily,
  },
  peakRps: {
    label: 'Peak requests per second',
    help: 'All requests at the busiest minute, static files included (CloudWatch, Prometheus, Datadog or a log show it).',
    kind: 'number',
    unit: 'requests/s',
    step: 0.1,
    showIf: (a) => a.trafficMode === 'rate',
  },
  busyHours: {
    label: 'Busy hours per day',
    help: 'Traffic concentrates in these hours: fewer hours means a higher peak. A burstable (T) instance is billed as if the peak lasted this long.',
    // With concurrent users or a rate the peak is given: the hours only say how long it lasts.
    modeHelp: {
      concurrent:
        'How many hours a day traffic stays near this peak. It does not change the peak: it only decides how long a burstable (T) instance runs above its baseline, for its surplus bill.',
      rate: 'How many hours a day traffic stays near this rate. It does not change the peak: it only decides how long a burstable (T) instance runs above its baseline, for its surplus bill.',
    },
    kind: 'number',
    unit: 'h',
    step: 1,
  },
  burstFactor: {
    label: 'Burst factor',
    help: 'How far short spikes rise above the peak hour’s average (2× is common; launches and newsletters go higher).',
    kind: 'number',
    unit: '×',
    step: 0.1,
    showIf: daily,
  },
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
    help: 'Automatic: one box serves the site directly unless one box cannot carry the peak. Choose ALB if you already run behind one.',
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
  domain: {
    label: 'Domain',
    help: 'The site’s host name, for TLS certificates and server_name.',
    kind: 'text',
  },
  djangoModule: {
    label: 'Django project module',
    help: 'The package holding wsgi.py / asgi.py (the name you passed to startproject).',
    kind: 'text',
  },
  appDir: {
    label: 'App directory',
    help: 'Where the project lives on the server; the virtualenv is expected in venv/ inside it.',
    kind: 'text',
  },
  staticRoot: {
    label: 'Static root',
    help: 'Django’s STATIC_ROOT: where collectstatic puts files for the proxy.',
    kind: 'text',
    showIf: (a) => a.staticFiles === 'proxy',
  },
  mediaRoot: {
    label: 'Media root',
    help: 'Django’s MEDIA_ROOT: user uploads the proxy serves.',
    kind: 'text',
    showIf: (a) => a.staticFiles === 'proxy',
  },
  appUser: {
    label: 'System user',
    help: 'The Linux user Gunicorn and Celery run as (not root).',
    kind: 'text',
  },
};

export const isVisible = (field: AskedField, a: Answers) => QUESTIONS[field].showIf?.(a) ?? true;

/** The help that is true for these answers (a field's meaning can change with the traffic mode). */
export const helpText = (field: AskedField, a: Answers): string =>
  QUESTIONS[field].modeHelp?.[a.trafficMode] ?? QUESTIONS[field].help;
