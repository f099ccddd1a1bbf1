import { describe, expect, it } from 'vitest';
import { NUMBER_BOUNDS } from './answers';
import { STEPS, type AskedField } from './questions';
import { A } from '../testing/fixtures';
import { ASKED_QUESTIONS, fieldPlace, helpText, isVisible, QUESTIONS } from './allQuestions';
import { DEPLOY_GROUP } from './deployQuestions';

const traffic = STEPS.find((s) => s.id === 'traffic')!.fields;
const shown = (mode: 'concurrent' | 'daily' | 'rate') =>
  traffic.filter((f) => isVisible(f, A({ trafficMode: mode })));

describe('traffic questions follow the traffic measure', () => {
  it('shows only the fields that enter the peak, plus busy hours for the burstable bill', () => {
    expect(shown('concurrent')).toEqual(['trafficMode', 'concurrentUsers', 'thinkTimeSec', 'busyHours']);
    expect(shown('daily')).toEqual([
      'trafficMode',
      'dailyUsers',
      'requestsPerVisit',
      'busyHours',
      'burstFactor',
    ]);
    expect(shown('rate')).toEqual(['trafficMode', 'peakRps', 'busyHours']);
  });

  it('busy hours: a higher peak only in daily mode; with a given peak, only how long it lasts', () => {
    const daily = helpText('busyHours', A({ trafficMode: 'daily' }));
    expect(daily).toMatch(/fewer hours means a higher peak/);
    for (const mode of ['concurrent', 'rate'] as const) {
      const h = helpText('busyHours', A({ trafficMode: mode }));
      expect(h).not.toMatch(/higher peak/);
      expect(h).toMatch(/does not change the peak/);
      expect(h).toMatch(/burstable/);
    }
  });

  it('think time accepts sub-second values in the form and the schema', () => {
    const q = QUESTIONS.thinkTimeSec;
    expect(q.kind === 'number' && q.step).toBe(0.1);
    expect(NUMBER_BOUNDS.thinkTimeSec.min).toBe(0.1);
    expect(NUMBER_BOUNDS.thinkTimeSec.int).toBe(false);
  });

  it('every field has help in every mode', () => {
    for (const f of Object.keys(ASKED_QUESTIONS) as AskedField[])
      for (const mode of ['concurrent', 'daily', 'rate'] as const)
        expect(helpText(f, A({ trafficMode: mode })).length).toBeGreaterThan(20);
  });
});

describe('where each question is asked', () => {
  it('every asked field is on exactly one wizard step or in the configs’ names and paths', () => {
    const places = [...STEPS, DEPLOY_GROUP].flatMap((s) => s.fields);
    expect([...places].sort()).toEqual((Object.keys(ASKED_QUESTIONS) as AskedField[]).sort());
  });

  it('the sizing path asks no name or path: those sit beside the configs', () => {
    for (const f of DEPLOY_GROUP.fields) expect(fieldPlace(f)).toEqual({ deploy: true });
    expect(fieldPlace('concurrentUsers')).toEqual({ step: 0 });
    expect(fieldPlace('arch')).toEqual({ step: STEPS.findIndex((s) => s.id === 'app') });
  });
});
