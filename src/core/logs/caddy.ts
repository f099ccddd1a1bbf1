// Caddy's JSON access log (the `log` directive; one JSON object per line, logger "http.log.access…"):
// {"ts":1700000000.12,"logger":"http.log.access.log0","request":{"uri":"/","headers":{…}},"bytes_read":0,
//  "duration":0.0123,"size":512,"status":200,…}. JSON.parse per line: the layout is JSON's, not fixed columns.
import { isoTime } from './scan';
import { SKIP, UPSTREAM_UNKNOWN, type LineParser, type SkipCode } from './types';

interface CaddyEntry {
  ts?: unknown;
  logger?: unknown;
  status?: unknown;
  duration?: unknown;
  bytes_read?: unknown;
  request?: { uri?: unknown; headers?: Record<string, unknown> };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/** Caddy's "ts": Unix seconds as a float by default; an ISO 8601 string with `time_format iso8601`/`rfc3339`. */
function tsSeconds(ts: unknown): number {
  if (typeof ts === 'number' && Number.isFinite(ts)) return Math.floor(ts);
  if (typeof ts === 'string') return isoTime(ts, 0);
  return NaN;
}

/** The request body's size: Caddy 2.6 logs bytes_read; else the Content-Length request header. */
function bodyBytes(e: CaddyEntry): number {
  const read = num(e.bytes_read);
  if (!Number.isNaN(read)) return read;
  const cl = e.request?.headers?.['Content-Length'];
  const v = Array.isArray(cl) ? Number(cl[0]) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : NaN;
}

export function createCaddyParser(): LineParser {
  return (s, start, end, rec): SkipCode => {
    if (s.charCodeAt(start) !== 123) return SKIP.shape;
    let e: CaddyEntry;
    try {
      e = JSON.parse(s.slice(start, end)) as CaddyEntry;
    } catch {
      return SKIP.json;
    }
    if (e === null || typeof e !== 'object') return SKIP.json;
    if (typeof e.logger === 'string' && !e.logger.startsWith('http.log.access')) return SKIP.notAccess;
    const uri = e.request?.uri;
    if (typeof uri !== 'string') return SKIP.notAccess;
    const sec = tsSeconds(e.ts);
    if (Number.isNaN(sec)) return SKIP.time;
    const status = num(e.status);
    // Caddy logs status 0 when the handler wrote nothing (e.g. a closed connection): not a request we can size.
    if (!Number.isInteger(status) || status < 100 || status > 599) return SKIP.status;
    const duration = num(e.duration);
    rec.sec = sec;
    rec.status = status;
    rec.path = uri;
    rec.pathStart = 0;
    // "duration" is seconds (a float) in Caddy 2.x.
    rec.appMs = duration >= 0 ? duration * 1000 : NaN;
    rec.upstream = UPSTREAM_UNKNOWN;
    rec.requestBytes = bodyBytes(e);
    return SKIP.ok;
  };
}
