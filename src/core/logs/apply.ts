// "Use these numbers": the answers a log summary fills in, each rounded and bounded the way the answers'
// schema wants, and marked measured. The I/O share stays an answer: no access log holds CPU time.
import { NUMBER_BOUNDS, type Answers } from '../answers';
import { MEASURABLE_FIELDS } from '../defaults';
import { fmt } from '../reasoned';
import type { LogSummary } from './summary';

/** The answers a log can measure; a new import replaces these marks (not the server measurements'). */
export const LOG_FIELDS = ['peakRps', 'staticSharePct', 'responseTimeMs'] as const;
type LogField = (typeof LOG_FIELDS)[number];

export interface LogApplication {
  patch: Pick<Answers, 'trafficMode' | 'measuredFields' | 'logSpanMin'> & Partial<Pick<Answers, LogField>>;
  /** One line per answer set, with the value and why: shown before applying. */
  changes: { field: LogField; value: number; reason: string }[];
}

const clamp = (field: LogField, v: number): number => {
  const b = NUMBER_BOUNDS[field];
  return Math.min(b.max, Math.max(b.min, v));
};

/** The answers from a summary; null when the summary holds nothing to apply. */
export function answersFromLog(s: LogSummary, current: Answers): LogApplication | null {
  if (!s.ok || s.sizing.peakRps === null) return null;
  const changes: LogApplication['changes'] = [];
  const bounded = (field: LogField, raw: number, digits: number, reason: string) => {
    // eslint-disable-next-line no-restricted-syntax -- a value rounded to the answer's precision, not text
    const rounded = Number(raw.toFixed(digits));
    const value = clamp(field, rounded);
    const b = NUMBER_BOUNDS[field];
    const note =
      value !== rounded
        ? ` Held to ${fmt(value)} ${b.unit}, the answer's ${value > rounded ? 'lower' : 'upper'} bound.`
        : '';
    changes.push({ field, value, reason: reason + note });
    return value;
  };
  const { staticSharePct, responseTimeMs } = s.sizing;
  let peak = s.sizing.peakRps.value;
  let peakReason = s.sizing.peakRps.reason;
  if (staticSharePct === null) {
    // The log saw only dynamic requests (Gunicorn's): the total rate keeps the answered static share, so the
    // dynamic rate the sizing derives from it is the measured one.
    const share = current.staticSharePct / 100;
    peak = peak / (1 - share);
    peakReason += ` Gunicorn saw only dynamic requests: with your ${fmt(current.staticSharePct)}% static share that is ${fmt(peak)} requests/s in all.`;
  }
  // Requests/s to two decimals; the share and the time as whole numbers, as the answers hold them.
  const patch: LogApplication['patch'] = {
    trafficMode: 'rate',
    peakRps: bounded('peakRps', peak, 2, peakReason),
    measuredFields: '',
    logSpanMin: Math.min(NUMBER_BOUNDS.logSpanMin.max, s.sizing.spanMin),
  };
  if (staticSharePct)
    patch.staticSharePct = bounded('staticSharePct', staticSharePct.value, 0, staticSharePct.reason);
  if (responseTimeMs)
    patch.responseTimeMs = bounded('responseTimeMs', responseTimeMs.value, 0, responseTimeMs.reason);
  const measured = new Set(current.measuredFields === '' ? [] : current.measuredFields.split(','));
  for (const f of LOG_FIELDS) measured.delete(f);
  for (const c of changes) measured.add(c.field);
  patch.measuredFields = MEASURABLE_FIELDS.filter((f) => measured.has(f)).join(',');
  return { patch, changes };
}
