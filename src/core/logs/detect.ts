// Which format a log is in, from its first lines: each parser reads the sample and the one that reads the
// most lines wins. nginx and Gunicorn share the combined layout; they differ in the fields after it (nginx
// writes $request_time with exactly three decimals, Gunicorn %(D)s as an integer and %(L)s with six), so
// a log in plain combined (no timings) reads the same in both and is called nginx.
import { createAlbParser } from './alb';
import { createCaddyParser } from './caddy';
import { createGunicornParser, createNginxParser } from './combined';
import { LOG_FORMATS, newRecord, SKIP, type LineParser, type LogFormat } from './types';

export function createParser(format: LogFormat): LineParser {
  switch (format) {
    case 'nginx':
      return createNginxParser();
    case 'gunicorn':
      return createGunicornParser();
    case 'caddy':
      return createCaddyParser();
    case 'alb':
      return createAlbParser();
  }
}

/** Lines the detector reads before deciding. */
export const SAMPLE_LINES = 50;

export interface Detection {
  /** The format that read the most sample lines; null when none read any. */
  format: LogFormat | null;
  /** Lines of the sample each format read. */
  scores: Record<LogFormat, number>;
  sampled: number;
}

/** Does this text hold bytes no text log has (NUL, or invalid UTF-8 decoded as U+FFFD)? */
export const looksBinary = (s: string): boolean => s.includes('\u0000') || s.includes('\uFFFD');

export function detectFormat(lines: readonly string[]): Detection {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  const rec = newRecord();
  const scores = { nginx: 0, gunicorn: 0, caddy: 0, alb: 0 } as Record<LogFormat, number>;
  for (const f of LOG_FORMATS) {
    const parse = createParser(f);
    for (const l of sample) if (parse(l, 0, l.length, rec) === SKIP.ok) scores[f]++;
  }
  let format: LogFormat | null = null;
  for (const f of LOG_FORMATS)
    if (scores[f] > 0 && (format === null || scores[f] > scores[format])) format = f;
  return { format, scores, sampled: sample.length };
}

/** The other format a skipped line is in, if any: how a mixed log is reported. */
export function otherFormat(line: string, except: LogFormat): LogFormat | null {
  const rec = newRecord();
  for (const f of LOG_FORMATS)
    if (f !== except && createParser(f)(line, 0, line.length, rec) === SKIP.ok) return f;
  return null;
}
