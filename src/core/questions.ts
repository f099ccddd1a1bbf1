import type { AnswerField, Answers } from './answers';

/** The wizard's steps follow the guide's Step 1 questions, grouped; the help says why each matters for sizing. */
export interface StepDef {
  id: string;
  title: string;
  intro: string;
  fields: SizingField[];
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
/** Names and paths that only the configs need (deployQuestions.ts): asked beside them, not on the wizard. */
export type DeployField = 'domain' | 'djangoModule' | 'appDir' | 'staticRoot' | 'mediaRoot' | 'appUser';
/** Answers the wizard's steps ask: every one of them can change the sizing. */
export type SizingField = Exclude<AskedField, DeployField>;

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
];

const concurrent = (a: Answers) => a.trafficMode === 'concurrent';
const daily = (a: Answers) => a.trafficMode === 'daily';

/** The first step's fields: the only ones the prerendered first screen needs. */
export type FirstStepField =
  | 'trafficMode'
  | 'concurrentUsers'
  | 'thinkTimeSec'
  | 'dailyUsers'
  | 'requestsPerVisit'
  | 'peakRps'
  | 'busyHours'
  | 'burstFactor';

/**
 * The first step's questions. The other steps' texts are in laterQuestions.ts and load after the first screen
 * (allQuestions.ts joins them), so the first screen carries only what it shows.
 */
export const FIRST_STEP_QUESTIONS: Record<FirstStepField, QuestionDef> = {
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
};

/** Whether a question is shown for these answers (hidden answers keep their values). */
export const visible = (q: QuestionDef, a: Answers) => q.showIf?.(a) ?? true;

/** The help that is true for these answers (a field's meaning can change with the traffic mode). */
export const helpFor = (q: QuestionDef, a: Answers): string => q.modeHelp?.[a.trafficMode] ?? q.help;
