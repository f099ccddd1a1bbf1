import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSummariser, summariseText } from './summary';
import { detectFormat } from './detect';
import { WINDOW_SEC } from './rates';

const T = Date.UTC(2026, 10, 25, 16, 0, 0) / 1000;

function clf(sec: number): string {
  const d = new Date(sec * 1000);
  const mon = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
const nginx = (sec: number, path: string, status: number, rt: string, up: string, len: number) =>
  `10.0.0.1 - - [${clf(sec)}] "GET ${path} HTTP/1.1" ${status} 100 "-" "test agent" ${rt} ${up} ${len}`;

/**
 * Hand-built three minutes: 1 request/s, 3/s in the middle minute, 10 in second 90. Each second's first
 * request is a static file nginx serves itself ("-"); the rest reach Django, alternately 10 and 30 ms.
 */
function scenario(): string[] {
  const lines: string[] = [];
  let k = 0;
  for (let s = 0; s < 180; s++) {
    const n = s === 90 ? 10 : s >= 60 && s < 120 ? 3 : 1;
    lines.push(nginx(T + s, '/static/app.css', 200, '0.000', '-', 300));
    for (let i = 1; i < n; i++) {
      const ms = k++ % 2 === 0 ? '0.010' : '0.030';
      const status = s === 90 && i <= 2 ? 502 : 200;
      lines.push(nginx(T + s, '/orders/', status, ms, ms, s === 100 ? 5000 : 400));
    }
  }
  return lines;
}

describe('summary of a hand-built nginx log', () => {
  const lines = scenario();
  // Two lines that are not log lines, and a blank one.
  const text = ['garbage at the start', ...lines.slice(0, 100), '', 'PUT nonsense', ...lines.slice(100)].join(
    '\n',
  );
  const s = summariseText(text);
  it('counts lines and reports the skipped ones with examples', () => {
    expect(lines).toHaveLength(307); // 60·1 + 59·3 + 10 + 60·1
    expect(s.ok).toBe(true);
    expect(s.format).toBe('nginx');
    expect(s.detected).toBe(true);
    expect(s.lines).toEqual({ total: 309, parsed: 307, skipped: 2, blank: 1 });
    expect(s.skippedMessage).toBe('2 of 309 lines skipped: 2 not in the expected layout.');
    expect(s.examples.map((e) => [e.line, e.text])).toEqual([
      [1, 'garbage at the start'],
      [103, 'PUT nonsense'],
    ]);
  });
  it('finds the busiest second and minute and the 99th percentile of seconds', () => {
    expect(s.span).toMatchObject({ fromSec: T, toSec: T + 179, seconds: 180, text: '3 min' });
    expect(s.rates!.busiestSecond).toEqual({ rps: 10, atSec: T + 90 });
    expect(s.rates!.busiestMinute).toEqual({ rps: 187 / 60, atSec: T + 60, seconds: 60 });
    // 180 seconds sorted: 120 ones, 59 threes, one ten; the 179th is a three.
    expect(s.rates!.p99Second).toBe(3);
    expect(s.rates!.meanRps).toBeCloseTo(307 / 180, 12);
    expect(s.sizing.peakRps!.value).toBe(187 / 60);
    expect(s.sizing.peakRps!.reason).toContain('busiest minute');
  });
  it('tells static from dynamic by prefix and by upstream', () => {
    expect(s.staticShare.byPrefixPct).toBeCloseTo((100 * 180) / 307, 10);
    expect(s.staticShare.byUpstreamPct).toBeCloseTo((100 * 180) / 307, 10);
    expect(s.sizing.staticSharePct!.value).toBeCloseTo((100 * 180) / 307, 10);
    expect(s.sizing.staticSharePct!.reason).toContain('without an upstream');
  });
  it('gives dynamic response times: exact mean, percentiles within a bucket', () => {
    const r = s.response!;
    expect(r.count).toBe(127);
    // 64 × 10 ms + 63 × 30 ms.
    expect(r.meanMs).toBeCloseTo(2530 / 127, 9);
    expect(r.p50Ms).toBeGreaterThan(10 * 0.97);
    expect(r.p50Ms).toBeLessThan(10 * 1.03);
    expect(r.p95Ms).toBeGreaterThan(30 * 0.97);
    expect(r.p99Ms).toBeLessThanOrEqual(30);
    expect(r.maxMs).toBe(30);
    expect(r.histogram.reduce((a, b) => a + b.count, 0)).toBe(127);
    expect(s.sizing.responseTimeMs!.value).toBeCloseTo(2530 / 127, 9);
  });
  it('reports the largest request, the 5xx share and the span in minutes', () => {
    expect(s.largestRequest).toEqual({ bytes: 5000, what: 'request (headers and body)' });
    expect(s.status).toMatchObject({ s2xx: 305, s5xx: 2 });
    expect(s.status.pct5xx).toBeCloseTo((100 * 2) / 307, 10);
    expect(s.sizing.spanMin).toBe(3);
    expect(s.notes.join(' ')).toContain('covers only 3 min');
  });
  it('draws a bounded series whose mean rates add back to the total', () => {
    const total = s.rates!.series.reduce((a, p) => a + p.rps * s.rates!.bucketSec, 0);
    expect(s.rates!.series.length).toBeLessThanOrEqual(240);
    expect(total).toBeCloseTo(307, 9);
  });
  it('gives the same summary however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), text.length];
        const sum = createSummariser();
        for (let i = 1; i < at.length; i++) sum.push(text.slice(at[i - 1], at[i]));
        expect(sum.end()).toEqual(s);
      }),
      { numRuns: 40 },
    );
  });
  it('reads CRLF line ends the same', () => {
    const crlf = summariseText(text.split('\n').join('\r\n'));
    expect(crlf.lines).toEqual(s.lines);
    expect(crlf.sizing).toEqual(s.sizing);
  });
});

describe('detection and bad input', () => {
  it('tells nginx with timings, Gunicorn %(D)s and Caddy apart', () => {
    expect(detectFormat([nginx(T, '/', 200, '0.004', '0.004', 10)]).format).toBe('nginx');
    expect(detectFormat([`- - - [${clf(T)}] "GET / HTTP/1.0" 200 2 "-" "ua" 4123`]).format).toBe('gunicorn');
    expect(detectFormat([`- - - [${clf(T)}] "GET / HTTP/1.0" 200 2 "-" "ua" 0.004123`]).format).toBe(
      'gunicorn',
    );
    expect(
      detectFormat(['{"ts":1,"logger":"http.log.access","request":{"uri":"/"},"status":200}']).format,
    ).toBe('caddy');
    expect(detectFormat(['nothing here']).format).toBeNull();
  });
  it('uses the chosen format instead of detecting', () => {
    const s = summariseText(`- - - [${clf(T)}] "GET / HTTP/1.0" 200 2 "-" "ua" 4123\n`, { format: 'nginx' });
    expect(s.ok).toBe(false);
    expect(s.detected).toBe(false);
    expect(s.error).toContain('No line reads as Nginx');
    expect(s.skippedMessage).toBe('1 of 1 line skipped: 1 response time field unreadable.');
  });
  it('says an unknown format is unknown, and names the formats it reads', () => {
    const s = summariseText('hello\nworld\n');
    expect(s.ok).toBe(false);
    expect(s.error).toMatch(/No line of the first 2 lines reads as a supported format \(Nginx combined/);
    expect(s.lines).toMatchObject({ total: 2, skipped: 2 });
  });
  it('gives up once the first lines read as no format (the reader then stops)', () => {
    const sum = createSummariser();
    sum.push('not a log line\n'.repeat(49));
    expect(sum.hopeless()).toBe(false);
    sum.push('not a log line\n');
    expect(sum.hopeless()).toBe(true);
    const over = createSummariser();
    for (let i = 0; i < 50; i++) over.push(`${'x'.repeat(70_000)}\n`);
    expect(over.hopeless()).toBe(true);
    const good = createSummariser();
    good.push(scenario().join('\n'));
    expect(good.hopeless()).toBe(false);
  });
  it('reports a binary file as binary', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const s = summariseText(new TextDecoder().decode(bytes));
    expect(s.ok).toBe(false);
    expect(s.error).toContain('binary');
    expect([...s.examples[0]!.text].every((c) => c.charCodeAt(0) >= 32)).toBe(true);
  });
  it('counts lines of another format in a mixed file', () => {
    const caddy = JSON.stringify({
      ts: T,
      logger: 'http.log.access',
      request: { uri: '/' },
      status: 200,
      duration: 0.01,
    });
    const lines = scenario().slice(0, 60);
    const s = summariseText([...lines, caddy, caddy, ...lines].join('\n'));
    expect(s.format).toBe('nginx');
    expect(s.mixed).toEqual([{ format: 'caddy', label: 'Caddy JSON access log', count: 2 }]);
    expect(s.lines.skipped).toBe(2);
  });
  it('skips a line over 64 KB without keeping it', () => {
    const lines = scenario();
    const sum = createSummariser();
    sum.push(`${lines[0]}\n${'x'.repeat(40_000)}`);
    sum.push('y'.repeat(40_000));
    sum.push('z'.repeat(40_000));
    sum.push(`\n${lines[1]}\n`);
    const s = sum.end();
    expect(s.lines).toMatchObject({ parsed: 2, skipped: 1 });
    expect(s.skipReasons).toEqual([{ reason: 'longer than 64 KB', count: 1 }]);
  });
  it('notes a cut-short input and keeps what was read', () => {
    const sum = createSummariser();
    sum.push(scenario().slice(0, 10).join('\n'));
    const s = sum.end('The gzip file ends early (truncated).');
    expect(s.ok).toBe(true);
    expect(s.lines.parsed).toBe(10);
    expect(s.notes[0]).toBe('The gzip file ends early (truncated).');
  });
  it('counts lines beyond the rate window without placing them', () => {
    const lines = scenario().slice(0, 5);
    const late = nginx(T + WINDOW_SEC + 10, '/', 200, '0.010', '0.010', 1);
    const s = summariseText([...lines, late].join('\n'));
    expect(s.lines.parsed).toBe(6);
    expect(s.span!.toSec).toBe(T + WINDOW_SEC + 10);
    expect(s.notes.join(' ')).toContain('1 line fell outside the 8-day window');
  });
  it('keeps the static share an answer for a Gunicorn log without static paths', () => {
    const s = summariseText(`- - - [${clf(T)}] "GET /a HTTP/1.0" 200 2 "-" "ua" 20000\n`);
    expect(s.format).toBe('gunicorn');
    expect(s.sizing.staticSharePct).toBeNull();
    expect(s.sizing.responseTimeMs!.value).toBe(20);
  });
  it('says when a log has no response times', () => {
    const s = summariseText(`1.2.3.4 - - [${clf(T)}] "GET /a HTTP/1.1" 200 2 "-" "ua"\n`);
    expect(s.ok).toBe(true);
    expect(s.response).toBeNull();
    expect(s.sizing.responseTimeMs).toBeNull();
    expect(s.notes.join(' ')).toContain('no response times');
  });
  it('says an empty file is empty', () => {
    expect(summariseText('').error).toBe('The file holds no log lines.');
    expect(summariseText('\n\n').error).toBe('The file holds no log lines.');
  });
});
