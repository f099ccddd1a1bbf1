import { describe, expect, it } from 'vitest';
import { generateGunicornConf } from './gunicornConf';
import { planSettings } from './gunicornSettings';
import { productionTarget } from './target';
import { py } from './text';
import { recFor } from '../../testing/scenarios';

describe('planSettings', () => {
  it('spells values as Python does, and shows strings without their quotes', () => {
    expect(py(true)).toBe('True');
    expect(py(false)).toBe('False');
    expect(py('gthread')).toBe("'gthread'");
    expect(() => py(Number.POSITIVE_INFINITY)).toThrow();
    const rows = planSettings(recFor({ ioSharePct: 70 }).chosen.plan);
    const byName = Object.fromEntries(rows.map((x) => [x.name, x]));
    expect(byName.worker_class).toMatchObject({ value: 'gthread', python: "'gthread'", display: 'gthread' });
    expect(byName.preload_app!.display).toMatch(/^(True|False)$/);
    expect(byName.workers!.display).toBe(String(byName.workers!.value));
  });

  it('is the list gunicorn.conf.py writes: every row appears there as name = python literal', () => {
    for (const over of [{}, { appInterface: 'asgi' as const }, { ioSharePct: 10 }]) {
      const rec = recFor(over);
      const conf = generateGunicornConf(rec, productionTarget(rec));
      for (const x of planSettings(rec.chosen.plan)) expect(conf).toContain(`\n${x.name} = ${x.python}\n`);
    }
  });
});
