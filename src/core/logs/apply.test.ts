import { describe, expect, it } from 'vitest';
import { answersSchema, DEFAULT_ANSWERS, type Answers } from '../answers';
import { answersFromLog } from './apply';
import { summariseText } from './summary';

const T = Date.UTC(2026, 10, 25, 16, 0, 0) / 1000;
const clf = (sec: number) => {
  const d = new Date(sec * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/Nov/2026:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

/** 120 s: 2 requests a second, one static ("-"), one dynamic taking 0.050 s upstream. */
function log(): string {
  const lines: string[] = [];
  for (let s = 0; s < 120; s++) {
    lines.push(`1.2.3.4 - - [${clf(T + s)}] "GET /static/a.css HTTP/1.1" 200 9 "-" "ua" 0.000 - 300`);
    lines.push(`1.2.3.4 - - [${clf(T + s)}] "GET /a HTTP/1.1" 200 9 "-" "ua" 0.051 0.050 300`);
  }
  return lines.join('\n');
}

describe('answersFromLog', () => {
  it('sets rate mode, the busiest minute, the share and the mean time, marked measured with the span', () => {
    const current: Answers = { ...DEFAULT_ANSWERS, measuredFields: 'workerMemoryMb,responseTimeMs' };
    const a = answersFromLog(summariseText(log()), current)!;
    expect(a.patch).toEqual({
      trafficMode: 'rate',
      peakRps: 2,
      staticSharePct: 50,
      responseTimeMs: 50,
      measuredFields: 'peakRps,staticSharePct,responseTimeMs,workerMemoryMb',
      logSpanMin: 2,
    });
    expect(a.changes.map((c) => c.field)).toEqual(['peakRps', 'staticSharePct', 'responseTimeMs']);
    // The applied answers pass the schema.
    expect(answersSchema.safeParse({ ...current, ...a.patch }).success).toBe(true);
  });
  it('keeps the static share an answer for a Gunicorn log and scales the rate to the total', () => {
    const lines = Array.from(
      { length: 60 },
      (_, s) => ` - - [${clf(T + s)}] "GET /a HTTP/1.0" 200 9 "-" "ua" 30000`,
    );
    const a = answersFromLog(summariseText(lines.join('\n')), { ...DEFAULT_ANSWERS, staticSharePct: 60 })!;
    expect(a.patch.staticSharePct).toBeUndefined();
    // 1 dynamic request/s is 40% of the total: 2.5 requests/s in all.
    expect(a.patch.peakRps).toBe(2.5);
    expect(a.patch.responseTimeMs).toBe(30);
    expect(a.patch.measuredFields).toBe('peakRps,responseTimeMs');
    expect(a.changes[0]!.reason).toContain('60% static share');
  });
  it('holds values to the answers’ bounds and says so', () => {
    const lines = [
      `1.2.3.4 - - [${clf(T)}] "GET /a HTTP/1.1" 200 9 "-" "ua" 0.001 0.001 10`,
      `1.2.3.4 - - [${clf(T + 3599)}] "GET /a HTTP/1.1" 200 9 "-" "ua" 0.001 0.001 10`,
    ];
    const a = answersFromLog(summariseText(lines.join('\n')), DEFAULT_ANSWERS)!;
    expect(a.patch.responseTimeMs).toBe(5);
    expect(a.changes.find((c) => c.field === 'responseTimeMs')!.reason).toContain('Held to 5 ms');
    // 1 request in the busiest 60 s: 0.02 requests/s → 0.1, the lowest rate.
    expect(a.patch.peakRps).toBe(0.1);
    expect(a.patch.staticSharePct).toBe(0);
    expect(a.patch.logSpanMin).toBe(60);
  });
  it('applies nothing from a failed summary', () => {
    expect(answersFromLog(summariseText('nonsense'), DEFAULT_ANSWERS)).toBeNull();
  });
});
