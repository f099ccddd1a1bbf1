import type { Answers } from './answers';
import { DEFAULT_ANSWERS } from './defaults';
import type { Reasoned } from './reasoned';

/**
 * Presets: typical Django apps, each setting the answers people rarely know (response time, I/O share, static
 * share, worker memory, think time, Celery) to a sensible value with the source or the reasoning behind it.
 * Applying one only fills answers: every field stays editable, and a permalink records the answers, not the
 * preset (provenance.ts still recognises a preset's values as assumptions).
 */

/** The answers a preset sets. */
export const PRESET_FIELDS = [
  'responseTimeMs',
  'ioSharePct',
  'staticSharePct',
  'workerMemoryMb',
  'thinkTimeSec',
  'celery',
  'celeryConcurrency',
] as const;
export type PresetField = (typeof PRESET_FIELDS)[number];

export type SourceId = 'pagespeed' | 'nielsen' | 'almanac' | 'sizingFacts' | 'reasoning';

/** Where a preset value comes from: a published figure (with its address) or our own stated reasoning. */
export const SOURCES: Record<SourceId, { title: string; url?: string }> = {
  pagespeed: {
    title:
      'Google PageSpeed Insights, “Improve Server Response Time”: keep server response time under 200 ms',
    url: 'https://developers.google.com/speed/docs/insights/Server',
  },
  nielsen: {
    title:
      'Jakob Nielsen, “How Long Do Users Stay on Web Pages?” (2011): users often leave a page in 10–20 s; the average page visit lasts a little under a minute',
    url: 'https://www.nngroup.com/articles/how-long-do-users-stay-on-web-pages/',
  },
  almanac: {
    title:
      'HTTP Archive Web Almanac 2024, Page Weight: the median page makes 71 requests on desktop, 66 on mobile — one of them the HTML',
    url: 'https://almanac.httparchive.org/en/2024/page-weight',
  },
  sizingFacts: {
    title:
      'Reported Gunicorn + Django worker sizes (sizing-facts.md): ~31 MB minimal, ~100 MB typical, 200–400 MB heavy; Celery prefork child 60–100 MB',
  },
  reasoning: { title: 'Our reasoning (an assumption): measure it to replace it' },
};

export interface PresetValue<T> extends Reasoned<T> {
  source: SourceId;
}

export type PresetValues = { [K in PresetField]?: PresetValue<Answers[K]> };

export interface Preset {
  id: string;
  name: string;
  /** One line: what kind of app this is. */
  summary: string;
  values: PresetValues;
}

const v = <T>(value: T, source: SourceId, reason: string): PresetValue<T> => ({ value, reason, source });

// The numbers below are starting points for a typical app of each kind, not measurements of yours: the result
// marks them as assumptions until you change them or measure them (access-log import, "measure on your server").
export const PRESETS: readonly Preset[] = [
  {
    id: 'brochure',
    name: 'Small blog or brochure site',
    summary: 'A handful of pages read by people; little changes between requests.',
    values: {
      responseTimeMs: v(
        150,
        'pagespeed',
        'Simple pages from a few queries render well under Google’s 200 ms server-response target.',
      ),
      ioSharePct: v(
        50,
        'reasoning',
        'A few small, indexed queries take about as long as rendering the template: half waiting, half CPU.',
      ),
      staticSharePct: v(
        80,
        'almanac',
        'A median page pulls ~70 files besides its HTML; browsers cache them across a visit of a few pages, so about 4 of 5 requests still are CSS, JS, images and fonts.',
      ),
      workerMemoryMb: v(
        100,
        'sizingFacts',
        'A plain Django app with a few apps installed: the ~100 MB typical worker.',
      ),
      thinkTimeSec: v(
        30,
        'nielsen',
        'People read: users leave a page after 10–20 s or stay about a minute, so ~30 s between clicks.',
      ),
      celery: v('none', 'reasoning', 'A brochure site has no background jobs worth a worker.'),
    },
  },
  {
    id: 'saas',
    name: 'SaaS dashboard',
    summary: 'Logged-in users working in a single-page or HTMX front end backed by Django views or an API.',
    values: {
      responseTimeMs: v(
        250,
        'pagespeed',
        'Per-user queries (permissions, tenant filters, aggregates) put a typical dashboard call a little over the 200 ms target.',
      ),
      ioSharePct: v(
        70,
        'reasoning',
        'Several database queries per request, each waiting on the network and the planner, outweigh serialising a small result.',
      ),
      staticSharePct: v(
        20,
        'reasoning',
        'The front-end bundle is cached after the first load; what follows is mostly API calls and fragments that reach Django.',
      ),
      workerMemoryMb: v(
        150,
        'sizingFacts',
        'Between the typical ~100 MB and heavy 200–400 MB: a larger codebase with DRF, auth and billing libraries.',
      ),
      thinkTimeSec: v(
        5,
        'reasoning',
        'A dashboard fires several calls per click and often polls, so a user sends a request every few seconds.',
      ),
      celery: v(
        'here',
        'reasoning',
        'E-mails, exports and webhooks usually run in Celery next to the web app.',
      ),
      celeryConcurrency: v(
        2,
        'sizingFacts',
        'Two prefork children (60–100 MB each) keep e-mails and exports moving without crowding a small box (Celery’s default is one per CPU).',
      ),
    },
  },
  {
    id: 'api',
    name: 'JSON API',
    summary: 'Machine clients or a mobile app calling Django REST Framework or Django Ninja endpoints.',
    values: {
      responseTimeMs: v(
        80,
        'pagespeed',
        'An API call returns one small object or page of results, well under the 200 ms target.',
      ),
      ioSharePct: v(
        50,
        'reasoning',
        'Serialising and validating JSON burns CPU about as long as the queries wait.',
      ),
      staticSharePct: v(0, 'reasoning', 'An API serves no CSS, JS or images: every request reaches Django.'),
      workerMemoryMb: v(
        120,
        'sizingFacts',
        'The typical ~100 MB plus the REST framework and its serialisers.',
      ),
      thinkTimeSec: v(
        1,
        'reasoning',
        'Programs and apps send their next call almost at once; 1 s between calls per client.',
      ),
      celery: v(
        'none',
        'reasoning',
        'Many APIs do all their work in the request; choose Celery if yours does not.',
      ),
    },
  },
  {
    id: 'content',
    name: 'Content site, heavy on static files',
    summary: 'A news site, documentation or a catalogue: many images and assets around each page.',
    values: {
      responseTimeMs: v(
        200,
        'pagespeed',
        'Article and listing pages with related content: at Google’s 200 ms server-response target.',
      ),
      ioSharePct: v(
        60,
        'reasoning',
        'Listing and related-content queries wait a little longer than the templates take to render.',
      ),
      staticSharePct: v(
        90,
        'almanac',
        'A median page makes ~70 requests, one of them the HTML; with images changing from page to page, about 9 in 10 requests are static.',
      ),
      workerMemoryMb: v(
        120,
        'sizingFacts',
        'The typical ~100 MB plus a CMS (Wagtail, django CMS) and image libraries.',
      ),
      thinkTimeSec: v(
        30,
        'nielsen',
        'Readers: users leave a page after 10–20 s or stay about a minute, so ~30 s between pages.',
      ),
      celery: v(
        'none',
        'reasoning',
        'Publishing runs in the request; thumbnails are usually made on upload.',
      ),
    },
  },
  {
    id: 'reporting',
    name: 'Reporting or back-office app',
    summary: 'Staff running reports, exports and admin screens over large tables.',
    values: {
      responseTimeMs: v(
        1500,
        'reasoning',
        'Aggregates over large tables take seconds; staff accept a report that takes a second or two.',
      ),
      ioSharePct: v(
        80,
        'reasoning',
        'Most of a report’s time is the database aggregating; Python only formats the result.',
      ),
      staticSharePct: v(
        30,
        'reasoning',
        'Admin screens load their CSS and JS once a session; most requests are pages and reports.',
      ),
      workerMemoryMb: v(
        300,
        'sizingFacts',
        'Reports load many rows into Python (pandas, openpyxl): the 200–400 MB of heavy apps.',
      ),
      thinkTimeSec: v(
        60,
        'nielsen',
        'Reading a report takes longer than reading a page: about the minute an average page visit lasts.',
      ),
      celery: v('here', 'reasoning', 'Long exports and scheduled reports belong in background tasks.'),
      celeryConcurrency: v(
        2,
        'sizingFacts',
        'Two prefork children (60–100 MB each) so one long export never blocks the next.',
      ),
    },
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The answers a preset sets, as plain values. */
export function presetAnswers(p: Preset): Partial<Answers> {
  const out: Partial<Record<PresetField, unknown>> = {};
  for (const f of PRESET_FIELDS) {
    const pv = p.values[f];
    if (pv) out[f] = pv.value;
  }
  return out as Partial<Answers>;
}

/**
 * The answers with a preset applied: its values replace the current ones, and those answers are no longer
 * counted as measured (a preset is an assumption, not a measurement).
 */
export function applyPreset(a: Answers, p: Preset): Answers {
  const set = presetAnswers(p);
  const measured = a.measuredFields
    .split(',')
    .filter((f) => f !== '' && !(f in set))
    .join(',');
  return { ...a, ...set, measuredFields: measured };
}

// A preset counts as recognised when the answers hold at least this many of its values that differ from the
// defaults (or all of them, when it has fewer): one or two equal numbers can be a coincidence, three are a preset
// the user started from. Values equal to the default do not count: the defaults would "match" several presets.
const PRESET_MATCH_MIN = 3;

/** The preset the answers most look like, if any: the one with the most of its own values still in place. */
export function recognisedPreset(a: Answers): Preset | undefined {
  let best: Preset | undefined;
  let bestCount = 0;
  for (const p of PRESETS) {
    const own = PRESET_FIELDS.filter(
      (f) => p.values[f] !== undefined && p.values[f].value !== DEFAULT_ANSWERS[f],
    );
    const count = own.filter((f) => p.values[f]!.value === a[f]).length;
    if (count > 0 && count >= Math.min(PRESET_MATCH_MIN, own.length) && count > bestCount) {
      best = p;
      bestCount = count;
    }
  }
  return best;
}
