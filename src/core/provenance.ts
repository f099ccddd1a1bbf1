import type { Answers } from './answers';
// The zod-free defaults: the first screen's preset buttons load this module before React hydrates them.
import { DEFAULT_ANSWERS } from './defaults';
import { PRESET_FIELDS, recognisedPreset, SOURCES, type PresetField } from './presets';

import { ASKED_QUESTIONS } from './allQuestions';
import { visible, type AskedField } from './questions';
import { fmt } from './reasoned';

/**
 * Where each answer the result rests on comes from: an assumption (a default, or a preset's value, that the
 * user left as it was), the user's own answer, or a measurement (named in `measuredFields`, by the access-log
 * import or the measurement on the server). A pure function of the answers, so a permalink shows the same.
 */
export type Origin = 'assumed' | 'given' | 'measured';

export interface AnswerOrigin {
  field: AskedField;
  label: string;
  /** The value as the wizard shows it, with its unit. */
  shown: string;
  origin: Origin;
  reason: string;
}

/** Measured on the server by the "measure on your server" command; the others come from an access log. */
export const SERVER_MEASURED: readonly string[] = ['workerMemoryMb', 'ioSharePct'];

/** "3 h 20 min", "2 days 4 h", "45 min" for a log span in minutes. */
export function spanText(min: number): string {
  const m = Math.round(min);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const d = Math.floor(m / 1440);
  const h = Math.round((m % 1440) / 60);
  return h ? `${d} days ${h} h` : `${d} days`;
}

/** An answer's value as the wizard shows it, with its unit. */
export function answerText(field: AskedField, a: Answers): string {
  const q = ASKED_QUESTIONS[field];
  const value = a[field];
  if (q.kind === 'choice') return q.options.find((o) => o.value === value)?.label ?? String(value);
  // A number field being edited can be empty (NaN) in the form's live values: show a dash, not "∞".
  if (q.kind === 'number')
    return Number.isFinite(value) ? `${fmt(Number(value))}${q.unit ? ` ${q.unit}` : ''}` : '—';
  return String(value);
}

// Answers that shape the result but are not a figure anyone could assume or measure: how traffic is counted.
const NOT_A_FIGURE: readonly AskedField[] = ['trafficMode'];

/**
 * Every answer the recommendation depends on, in the wizard's order, with its origin. Free-text answers
 * (domain, paths, the load balancer's subnet) only reach the configs, so they are left out; hidden answers
 * do not enter the result and are left out too.
 */
export function answerOrigins(a: Answers): AnswerOrigin[] {
  const measured = new Set(a.measuredFields === '' ? [] : a.measuredFields.split(','));
  const preset = recognisedPreset(a);
  const out: AnswerOrigin[] = [];
  for (const field of Object.keys(ASKED_QUESTIONS) as AskedField[]) {
    const q = ASKED_QUESTIONS[field];
    if (q.kind === 'text' || NOT_A_FIGURE.includes(field) || !visible(q, a)) continue;
    const base = { field, label: q.label, shown: answerText(field, a) };
    if (measured.has(field)) {
      const reason = SERVER_MEASURED.includes(field)
        ? 'Measured on your server (the “measure on your server” command).'
        : a.logSpanMin > 0
          ? `Measured from ${spanText(a.logSpanMin)} of your access log.`
          : 'Measured.';
      out.push({ ...base, origin: 'measured', reason });
      continue;
    }
    const pv =
      preset && (PRESET_FIELDS as readonly string[]).includes(field)
        ? preset.values[field as PresetField]
        : undefined;
    if (pv && pv.value === a[field]) {
      const src = SOURCES[pv.source];
      out.push({
        ...base,
        origin: 'assumed',
        reason: `From the “${preset!.name}” preset: ${pv.reason} (${pv.source === 'reasoning' ? 'assumption' : `source: ${src.title}`})`,
      });
      continue;
    }
    if (a[field] === DEFAULT_ANSWERS[field]) {
      out.push({ ...base, origin: 'assumed', reason: 'Rightsize’s default, not changed: an assumption.' });
      continue;
    }
    out.push({ ...base, origin: 'given', reason: 'Your answer.' });
  }
  return out;
}

/** "9 assumed, 3 yours, 2 measured": the origins counted, for the line above the list. */
export function originsSummary(list: AnswerOrigin[]): string {
  const n = (o: Origin) => list.filter((x) => x.origin === o).length;
  const assumed = n('assumed');
  const parts = [`${assumed} assumed`, `${n('given')} yours`, `${n('measured')} measured`];
  const tail =
    assumed > 0
      ? ' Assumptions are defaults or a preset’s values you left as they were: change them, or measure them, to size for your app.'
      : '';
  return `Of the ${list.length} answers this recommendation rests on: ${parts.join(', ')}.${tail}`;
}
