import { describe, expect, it } from 'vitest';
import { answersSchema, DEFAULT_ANSWERS } from './answers';
import {
  applyPreset,
  PRESET_FIELDS,
  PRESETS,
  presetAnswers,
  presetById,
  recognisedPreset,
  SOURCES,
} from './presets';
import { recommend } from './recommend';
import fc from 'fast-check';
import { answersArb } from '../testing/arbitraries';
import { A, catalog } from '../testing/fixtures';

describe('presets', () => {
  it('cover the five kinds of app the wizard offers', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['brochure', 'saas', 'api', 'content', 'reporting']);
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s yields schema-valid answers', (_id, p) => {
    const applied = applyPreset(DEFAULT_ANSWERS, p);
    const parsed = answersSchema.safeParse(applied);
    expect(parsed.success, parsed.success ? '' : parsed.error.issues[0]?.message).toBe(true);
    // From every mode: the preset never touches the traffic measure or the deployment names.
    for (const mode of ['concurrent', 'daily', 'rate'] as const) {
      const a = applyPreset(A({ trafficMode: mode }), p);
      expect(a.trafficMode).toBe(mode);
      expect(answersSchema.safeParse(a).success).toBe(true);
    }
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s gives every value a reason and a known source, and sets the hard-to-know answers',
    (_id, p) => {
      for (const f of [
        'responseTimeMs',
        'ioSharePct',
        'staticSharePct',
        'workerMemoryMb',
        'thinkTimeSec',
        'celery',
      ])
        expect(p.values, f).toHaveProperty(f);
      for (const [field, pv] of Object.entries(p.values)) {
        expect(PRESET_FIELDS as readonly string[]).toContain(field);
        expect(pv.reason.length, field).toBeGreaterThan(30);
        expect(pv.reason, field).toMatch(/\.$/);
        expect(Object.keys(SOURCES)).toContain(pv.source);
      }
      // Celery on this box comes with a concurrency; none or elsewhere needs none.
      expect('celeryConcurrency' in p.values).toBe(p.values.celery?.value === 'here');
    },
  );

  it('sources with a figure name where it was published', () => {
    for (const id of ['pagespeed', 'nielsen', 'almanac'] as const)
      expect(SOURCES[id].url).toMatch(/^https:\/\//);
  });

  it('changes the recommendation: the presets do not all size the same', () => {
    const types = PRESETS.map((p) => {
      const r = recommend(applyPreset(A({ concurrentUsers: 300 }), p), catalog);
      return `${r.chosen.instance.type}/${r.chosen.plan.workers.value}/${r.chosen.plan.threads.value}`;
    });
    expect(new Set(types).size).toBeGreaterThan(2);
  });

  it('applying a preset replaces only its answers, and unmarks them as measured', () => {
    const saas = presetById('saas')!;
    const before = A({
      concurrentUsers: 77,
      measuredFields: 'peakRps,workerMemoryMb,responseTimeMs',
      logSpanMin: 90,
    });
    const after = applyPreset(before, saas);
    expect(after).toEqual({
      ...before,
      ...presetAnswers(saas),
      measuredFields: 'peakRps',
    });
    expect(after.logSpanMin).toBe(90);
    expect(presetById('nope')).toBeUndefined();
  });
});

describe('presets over the whole answer space', () => {
  it('any preset applied to any valid answers gives valid answers, recognised as that preset', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...PRESETS), (a, p) => {
        const out = applyPreset(a, p);
        expect(answersSchema.safeParse(out).success).toBe(true);
        expect(recognisedPreset(out)?.id).toBe(p.id);
        for (const f of out.measuredFields.split(',').filter(Boolean)) expect(p.values).not.toHaveProperty(f);
      }),
      { numRuns: 300 },
    );
  });
});
