import { describe, expect, it } from 'vitest';
import { basename } from '../setupSteps';
import { SCENARIOS } from '../../testing/fixtures';
import { generateAll } from './bundle';
import { planSettings } from './gunicornSettings';
import { generateReport, reportName } from './report';
import { productionTarget } from './target';
import { recFor } from '../../testing/scenarios';

const LINK = 'https://rightsize.example/?v=1&cu=400&k=abc#review';

describe('generateReport', () => {
  const rec = recFor({ concurrentUsers: 400, celery: 'here', proxy: 'caddy', domain: 'shop.example.org' });
  const t = productionTarget(rec, LINK);
  const md = generateReport(rec, t);

  it('starts with the answer: instance, Gunicorn, cost, p95', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Rightsize report: shop.example.org');
    expect(lines[2]).toContain(`<${LINK}>`);
    expect(md).toContain(`- **Instance:** \`${rec.chosen.instance.type}\``);
    const p = rec.chosen.plan;
    expect(md).toContain(
      `- **Gunicorn:** ${p.workers.value} workers × ${p.threads.value} threads, \`${p.workerClass.value}\``,
    );
    expect(md).toMatch(/- \*\*Cost:\*\* \$[\d,]+\.\d\d\/month/);
    expect(md).toContain(rec.choice.reason);
    expect(md).toContain(rec.guide.reason);
  });

  it('gives every setting with its reason, and every memory item', () => {
    for (const x of planSettings(rec.chosen.plan))
      expect(md).toContain(`| \`${x.name}\` | \`${x.python}\` | ${x.reason.replace(/\|/g, '\\|')} |`);
    for (const m of rec.chosen.memory.items) expect(md).toContain(`| ${m.label} |`);
    for (const w of rec.warnings) expect(md).toContain(w.title);
    for (const tr of rec.triggers) expect(md).toContain(tr.signal);
    expect(md).toContain(rec.loadTest.wrk);
  });

  it('holds every config file whole, in a fence, under the path it goes to', () => {
    for (const f of generateAll(rec, t)) {
      expect(md).toContain(`### ${basename(f)}\n\nInstall as \`${f.path}\`.\n\n`);
      expect(md).toContain(`\n${f.content}\`\`\`\n`);
    }
    expect(md).toContain('## Setup\n\n1. **');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('says the fleet price and per-instance settings on a scale-out', () => {
    const big = recFor(SCENARIOS.scaleOut);
    const text = generateReport(big, productionTarget(big));
    expect(text).toContain('- **Instance:** 45 × `c6g.4xlarge`');
    expect(text).toContain('- **Cost:** $17,870.40/month');
    expect(text).toContain('(per instance)');
    expect(text).not.toContain('These answers:');
  });

  it('names the file after the domain', () => {
    expect(reportName(rec)).toBe('rightsize-report-shop.example.org.md');
  });
});
