// The Combined Log Format family: nginx's `combined` (optionally followed by $request_time,
// $upstream_response_time and $request_length) and Gunicorn's default access_log_format (optionally followed by
// %(D)s or %(L)s). Both print `host ident user [10/Oct/2000:13:55:36 -0700] "GET /p HTTP/1.1" 200 123 "ref" "ua"`.
// Scanned with indexOf and charCodeAt, never a regex: this is the benchmark's hot path (≥ 100 MB/s).
import { clfTime, decimal, digits, tokenEnd } from './scan';
import { SKIP, UPSTREAM_NO, UPSTREAM_UNKNOWN, UPSTREAM_YES, type LineParser, type SkipCode } from './types';
import type { LineRecord } from './types';

const QUOTE = 34;
const SPACE = 32;

/**
 * Reads the combined part into rec; returns the index just after the user agent's closing quote (where
 * extra fields start), or a negative SKIP code. `cache` keeps the last timestamp text: consecutive lines
 * mostly share their second, so the time is parsed about once per second of log, not once per line.
 */
function scanCombined(
  s: string,
  start: number,
  end: number,
  rec: LineRecord,
  cache: { text: string; sec: number },
): number {
  const lb = s.indexOf('[', start);
  // "[" + 26 characters of time + "] \""
  if (lb < 0 || lb + 30 > end || s.charCodeAt(lb + 27) !== 93 || s.charCodeAt(lb + 29) !== QUOTE)
    return -SKIP.shape;
  if (cache.text !== '' && s.startsWith(cache.text, lb + 1)) rec.sec = cache.sec;
  else {
    const sec = clfTime(s, lb + 1);
    if (Number.isNaN(sec)) return -SKIP.time;
    cache.text = s.substr(lb + 1, 26);
    cache.sec = sec;
    rec.sec = sec;
  }
  // nginx writes a quote inside the request as \x22, so the next quote closes the request line.
  const q = lb + 30;
  const qe = s.indexOf('"', q);
  if (qe < 0 || qe + 6 > end) return -SKIP.request;
  // "GET /path HTTP/1.1": the path follows the method. A request line without one (a TLS handshake sent to a
  // plain-HTTP port, "-") is still a request the server handled, so it counts, with an empty path.
  const sp = s.indexOf(' ', q);
  rec.path = s;
  rec.pathStart = sp >= 0 && sp < qe ? sp + 1 : qe;
  const status = digits(s, qe + 2, 3);
  if (s.charCodeAt(qe + 1) !== SPACE || status < 100 || status > 599 || s.charCodeAt(qe + 5) !== SPACE)
    return -SKIP.status;
  rec.status = status;
  // The referer and user agent are the last two quoted fields: find the agent's closing quote from the end.
  const lq = s.lastIndexOf('"', end - 1);
  if (lq <= qe + 5) return -SKIP.shape;
  return lq + 1;
}

/** Skips spaces; returns the next non-space index (≤ end). */
function skipSpaces(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === SPACE) i++;
  return i;
}

/**
 * nginx's $upstream_response_time: "0.012", "-" (no upstream), or several tries "0.010, 0.002" and
 * "0.010 : 0.002" (internal redirect); the times of all tries add up. Returns [ms or -1 for "-", next index].
 */
function upstreamTime(s: string, i: number, end: number, out: { ms: number; next: number }): boolean {
  if (s.charCodeAt(i) === 45 && (i + 1 === end || s.charCodeAt(i + 1) === SPACE)) {
    out.ms = -1;
    out.next = i + 1;
    return true;
  }
  let total = 0;
  for (;;) {
    let e = tokenEnd(s, i, end);
    const comma = s.charCodeAt(e - 1) === 44;
    if (comma) e--;
    const v = decimal(s, i, e);
    if (Number.isNaN(v)) {
      // "-" among several tries: that try got no response; it adds nothing.
      if (!(e === i + 1 && s.charCodeAt(i) === 45)) return false;
    } else total += v;
    i = comma ? e + 1 : e;
    const j = skipSpaces(s, i, end);
    if (comma) {
      i = j;
      continue;
    }
    if (s.charCodeAt(j) === 58 && s.charCodeAt(j + 1) === SPACE) {
      i = skipSpaces(s, j + 1, end);
      continue;
    }
    out.ms = total * 1000;
    out.next = i;
    return true;
  }
}

/** A parser for nginx's combined format with the optional trailing $request_time $upstream_response_time $request_length. */
export function createNginxParser(): LineParser {
  const cache = { text: '', sec: 0 };
  const dec = { decimals: 0 };
  const up = { ms: 0, next: 0 };
  return (s, start, end, rec): SkipCode => {
    const after = scanCombined(s, start, end, rec, cache);
    if (after < 0) return -after as SkipCode;
    rec.appMs = NaN;
    rec.upstream = UPSTREAM_UNKNOWN;
    rec.requestBytes = NaN;
    let i = skipSpaces(s, after, end);
    if (i === end) return SKIP.ok;
    if (i === after) return SKIP.shape;
    // $request_time: seconds with millisecond resolution, always three decimals ("0.004").
    let e = tokenEnd(s, i, end);
    const total = decimal(s, i, e, dec);
    if (Number.isNaN(total) || dec.decimals !== 3) return SKIP.timing;
    rec.appMs = total * 1000;
    i = skipSpaces(s, e, end);
    if (i === end) return SKIP.ok;
    if (!upstreamTime(s, i, end, up)) return SKIP.timing;
    if (up.ms < 0) rec.upstream = UPSTREAM_NO;
    else {
      rec.upstream = UPSTREAM_YES;
      // The app's time is the upstream's: $request_time also counts a slow client sending or reading.
      rec.appMs = up.ms;
    }
    i = skipSpaces(s, up.next, end);
    if (i === end) return SKIP.ok;
    e = tokenEnd(s, i, end);
    const len = decimal(s, i, e, dec);
    if (Number.isNaN(len) || (dec.decimals as number) !== -1 || skipSpaces(s, e, end) !== end)
      return SKIP.timing;
    rec.requestBytes = len;
    return SKIP.ok;
  };
}

/** A parser for Gunicorn's default access_log_format, optionally followed by %(D)s (µs) or %(L)s (s). */
export function createGunicornParser(): LineParser {
  const cache = { text: '', sec: 0 };
  const dec = { decimals: 0 };
  return (s, start, end, rec): SkipCode => {
    const after = scanCombined(s, start, end, rec, cache);
    if (after < 0) return -after as SkipCode;
    rec.appMs = NaN;
    rec.upstream = UPSTREAM_UNKNOWN;
    rec.requestBytes = NaN;
    const i = skipSpaces(s, after, end);
    if (i === end) return SKIP.ok;
    const e = tokenEnd(s, i, end);
    const v = decimal(s, i, e, dec);
    if (i === after || Number.isNaN(v) || skipSpaces(s, e, end) !== end) return SKIP.timing;
    // %(D)s is whole microseconds; %(L)s is "%d.%06d" seconds (gunicorn/glogging.py).
    if (dec.decimals === -1) rec.appMs = v / 1000;
    else if (dec.decimals === 6) rec.appMs = v * 1000;
    else return SKIP.timing;
    return SKIP.ok;
  };
}
