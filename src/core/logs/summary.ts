// The streaming summariser: text in (any chunking), a LogSummary out. Memory is bounded by the summary — a
// 2.8 MB per-second counter window, a 322-bucket histogram, a few counters and at most SAMPLE_LINES sample
// lines — never by the log's size. Pure: no clock, no I/O; the caller (a Web Worker) feeds it.
import { fmt, r, type Reasoned } from '../reasoned';
import { createParser, detectFormat, looksBinary, otherFormat, SAMPLE_LINES } from './detect';
import { add, bars, newHistogram, quantile, type HistogramBar } from './histogram';
import { countSecond, newSecondCounts, rateFigures, WINDOW_SEC, type RateFigures } from './rates';
import { hasPrefix } from './scan';
import {
  FORMAT_LABELS,
  newRecord,
  SKIP,
  SKIP_MESSAGES,
  UPSTREAM_NO,
  UPSTREAM_UNKNOWN,
  UPSTREAM_YES,
  type LineParser,
  type LogFormat,
} from './types';

/** Paths Django projects serve as static files by convention (STATIC_URL, MEDIA_URL) and the usual root files. */
export const DEFAULT_STATIC_PREFIXES: readonly string[] = [
  '/static/',
  '/media/',
  '/favicon.ico',
  '/robots.txt',
];

/** Lines longer than this are skipped (and not kept): a log line is a few hundred bytes. */
export const MAX_LINE = 64 * 1024;
const EXAMPLES = 6;
const EXAMPLE_CHARS = 120;

export interface SummaryOptions {
  /** A format, or undefined to detect it from the first lines. */
  format?: LogFormat;
  staticPrefixes?: readonly string[];
}

export interface SkipExample {
  line: number;
  reason: string;
  text: string;
}

export interface LogSummary {
  ok: boolean;
  /** Why nothing could be summarised (ok = false). */
  error?: string;
  format: LogFormat | null;
  formatLabel: string;
  detected: boolean;
  lines: { total: number; parsed: number; skipped: number; blank: number };
  /** "12 of 4,102,880 lines skipped: 10 not in the expected layout, 2 …" or "" when none. */
  skippedMessage: string;
  skipReasons: { reason: string; count: number }[];
  examples: SkipExample[];
  /** Lines that read as another format (a mixed file). */
  mixed: { format: LogFormat; label: string; count: number }[];
  span: { fromSec: number; toSec: number; seconds: number; text: string } | null;
  rates: RateFigures | null;
  staticShare: {
    prefixes: readonly string[];
    byPrefixPct: number;
    /** Share answered without an upstream (nginx "-"); null when the log has no upstream field. */
    byUpstreamPct: number | null;
  };
  /** Response times of dynamic requests, ms; null when the log has none. */
  response: {
    source: string;
    count: number;
    meanMs: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    maxMs: number;
    histogram: HistogramBar[];
  } | null;
  largestRequest: { bytes: number; what: string } | null;
  status: { s2xx: number; s3xx: number; s4xx: number; s5xx: number; pct5xx: number };
  /** What the sizing takes from the log, each with its reason; null fields are not measured by this log. */
  sizing: {
    peakRps: Reasoned<number> | null;
    staticSharePct: Reasoned<number> | null;
    responseTimeMs: Reasoned<number> | null;
    spanMin: number;
  };
  notes: string[];
}

export interface LogSummariser {
  /** Feeds decoded text; chunks may split lines anywhere. */
  push(text: string): void;
  /** Ends the input. `cutShort` says why the input ended early (a truncated .gz), kept in the notes. */
  end(cutShort?: string): LogSummary;
  /** Lines seen so far (for progress). */
  lines(): number;
  /**
   * True once the format is known to be unreadable (no sample line read as any format, or the first
   * SAMPLE_LINES lines were all binary or over-long): reading further cannot change the outcome.
   */
  hopeless(): boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

/** A duration in words: "3 h 12 min", "45 s". */
export function spanText(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const min = Math.round(seconds / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${fmt(Math.round(h / 24), 0)} days`;
}

/** Control characters (and a binary file's bytes) shown as "·" so an example cannot upset the page. */
function printable(s: string): string {
  const cut = s.length > EXAMPLE_CHARS ? `${s.slice(0, EXAMPLE_CHARS)}…` : s;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\uFFFD]/g, '·');
}

export function createSummariser(opts: SummaryOptions = {}): LogSummariser {
  const prefixes = opts.staticPrefixes ?? DEFAULT_STATIC_PREFIXES;
  const rec = newRecord();
  const seconds = newSecondCounts();
  const hist = newHistogram();
  const skips = new Array<number>(SKIP_MESSAGES.length).fill(0);
  const examples: SkipExample[] = [];
  const mixed = new Map<LogFormat, number>();
  let format: LogFormat | null = opts.format ?? null;
  let parse: LineParser | null = format ? createParser(format) : null;
  let sample: string[] | null = format ? null : [];
  let carry = '';
  let discarding = false;
  let lineNo = 0;
  let skippedWhileSampling = 0;
  let blank = 0;
  let parsed = 0;
  let staticByPrefix = 0;
  let withUpstreamField = 0;
  let noUpstream = 0;
  let largest = -1;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;

  const skip = (code: number, s: string, start: number, end: number) => {
    let c = code;
    if (c !== SKIP.tooLong && looksBinary(s.slice(start, end))) c = SKIP.binary;
    skips[c]!++;
    // Still sampling and only skips so far (binary, over-long lines bypass the sample): decide now.
    if (sample !== null && ++skippedWhileSampling >= SAMPLE_LINES) decide();
    if (format !== null && c !== SKIP.binary && c !== SKIP.tooLong) {
      const other = otherFormat(s.slice(start, end), format);
      if (other) mixed.set(other, (mixed.get(other) ?? 0) + 1);
    }
    // One example per reason first, then more of any reason.
    if (
      examples.length < EXAMPLES &&
      (examples.length < 3 || !examples.some((e) => e.reason === SKIP_MESSAGES[c]))
    )
      examples.push({ line: lineNo, reason: SKIP_MESSAGES[c]!, text: printable(s.slice(start, end)) });
  };

  // The hot path: one call per line, no allocation when the line parses.
  const line = (s: string, start: number, end: number) => {
    lineNo++;
    if (end > start && s.charCodeAt(end - 1) === 13) end--; // CRLF
    if (end === start) {
      blank++;
      return;
    }
    if (parse === null) {
      sample!.push(s.slice(start, end));
      if (sample!.length >= SAMPLE_LINES) decide();
      return;
    }
    const code = parse(s, start, end, rec);
    if (code !== SKIP.ok) {
      skip(code, s, start, end);
      return;
    }
    parsed++;
    countSecond(seconds, rec.sec);
    const st = rec.status;
    if (st >= 500) s5++;
    else if (st >= 400) s4++;
    else if (st >= 300) s3++;
    else if (st >= 200) s2++;
    const isStatic = hasPrefix(rec.path, rec.pathStart, prefixes);
    if (isStatic) staticByPrefix++;
    const up = rec.upstream;
    // Dynamic: what reached Django. nginx's upstream field decides when the log has it, else the path
    // prefix. An ALB's target is the box (its proxy too): dispatched and not a static path.
    let dynamic: boolean;
    if (up === UPSTREAM_UNKNOWN) dynamic = !isStatic;
    else if (format === 'nginx') {
      withUpstreamField++;
      if (up === UPSTREAM_NO) noUpstream++;
      dynamic = up === UPSTREAM_YES;
    } else dynamic = up === UPSTREAM_YES && !isStatic;
    if (dynamic && rec.appMs >= 0) add(hist, rec.appMs);
    if (rec.requestBytes > largest) largest = rec.requestBytes;
  };

  // Decide the format from the sample, then replay the sample through the chosen parser.
  function decide() {
    const lines = sample!;
    sample = null;
    const d = detectFormat(lines);
    format = d.format;
    if (format === null) {
      // Keep every sample line as skipped so the report counts them; nothing further can be read.
      parse = () => SKIP.shape;
    } else parse = createParser(format);
    const saved = lineNo;
    lineNo -= lines.length;
    for (const l of lines) line(l, 0, l.length);
    lineNo = saved;
  }

  function push(text: string) {
    let pos = 0;
    if (carry !== '' || discarding) {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        if (!discarding) {
          carry += text;
          if (carry.length > MAX_LINE) tooLong();
        }
        return;
      }
      if (discarding) discarding = false;
      else {
        const l = carry + text.slice(0, nl);
        carry = '';
        if (l.length > MAX_LINE) {
          lineNo++;
          skip(SKIP.tooLong, l, 0, EXAMPLE_CHARS);
        } else line(l, 0, l.length);
      }
      pos = nl + 1;
    }
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      // Unreadable (see hopeless()): the rest of the chunk is not read either.
      if (format === null && sample === null) return;
      if (nl - pos > MAX_LINE) {
        lineNo++;
        skip(SKIP.tooLong, text, pos, pos + EXAMPLE_CHARS);
      } else line(text, pos, nl);
      pos = nl + 1;
    }
    if (pos < text.length) {
      carry = text.slice(pos);
      if (carry.length > MAX_LINE) tooLong();
    }
  }

  // A line past MAX_LINE is dropped as it arrives (the rest up to its newline is ignored): memory stays bounded.
  function tooLong() {
    lineNo++;
    skip(SKIP.tooLong, carry, 0, EXAMPLE_CHARS);
    carry = '';
    discarding = true;
  }

  function end(cutShort?: string): LogSummary {
    if (carry !== '') {
      const l = carry;
      carry = '';
      line(l, 0, l.length);
    }
    if (sample !== null) decide();
    return summarise(cutShort);
  }

  function summarise(cutShort?: string): LogSummary {
    const skipped = skips.reduce((a, b) => a + b, 0);
    const total = parsed + skipped;
    const skipReasons = skips
      .map((count, i) => ({ reason: SKIP_MESSAGES[i]!, count }))
      .filter((x) => x.count > 0)
      .sort((a, b) => b.count - a.count);
    const skippedMessage =
      skipped === 0
        ? ''
        : `${fmt(skipped)} of ${plural(total, 'line')} skipped: ${skipReasons.map((x) => `${fmt(x.count)} ${x.reason}`).join(', ')}.`;
    const rates = rateFigures(seconds);
    const notes: string[] = [];
    if (cutShort) notes.push(cutShort);
    const fmtLabel = format ? FORMAT_LABELS[format] : 'unknown';
    const base = {
      format,
      formatLabel: fmtLabel,
      detected: opts.format === undefined,
      lines: { total, parsed, skipped, blank },
      skippedMessage,
      skipReasons,
      examples,
      mixed: [...mixed].map(([f, count]) => ({ format: f, label: FORMAT_LABELS[f], count })),
      notes,
    };
    const status = { s2xx: s2, s3xx: s3, s4xx: s4, s5xx: s5, pct5xx: pct(s5, parsed) };
    const staticShare = {
      prefixes,
      byPrefixPct: pct(staticByPrefix, parsed),
      byUpstreamPct: withUpstreamField > 0 ? pct(noUpstream, withUpstreamField) : null,
    };
    if (parsed === 0 || rates === null) {
      const binary = skips[SKIP.binary]! > 0 && skips[SKIP.binary]! >= total / 2;
      const error =
        total === 0
          ? 'The file holds no log lines.'
          : binary
            ? 'This file looks binary (NUL bytes or invalid UTF-8), not a text access log. A compressed log must be gzip (.gz).'
            : format === null
              ? `No line of the first ${plural(Math.min(total, SAMPLE_LINES), 'line')} reads as a supported format (${Object.values(FORMAT_LABELS).join('; ')}). Pick the format if you know it, or check the log_format lines in the README.`
              : `No line reads as ${fmtLabel}.`;
      return {
        ...base,
        ok: false,
        error,
        span: null,
        rates: null,
        staticShare,
        response: null,
        largestRequest: null,
        status,
        sizing: { peakRps: null, staticSharePct: null, responseTimeMs: null, spanMin: 0 },
      };
    }
    const spanSec = seconds.maxSec - seconds.minSec + 1;
    const span = {
      fromSec: seconds.minSec,
      toSec: seconds.maxSec,
      seconds: spanSec,
      text: spanText(spanSec),
    };
    if (seconds.outside > 0)
      notes.push(
        `${plural(seconds.outside, 'line')} fell outside the ${WINDOW_SEC / 86400}-day window the peak rates are taken from (the log spans ${span.text}); they count in every other figure.`,
      );
    if (spanSec < 600)
      notes.push(
        `The log covers only ${span.text}: its busiest minute may not be your busiest hour's. A log of a busy day measures the peak better.`,
      );
    const response =
      hist.n === 0
        ? null
        : {
            source: responseSource(format!, withUpstreamField > 0),
            count: hist.n,
            meanMs: hist.sum / hist.n,
            p50Ms: quantile(hist, 0.5),
            p95Ms: quantile(hist, 0.95),
            p99Ms: quantile(hist, 0.99),
            maxMs: hist.max,
            histogram: bars(hist),
          };
    if (response === null)
      notes.push(
        'This log has no response times, so the response time stays your answer. Add $request_time $upstream_response_time (nginx) or %(D)s (Gunicorn) to the log format to measure it.',
      );
    const largestRequest =
      largest >= 0
        ? { bytes: largest, what: format === 'caddy' ? 'request body' : 'request (headers and body)' }
        : null;
    const m = rates.busiestMinute;
    const peakRps = r(
      m.rps,
      `The busiest ${m.seconds === 60 ? 'minute' : `${m.seconds} s`} of the log averaged ${fmt(m.rps)} requests/s ` +
        `(busiest single second ${fmt(rates.busiestSecond.rps)}, 99th percentile of seconds ${fmt(rates.p99Second)}). ` +
        'The sizing uses the busiest minute: its queueing model (Erlang C) already adds the second-to-second ' +
        'randomness of arrivals, so a per-second peak would count that randomness twice.',
    );
    const useUpstream = staticShare.byUpstreamPct !== null && format === 'nginx';
    const gunicornOnly = format === 'gunicorn' && staticByPrefix === 0;
    const staticSharePct = gunicornOnly
      ? null
      : useUpstream
        ? r(
            staticShare.byUpstreamPct!,
            `${fmt(staticShare.byUpstreamPct!, 1)}% of requests were answered by nginx without an upstream ($upstream_response_time "-") — what the proxy serves itself (by path prefix: ${fmt(staticShare.byPrefixPct, 1)}%).`,
          )
        : r(
            staticShare.byPrefixPct,
            `${fmt(staticShare.byPrefixPct, 1)}% of requests asked for a path under ${prefixes.join(', ')}.`,
          );
    if (gunicornOnly)
      notes.push(
        'Gunicorn logs only what the proxy passes on, so this log cannot tell the static share: it stays your answer, and the peak rate is read as the dynamic rate.',
      );
    const responseTimeMs = response
      ? r(
          response.meanMs,
          `Mean ${response.source} of ${plural(response.count, 'dynamic request')} (p50 ${fmt(response.p50Ms)} ms, p95 ${fmt(response.p95Ms)} ms). ` +
            'The mean, not the median: requests in flight = arrival rate × mean time (Little’s law).',
        )
      : null;
    return {
      ...base,
      ok: true,
      span,
      rates,
      staticShare,
      response,
      largestRequest,
      status,
      sizing: { peakRps, staticSharePct, responseTimeMs, spanMin: Math.max(1, Math.round(spanSec / 60)) },
    };
  }

  return { push, end, lines: () => lineNo, hopeless: () => sample === null && format === null };
}

function responseSource(format: LogFormat, upstream: boolean): string {
  switch (format) {
    case 'nginx':
      return upstream ? 'upstream time ($upstream_response_time)' : 'request time ($request_time)';
    case 'gunicorn':
      return 'Gunicorn request time';
    case 'caddy':
      return 'Caddy duration';
    case 'alb':
      return 'target processing time';
  }
}

/** Summarises a whole text at once (tests, small files). */
export function summariseText(text: string, opts: SummaryOptions = {}): LogSummary {
  const s = createSummariser(opts);
  s.push(text);
  return s.end();
}
