import { describe, expect, it } from 'vitest';
import { archiveName, setupSteps } from '../setupSteps';
import { generateAll } from './bundle';
import { archive, generateSetupTxt } from './setupTxt';
import { productionTarget } from './target';
import { SCENARIOS } from '../../testing/fixtures';
import { recFor } from '../../testing/scenarios';

describe('SETUP.txt and the archive', () => {
  const rec = recFor({ proxy: 'caddy', celery: 'here', domain: 'shop.example.org' });
  const t = productionTarget(rec, 'https://rightsize.example/?v=1&px=caddy&k=abc#review');

  it('holds every generated file and SETUP.txt, with the generators’ exact text', () => {
    const files = generateAll(rec, t);
    const a = archive(rec, t);
    expect(a.name).toBe('rightsize-shop.example.org.zip');
    expect(a.entries.map((e) => e.path)).toEqual([
      ...files.map((f) => `rightsize/${archiveName(f)}`),
      'rightsize/SETUP.txt',
    ]);
    files.forEach((f, i) => expect(a.entries[i]!.content).toBe(f.content));
    expect(a.entries.at(-1)!.content).toBe(generateSetupTxt(rec, t, files, setupSteps(rec, t, files)));
  });

  it('says where each file goes and numbers the steps', () => {
    const files = generateAll(rec, t);
    const steps = setupSteps(rec, t, files);
    const text = generateSetupTxt(rec, t, files, steps);
    expect(text.split('\n').slice(0, 4)).toEqual([
      `Rightsize configs for shop.example.org on ${rec.chosen.instance.type}`,
      'https://rightsize.example/?v=1&px=caddy&k=abc#review',
      '',
      'Where each file goes:',
    ]);
    expect(text).toContain('  Caddyfile -> /etc/caddy/Caddyfile');
    expect(text).toContain(`1. ${steps[0]!.title}\n   ${steps[0]!.commands[0]}`);
    expect(text).toContain(`${steps.length}. ${steps.at(-1)!.title}`);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('leaves out a permalink that is not plain URL text', () => {
    const text = archive(rec, productionTarget(rec, 'https://x.example/"\nrm -rf /')).entries.at(-1)!.content;
    expect(text).not.toContain('rm -rf');
    expect(text.split('\n')[1]).toBe('');
  });

  it('puts the Celery box’s files in their own folder and says where they go', () => {
    const moved = recFor(SCENARIOS.celeryBox);
    const mt = productionTarget(moved);
    const paths = archive(moved, mt).entries.map((e) => e.path);
    expect(paths).toContain('rightsize/celery-box/celery.service');
    expect(paths).toContain('rightsize/celery-box/celerybeat.service');
    expect(paths).not.toContain('rightsize/celery.service');
    const files = generateAll(moved, mt);
    expect(generateSetupTxt(moved, mt, files, setupSteps(moved, mt, files))).toContain(
      '  celery-box/celery.service -> /etc/systemd/system/celery.service on the Celery box (c6g.large)',
    );
  });
});
