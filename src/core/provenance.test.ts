import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPreset, presetById, PRESETS, recognisedPreset } from './presets';
import { answerOrigins, answerText, spanText } from './provenance';
import { A } from '../testing/fixtures';
import { answersArb } from '../testing/arbitraries';
import type { Answers } from './answers';

const originOf = (a: Answers) => Object.fromEntries(answerOrigins(a).map((o) => [o.field, o]));

describe('answer origins', () => {
  it('defaults are assumptions, and every answer the result uses is listed', () => {
    const o = originOf(A());
    expect(o.concurrentUsers).toMatchObject({ origin: 'assumed', shown: '50' });
    expect(o.thinkTimeSec).toMatchObject({ origin: 'assumed', shown: '10 s' });
    expect(o.workerMemoryMb?.reason).toMatch(/default/);
    expect(o.dbLocation).toMatchObject({ origin: 'assumed', shown: 'Managed (RDS) or another server' });
    // Hidden answers, free text and the traffic measure are not listed.
    for (const f of [
      'dailyUsers',
      'peakRps',
      'burstFactor',
      'celeryConcurrency',
      'domain',
      'lbSubnet',
      'trafficMode',
    ])
      expect(o, f).not.toHaveProperty(f);
  });

  it('changed answers are the user’s', () => {
    const o = originOf(A({ concurrentUsers: 400, responseTimeMs: 321 }));
    expect(o.concurrentUsers).toMatchObject({ origin: 'given', reason: 'Your answer.', shown: '400' });
    expect(o.responseTimeMs).toMatchObject({ origin: 'given', shown: '321 ms' });
  });

  it('a preset’s values are assumptions with its reason and source, until the user changes them', () => {
    const saas = applyPreset(A(), presetById('saas')!);
    const o = originOf(saas);
    expect(o.responseTimeMs?.origin).toBe('assumed');
    expect(o.responseTimeMs?.reason).toMatch(/^From the “SaaS dashboard” preset: .*source: Google PageSpeed/);
    expect(o.thinkTimeSec?.reason).toMatch(/\(assumption\)$/);
    const edited = originOf({ ...saas, responseTimeMs: 260 });
    expect(edited.responseTimeMs?.origin).toBe('given');
    expect(edited.ioSharePct?.origin).toBe('assumed');
    expect(recognisedPreset(saas)?.id).toBe('saas');
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is recognised after it is applied, from any mode',
    (id, p) => {
      for (const mode of ['concurrent', 'daily', 'rate'] as const) {
        const a = applyPreset(A({ trafficMode: mode }), p);
        expect(recognisedPreset(a)?.id).toBe(id);
        const think = originOf(a).thinkTimeSec;
        if (mode === 'concurrent') expect(think?.reason).toContain(`“${p.name}” preset`);
      }
      expect(recognisedPreset(A())).toBeUndefined();
    },
  );

  it('one or two values that happen to equal a preset’s are the user’s', () => {
    // 250 ms and 150 MB are the SaaS preset's, but nothing else is: no preset is recognised.
    const a = A({ responseTimeMs: 250, workerMemoryMb: 150 });
    expect(recognisedPreset(a)).toBeUndefined();
    expect(originOf(a).responseTimeMs?.origin).toBe('given');
  });

  it('measured answers say so, with the log’s span for log figures', () => {
    const a = A({
      trafficMode: 'rate',
      peakRps: 42,
      measuredFields: 'peakRps,workerMemoryMb,ioSharePct',
      logSpanMin: 200,
      workerMemoryMb: 87,
      ioSharePct: 71,
    });
    const o = originOf(a);
    expect(o.peakRps).toMatchObject({
      origin: 'measured',
      reason: 'Measured from 3 h 20 min of your access log.',
    });
    expect(o.workerMemoryMb).toMatchObject({ origin: 'measured', shown: '87 MB' });
    expect(o.workerMemoryMb?.reason).toMatch(/on your server/);
    expect(o.ioSharePct?.origin).toBe('measured');
    expect(originOf({ ...a, logSpanMin: 0 }).peakRps?.reason).toBe('Measured.');
    // Measured beats default: a measured value may equal the default.
    expect(originOf(A({ measuredFields: 'responseTimeMs' })).responseTimeMs?.origin).toBe('measured');
  });

  it('shows an answer being edited (empty number) as a dash', () => {
    expect(answerText('thinkTimeSec', A({ thinkTimeSec: NaN }))).toBe('—');
    expect(answerText('thinkTimeSec', A({ thinkTimeSec: 0.3 }))).toBe('0.3 s');
  });

  it('formats log spans', () => {
    expect(spanText(45)).toBe('45 min');
    expect(spanText(60)).toBe('1 h');
    expect(spanText(200)).toBe('3 h 20 min');
    expect(spanText(3 * 1440 + 120)).toBe('3 days 2 h');
  });

  it('over the whole answer space: every visible sizing answer gets exactly one origin, and only listed ones are measured', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        const list = answerOrigins(a);
        expect(new Set(list.map((o) => o.field)).size).toBe(list.length);
        for (const o of list) {
          expect(['assumed', 'given', 'measured']).toContain(o.origin);
          expect(o.reason.length).toBeGreaterThan(5);
          if (o.origin === 'measured') expect(a.measuredFields.split(',')).toContain(o.field);
        }
      }),
      { numRuns: 300 },
    );
  });
});
