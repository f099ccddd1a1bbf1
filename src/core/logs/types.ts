/** The access-log formats Rightsize reads (README "Import an access log" gives the exact log_format lines). */
export const LOG_FORMATS = ['nginx', 'gunicorn', 'caddy', 'alb'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const FORMAT_LABELS: Readonly<Record<LogFormat, string>> = {
  nginx: 'Nginx combined (optionally + $request_time $upstream_response_time $request_length)',
  gunicorn: 'Gunicorn access log (+ %(D)s or %(L)s)',
  caddy: 'Caddy JSON access log',
  alb: 'AWS Application Load Balancer log',
};

/** Whether a request reached the application server, as far as the line tells. */
export const UPSTREAM_UNKNOWN = 0; // the format does not say (combined without timings, Caddy)
export const UPSTREAM_YES = 1; // an upstream time is logged: the app (Gunicorn) answered
export const UPSTREAM_NO = 2; // the field is there and empty ("-", -1): the proxy answered by itself

/**
 * One parsed line, reused for every line (the hot path allocates nothing per line). The path is not copied:
 * it starts at `path[pathStart]` (and ends at the next space, '?' or the end of that string).
 */
export interface LineRecord {
  /** Unix time of the log entry, whole seconds (UTC). */
  sec: number;
  status: number;
  path: string;
  pathStart: number;
  /** Time the application took, ms (upstream time, Gunicorn's own time, ALB target time); NaN if not logged. */
  appMs: number;
  upstream: number;
  /** Request size in bytes (request length or body size, see the format); NaN if not logged. */
  requestBytes: number;
}

export const newRecord = (): LineRecord => ({
  sec: 0,
  status: 0,
  path: '',
  pathStart: 0,
  appMs: NaN,
  upstream: UPSTREAM_UNKNOWN,
  requestBytes: NaN,
});

/** Why a line was skipped. 0 = parsed. The messages are shown to the user, grouped by reason. */
export const SKIP = {
  ok: 0,
  shape: 1,
  time: 2,
  request: 3,
  status: 4,
  timing: 5,
  json: 6,
  notAccess: 7,
  binary: 8,
  tooLong: 9,
} as const;
export type SkipCode = (typeof SKIP)[keyof typeof SKIP];

export const SKIP_MESSAGES: readonly string[] = [
  'parsed',
  'not in the expected layout',
  'timestamp missing or unreadable',
  'request line unreadable',
  'status code missing or not 100–599',
  'response time field unreadable',
  'not valid JSON',
  'JSON entry that is not an access-log entry',
  'binary data (NUL or invalid UTF-8)',
  'longer than 64 KB',
];

/** Parses s[start, end) (one line without its newline) into rec; returns SKIP.ok or why not. */
export type LineParser = (s: string, start: number, end: number, rec: LineRecord) => SkipCode;
