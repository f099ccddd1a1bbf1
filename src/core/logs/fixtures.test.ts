// The committed logs written by the real servers (e2e/fixtures/logs/, recorded by scripts/logs/record.ts)
// and the hand-built bad inputs, read by the core: the same checks the real-server suite runs on fresh logs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkRecorded } from '../../../scripts/logs/check';
import { summariseText } from './summary';

const dir = join(import.meta.dirname, '../../../e2e/fixtures/logs');
const text = (name: string) => {
  const b = readFileSync(join(dir, name));
  return (name.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8');
};

describe('logs recorded from the real servers', () => {
  it('nginx 1.22 (combined + $request_time $upstream_response_time $request_length)', () =>
    checkRecorded('nginx', summariseText(text('nginx.log'))));
  it('Caddy 2.6 (JSON)', () => checkRecorded('caddy', summariseText(text('caddy.log.gz'))));
  it('Gunicorn 20.1 (+ %(D)s), behind both proxies', () =>
    checkRecorded('gunicorn', summariseText(text('gunicorn.log'))));
});

describe('hand-built inputs', () => {
  it('an ALB log in the documented layout', () => {
    const s = summariseText(text('alb.log'));
    expect(s).toMatchObject({ ok: true, format: 'alb', lines: { total: 20, parsed: 20, skipped: 0 } });
    expect(s.status.s5xx).toBe(1);
    expect(s.staticShare.byPrefixPct).toBe(25);
    // 19 dispatched requests (target time 0.020 + i/1000 s, i ≠ 7), of which 14 dynamic: i not a multiple of 4.
    const dyn = [...Array(20).keys()].filter((i) => i % 4 !== 0 && i !== 7);
    expect(s.response!.count).toBe(dyn.length);
    expect(s.response!.meanMs).toBeCloseTo(dyn.reduce((a, i) => a + 20 + i, 0) / dyn.length, 9);
    expect(s.largestRequest!.bytes).toBe(590);
    expect(s.span!.seconds).toBe(10);
    expect(s.rates!.busiestSecond.rps).toBe(2);
  });
  it('a mixed file: nginx read, the Caddy lines and garbage counted', () => {
    const s = summariseText(text('mixed.log'));
    expect(s).toMatchObject({ ok: true, format: 'nginx', lines: { parsed: 80, skipped: 7, blank: 0 } });
    expect(s.mixed).toEqual([{ format: 'caddy', label: 'Caddy JSON access log', count: 5 }]);
    expect(s.skippedMessage).toBe(
      '7 of 87 lines skipped: 6 not in the expected layout, 1 binary data (NUL or invalid UTF-8).',
    );
  });
  it('a binary file', () => {
    const s = summariseText(text('binary.png'));
    expect(s.ok).toBe(false);
    expect(s.error).toContain('looks binary');
  });
});
