// Importing access logs written by the real servers (e2e/fixtures/logs/, recorded by scripts/logs/record.ts)
// in the built app: the figures shown, the answers applied, and not one byte sent anywhere.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { expected as scripted } from '../scripts/logs/load';
import { decodePermalink } from '../src/core/permalink';
import { expectStep, next, radio } from './helpers';

const FIXTURES = 'e2e/fixtures/logs';

// Reading files in a worker on a busy 2-core machine: more than the default 30 s, still bounded.
test.describe.configure({ timeout: 90_000 });

/** The log's own figures, read here with a regex, independently of the app's parser. */
function nginxTruth() {
  const lines = readFileSync(`${FIXTURES}/nginx.log`, 'utf8').trimEnd().split('\n');
  const mon = 'JanFebMarAprMayJunJulAugSepOctNovDec';
  const re =
    /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})\] "[^"]*" \d{3} \d+ "[^"]*" "[^"]*" [\d.]+ ([\d.]+|-) \d+$/;
  const rows = lines.map((l) => {
    const m = re.exec(l)!;
    const [, d, mo, y, h, mi, s, tz] = m;
    const sec =
      Date.parse(
        `${y}-${String(mon.indexOf(mo!) / 3 + 1).padStart(2, '0')}-${d}T${h}:${mi}:${s}${tz!.slice(0, 3)}:${tz!.slice(3)}`,
      ) / 1000;
    return { sec, upstream: m[8] === '-' ? null : Number(m[8]) * 1000 };
  });
  const secs = rows.map((r) => r.sec);
  const span = Math.max(...secs) - Math.min(...secs) + 1;
  const dyn = rows.filter((r) => r.upstream !== null).map((r) => r.upstream!);
  return {
    lines: lines.length,
    // Under a minute of log: the busiest minute is the whole span.
    peakRps: Number((lines.length / span).toFixed(2)),
    staticPct: Math.round((100 * rows.filter((r) => r.upstream === null).length) / lines.length),
    meanMs: Math.round(dyn.reduce((a, b) => a + b, 0) / dyn.length),
    span,
  };
}

async function openImport(page: Page) {
  await page.goto('./');
  await expectStep(page, 'Traffic');
  await page.getByRole('button', { name: 'Import an access log…' }).click();
  await expect(page.getByRole('heading', { name: 'Import an access log' })).toBeVisible();
  await expect(page.getByText('Nothing leaves your browser.')).toBeVisible();
}

const pick = (page: Page, file: string) =>
  page.getByLabel(/Drop a log file here/).setInputFiles(`${FIXTURES}/${file}`);

test('an nginx log from the real server: figures shown, answers applied and marked measured, nothing sent', async ({
  page,
}) => {
  const truth = nginxTruth();
  expect(truth.lines).toBe(scripted('nginx').lines);
  await openImport(page);

  // The first import may fetch the app's own code (the worker, the charts): only GETs of /assets/ files.
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await pick(page, 'nginx.log');
  await expect(page.getByRole('button', { name: 'Use these numbers' })).toBeVisible();
  const origin = new URL(page.url()).origin;
  for (const r of requests) {
    expect(r.method(), r.url()).toBe('GET');
    expect(r.postData(), r.url()).toBeNull();
    expect(r.url().startsWith(`${origin}/assets/`), r.url()).toBe(true);
  }
  // A second import, code loaded: not one request.
  requests.length = 0;
  await pick(page, 'caddy.log.gz');
  await expect(page.getByText('Caddy JSON access log (detected)')).toBeVisible();
  await pick(page, 'nginx.log');
  await expect(page.getByText(/^Nginx combined .* \(detected\)$/)).toBeVisible();
  expect(requests.map((r) => r.url())).toEqual([]);

  const figures = page.locator('.log-figures');
  await expect(figures).toContainText(`Lines read${truth.lines} of ${truth.lines}`);
  await expect(figures).toContainText(
    `Static share, no upstream${((100 * scripted('nginx').static) / truth.lines).toFixed(1)}%`,
  );
  await expect(page.locator('.log-charts figure')).toHaveCount(2);
  const axe = await new AxeBuilder({ page })
    .include('.log-import')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );

  await page.getByRole('button', { name: 'Use these numbers' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied' })).toBeVisible();
  await expect(
    radio(page, 'How do you measure traffic?', 'I know my peak requests per second'),
  ).toBeChecked();
  await expect(page.getByLabel('Peak requests per second', { exact: true })).toHaveValue(
    String(truth.peakRps),
  );
  await next(page);
  await expectStep(page, 'Content');
  await expect(page.getByLabel('Share of requests for static files', { exact: true })).toHaveValue(
    String(truth.staticPct),
  );
  // The permalink records the measured answers, their marks and the log's span (the URL updates after 250 ms).
  await expect
    .poll(() => decodePermalink(new URL(page.url()).search).answers)
    .toMatchObject({
      trafficMode: 'rate',
      peakRps: truth.peakRps,
      staticSharePct: truth.staticPct,
      responseTimeMs: truth.meanMs,
      measuredFields: 'peakRps,staticSharePct,responseTimeMs',
      logSpanMin: 1,
    });
  for (const step of ['Background work', 'Data services', 'Storage and proxy', 'App profile']) {
    await next(page);
    await expectStep(page, step);
  }
  await expect(page.getByLabel('Typical response time', { exact: true })).toHaveValue(String(truth.meanMs));
});

test('bad files are reported, never a crash: binary, truncated gzip, mixed', async ({ page }) => {
  await openImport(page);
  await pick(page, 'binary.png');
  await expect(page.getByRole('alert')).toContainText('looks binary');
  await expect(page.getByRole('button', { name: 'Use these numbers' })).toHaveCount(0);
  await pick(page, 'truncated.log.gz');
  await expect(page.getByText(/The gzip file ends early or is damaged/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use these numbers' })).toBeVisible();
  await pick(page, 'mixed.log');
  await expect(
    page.getByText(
      '7 of 87 lines skipped: 6 not in the expected layout, 1 binary data (NUL or invalid UTF-8).',
    ),
  ).toBeVisible();
  await expect(
    page.getByText('5 skipped lines read as Caddy JSON access log: the file mixes formats.'),
  ).toBeVisible();
});

test('a large log reads in the background: the page stays responsive, Cancel stops it', async ({
  page,
}, info) => {
  // 200 MB of the real nginx log repeated, written to the test's own output directory.
  const block = readFileSync(`${FIXTURES}/nginx.log`);
  const big = info.outputPath('big.log');
  const copies = Math.ceil(200e6 / block.length);
  writeFileSync(big, Buffer.concat(Array.from({ length: copies }, () => block)));
  await openImport(page);
  await page.getByLabel(/Drop a log file here/).setInputFiles(big);
  const bar = page.getByRole('progressbar', { name: 'Reading big.log' });
  await expect(bar).toBeVisible();
  // The main thread answers while the worker parses: a frame is drawn within a second, several times over.
  for (let i = 0; i < 3; i++) {
    const ms = await page.evaluate(() => {
      const t0 = performance.now();
      return new Promise<number>((r) => requestAnimationFrame(() => r(performance.now() - t0)));
    });
    expect(ms).toBeLessThan(1000);
  }
  await expect(page.getByText(/MB, [\d,]+ lines$/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cancelled reading big.log.' })).toBeVisible();
  await expect(bar).toHaveCount(0);
  // After a cancel, a new file reads normally.
  await pick(page, 'nginx.log');
  await expect(page.getByRole('button', { name: 'Use these numbers' })).toBeVisible();
  rmSync(big);
});
