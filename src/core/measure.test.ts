import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersSchema } from './answers';
import {
  applyMeasurement,
  MEASURE_SCRIPT,
  measureCommand,
  parseMeasurement,
  type Measurement,
} from './measure';
import { A } from '../testing/fixtures';

const GOOD =
  'rightsize-measure v1 workers=4 pss_mb=61.3 pss_max_mb=64.2 rss_mb=80.5 cpu_ms=12000 requests=600 seconds=60 exited=0';

describe('the measure command', () => {
  it('is the program in a quoted heredoc with the access log and the window as arguments', () => {
    const cmd = measureCommand();
    expect(cmd.startsWith("python3 - /var/log/gunicorn/access.log 60 <<'RIGHTSIZE'\n")).toBe(true);
    expect(cmd.endsWith('\nRIGHTSIZE\n')).toBe(true);
    expect(cmd).toContain(MEASURE_SCRIPT);
    // A quoted heredoc: the shell expands nothing inside; the program must not end it early.
    expect(MEASURE_SCRIPT.split('\n')).not.toContain('RIGHTSIZE');
    expect(measureCommand({ accessLog: '/srv/app/log/access.log', seconds: 5, masterPid: 4242 })).toMatch(
      /^python3 - \/srv\/app\/log\/access\.log 5 4242 <<'RIGHTSIZE'\n/,
    );
  });

  it('reads only /proc and the access log, with the standard library', () => {
    expect(MEASURE_SCRIPT.split('\n')[0]).toBe('import os, sys, time');
    expect(MEASURE_SCRIPT).toContain('smaps_rollup');
    expect(MEASURE_SCRIPT).toContain("'SC_CLK_TCK'");
    expect(MEASURE_SCRIPT).not.toMatch(/subprocess|socket|urllib|\bwrite\(|os\.kill|open\([^)]*'w/);
  });

  it.each([
    ['/var/log/x.log; rm -rf /', 'Not a plain absolute path'],
    ['relative/access.log', 'Not a plain absolute path'],
    ['/var/log/$(id)', 'Not a plain absolute path'],
    ['/var/../etc/shadow', 'Not a plain absolute path'],
  ])('refuses %s as the log path', (path, msg) => {
    expect(() => measureCommand({ accessLog: path })).toThrow(msg);
  });

  it('refuses a window or PID that is not a plain whole number', () => {
    expect(() => measureCommand({ seconds: 0 })).toThrow('Seconds');
    expect(() => measureCommand({ seconds: 1.5 })).toThrow('Seconds');
    expect(() => measureCommand({ masterPid: -1 })).toThrow('Not a PID');
  });
});

describe('parseMeasurement', () => {
  it('reads the line the command prints, also with a shell prompt or other output around it', () => {
    const want: Measurement = {
      workers: 4,
      pssMb: 61.3,
      pssMaxMb: 64.2,
      rssMb: 80.5,
      cpuMs: 12000,
      requests: 600,
      seconds: 60,
      exited: 0,
    };
    expect(parseMeasurement(GOOD)).toEqual({ ok: true, m: want });
    expect(parseMeasurement(`  ${GOOD}  \r\n`)).toEqual({ ok: true, m: want });
    expect(parseMeasurement(`root@web:~# python3 - …\n${GOOD}\nroot@web:~#`)).toEqual({ ok: true, m: want });
    // Fields in any order.
    expect(parseMeasurement(GOOD.replace('workers=4 ', '') + ' workers=4')).toEqual({ ok: true, m: want });
  });

  it.each([
    ['', 'Nothing pasted'],
    ['   \n ', 'Nothing pasted'],
    ['hello world', 'No line starting with “rightsize-measure v1”'],
    [
      'rightsize-measure: found 2 Gunicorn masters [12, 34]: pass the PID of one as the third argument',
      'The command stopped with an error: “found 2 Gunicorn masters [12, 34]',
    ],
    [GOOD.replace('v1', 'v9'), 'another version of the command'],
    [GOOD.replace(' exited=0', ''), 'The line has no “exited=”: it was cut short'],
    [GOOD.slice(0, 60), 'the line looks cut short'],
    [GOOD.replace('cpu_ms=12000', 'cpu_ms=1e5'), '“cpu_ms=1e5” is not a number the command prints'],
    [GOOD.replace('cpu_ms=12000', 'cpu_ms=-5'), 'is not a number'],
    [GOOD.replace('cpu_ms=12000', 'cpu_ms=NaN'), 'is not a number'],
    [GOOD.replace('workers=4', 'workers=4.5'), '“workers” must be a whole number'],
    [GOOD.replace('workers=4', 'workers=0'), 'no Gunicorn workers'],
    [GOOD + ' colour=blue', 'Unknown field “colour”'],
    [GOOD + ' workers=5', '“workers” appears twice'],
    [GOOD.replace('pss_max_mb=64.2', 'pss_max_mb=10'), 'The memory figures do not fit together'],
    [GOOD.replace('requests=600', 'requests'), '“requests” is not a name=value pair'],
    [`${GOOD}\n${GOOD}`, '2 measurement lines were pasted'],
    [GOOD.replace('pss_max_mb=64.2', 'pss_max_mb=99999'), 'more than any instance here holds'],
    ['x'.repeat(20_000), 'paste only the one line'],
  ])('refuses %j with a clear message', (text, message) => {
    const r = parseMeasurement(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('reads back every line the command can print (its printf formats)', () => {
    const dec1 = fc.integer({ min: 1, max: 400_000 }).map((n) => n / 10);
    fc.assert(
      fc.property(
        fc.record({
          workers: fc.integer({ min: 1, max: 64 }),
          pss: dec1,
          extra: fc.integer({ min: 0, max: 5000 }).map((n) => n / 10),
          rss: dec1,
          cpuMs: fc.integer({ min: 0, max: 100_000_000 }),
          requests: fc.integer({ min: 0, max: 10_000_000 }),
          seconds: fc.integer({ min: 1, max: 600 }),
          exited: fc.integer({ min: 0, max: 64 }),
        }),
        (x) => {
          // Python: %d, %.1f, %.0f, %g (a whole number of seconds prints without a point).
          const max = Math.round((x.pss + x.extra) * 10) / 10;
          const line = `rightsize-measure v1 workers=${x.workers} pss_mb=${x.pss.toFixed(1)} pss_max_mb=${max.toFixed(1)} rss_mb=${x.rss.toFixed(1)} cpu_ms=${x.cpuMs} requests=${x.requests} seconds=${x.seconds} exited=${x.exited}`;
          const r = parseMeasurement(line);
          expect(r).toEqual({
            ok: true,
            m: {
              workers: x.workers,
              pssMb: Number(x.pss.toFixed(1)),
              pssMaxMb: max,
              rssMb: Number(x.rss.toFixed(1)),
              cpuMs: x.cpuMs,
              requests: x.requests,
              seconds: x.seconds,
              exited: x.exited,
            },
          });
          if (r.ok) expect(answersSchema.safeParse(applyMeasurement(A(), r.m).answers).success).toBe(true);
        },
      ),
    );
  });

  it('never throws and never accepts a line it did not understand', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseMeasurement(s);
        if (r.ok) expect(s).toContain('rightsize-measure v1');
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: GOOD.length - 1 }), (cut) => {
        // Any line cut short is refused (the last field always loses its value or its name).
        expect(parseMeasurement(GOOD.slice(0, cut)).ok).toBe(false);
      }),
    );
  });
});

describe('applyMeasurement', () => {
  const m = (over: Partial<Measurement> = {}): Measurement => {
    const r = parseMeasurement(GOOD);
    if (!r.ok) throw new Error(r.error);
    return { ...r.m, ...over };
  };

  it('fills worker memory from the largest PSS and the I/O share from CPU time vs the response time', () => {
    // 12,000 ms / 600 requests = 20 ms of CPU; of a 200 ms response: 1 − 20/200 = 90% waits on I/O.
    const out = applyMeasurement(A({ responseTimeMs: 200 }), m());
    expect(out.workerMemoryMb.value).toBe(65);
    expect(out.workerMemoryMb.reason).toContain('Largest PSS of 4 Gunicorn workers: 64.2 MB (mean 61.3 MB');
    expect(out.cpuMsPerRequest?.value).toBe(20);
    expect(out.ioSharePct?.value).toBe(90);
    expect(out.ioSharePct?.reason).toContain('1 − 20 / 200 = 90% waits on I/O.');
    expect(out.answers).toMatchObject({
      workerMemoryMb: 65,
      ioSharePct: 90,
      measuredFields: 'ioSharePct,workerMemoryMb',
    });
    expect(out.notes).toEqual([]);
    expect(answersSchema.safeParse(out.answers).success).toBe(true);
  });

  it('keeps answers measured before (a log import) and lists each field once', () => {
    const out = applyMeasurement(A({ measuredFields: 'workerMemoryMb,peakRps', logSpanMin: 30 }), m());
    expect(out.answers.measuredFields).toBe('peakRps,ioSharePct,workerMemoryMb');
    expect(out.answers.logSpanMin).toBe(30);
  });

  it('without requests in the window fills only the memory, and says why', () => {
    const out = applyMeasurement(A({ ioSharePct: 33 }), m({ requests: 0, cpuMs: 40 }));
    expect(out.ioSharePct).toBeUndefined();
    expect(out.answers.ioSharePct).toBe(33);
    expect(out.answers.measuredFields).toBe('workerMemoryMb');
    expect(out.notes.join(' ')).toContain('No request reached Gunicorn in the 60 s measured');
  });

  it('keeps the answers within their bounds and says so', () => {
    const tiny = applyMeasurement(A(), m({ pssMb: 12, pssMaxMb: 14.5 }));
    expect(tiny.workerMemoryMb.value).toBe(30);
    expect(tiny.notes[0]).toContain('outside 30–2,048 MB: set to 30 MB');
    // 300 ms of CPU per request against a 200 ms typical response: the response time answer is too low.
    const slow = applyMeasurement(A({ responseTimeMs: 200 }), m({ cpuMs: 180_000 }));
    expect(slow.ioSharePct?.value).toBe(0);
    expect(slow.notes.join(' ')).toContain('is more than the 200 ms typical response time');
    const idle = applyMeasurement(A({ responseTimeMs: 5000 }), m({ cpuMs: 600 }));
    expect(idle.ioSharePct?.value).toBe(95);
  });

  it('warns about few requests and about workers that exited', () => {
    const out = applyMeasurement(A(), m({ requests: 12, cpuMs: 240, exited: 1 }));
    expect(out.notes.join(' ')).toContain('Only 12 requests in the window');
    expect(out.notes.join(' ')).toContain('1 worker exited during the measurement');
  });
});
