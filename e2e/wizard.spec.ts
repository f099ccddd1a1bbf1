import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { fmt } from '../src/core/reasoned';
import { expected, expectStep, gunicornValues, next, radio } from './helpers';

test('a person fills the wizard with their own answers and sees the recommendation', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('400');
  await page.getByLabel('Think time between requests', { exact: true }).fill('5');
  await next(page);
  await expectStep(page, 'Content');
  await page.getByLabel('Share of requests for static files', { exact: true }).fill('20');
  await next(page);
  await expectStep(page, 'Background work');
  await radio(page, 'Background tasks (Celery)', 'Celery on this box').check();
  await page.getByLabel('Celery concurrency', { exact: true }).fill('4');
  await next(page);
  await expectStep(page, 'Data services');
  await radio(page, 'Where does the database run?', 'On this box').check();
  await next(page);
  await expectStep(page, 'Storage and proxy');
  await radio(page, 'Reverse proxy', 'Caddy').check();
  await next(page);
  await expectStep(page, 'App profile');
  await page.getByLabel('Typical response time', { exact: true }).fill('300');
  await page.getByLabel('Share of that time waiting on I/O', { exact: true }).fill('80');
  await next(page);
  await expectStep(page, 'Review');
  // Names and paths are asked beside the configs, not on the sizing path.
  await page.getByTestId('deploy-fields').getByLabel('Domain', { exact: true }).fill('shop.example.org');

  const filled = {
    concurrentUsers: 400,
    thinkTimeSec: 5,
    staticSharePct: 20,
    celery: 'here',
    celeryConcurrency: 4,
    dbLocation: 'here',
    proxy: 'caddy',
    responseTimeMs: 300,
    ioSharePct: 80,
    domain: 'shop.example.org',
  } as const;
  const want = expected(filled);
  await expect(page.getByTestId('instance-type')).toHaveText(want.chosen.instance.type);
  const g = await gunicornValues(page);
  expect(g.workers).toBe(String(want.chosen.plan.workers.value));
  expect(g.threads).toBe(String(want.chosen.plan.threads.value));
  expect(g.worker_class).toBe(want.chosen.plan.workerClass.value);
  expect(g.timeout).toBe(String(want.chosen.plan.timeout.value));
  await expect(page.getByText(want.loadTest.wrk)).toBeVisible();

  // Live: editing an answer after the result is shown updates it without a re-submit.
  await page.getByRole('button', { name: 'Edit Traffic' }).click();
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('20');
  const smaller = expected({ ...filled, concurrentUsers: 20 });
  await expect(page.getByTestId('instance-type')).toHaveText(smaller.chosen.instance.type);
});

test('an invalid answer is named in the summary, never reaches the link, and freezes nothing else', async ({
  page,
}) => {
  await page.goto('./#review');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  const domain = page.getByTestId('deploy-fields').getByLabel('Domain', { exact: true });
  await domain.fill('example.com;evil');
  await expect(page.getByText('Domain must not contain a semicolon “;”.').first()).toBeVisible();
  await expect(domain).toHaveAttribute('aria-invalid', 'true');
  // The summary names the field, says what is used instead, and links to it.
  const problems = page.getByTestId('summary-problems');
  await expect(problems).toContainText('Domain: Domain must not contain a semicolon “;”.');
  await expect(problems).toContainText('(using “example.com”)');
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeDisabled();
  // Issue 11's repro: with the domain still wrong, raising users from 50 to 5,000 takes effect at once.
  await page
    .getByRole('navigation', { name: 'Wizard steps' })
    .getByRole('button', { name: 'Traffic' })
    .click();
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('5000');
  const big = expected({ concurrentUsers: 5000 });
  const n = big.choice.scaleOut;
  await expect(page.getByTestId('summary-instance')).toHaveText(
    `${n > 1 ? `${n} × ` : ''}${big.chosen.instance.type}`,
  );
  await expect(page.getByTestId('instance-type')).toHaveText(big.chosen.instance.type);
  await page.waitForTimeout(400);
  expect(decodeURIComponent(page.url())).not.toContain('evil');
  expect(page.url()).toContain('cu=5000');
  // The link in the summary goes to the field.
  await problems.getByRole('button', { name: 'Domain' }).click();
  await expect(domain).toBeFocused();
  await domain.fill('');
  await expect(page.getByText('Domain is required.').first()).toBeVisible();
  await domain.fill('Shop.Example.org/');
  await expect(page.getByTestId('summary-note')).toContainText('Using “shop.example.org”');
  await expect(problems).toBeHidden();
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeEnabled();
});

test('the summary is live from the first step and agrees with the core', async ({ page }) => {
  await page.goto('./');
  const want = expected({});
  // Prerendered: the figures are in the HTML before any script has run.
  await expect(page.getByTestId('summary-instance')).toHaveText(want.chosen.instance.type);
  await expect(page.getByTestId('summary-gunicorn')).toContainText(
    `${want.chosen.plan.workers.value} × ${want.chosen.plan.threads.value}`,
  );
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('900');
  const more = expected({ concurrentUsers: 900 });
  await expect(page.getByTestId('summary-instance')).toHaveText(
    `${more.choice.scaleOut > 1 ? `${more.choice.scaleOut} × ` : ''}${more.chosen.instance.type}`,
  );
  await expect(page.getByTestId('summary-gunicorn')).toHaveText(
    `${more.chosen.plan.workers.value} × ${more.chosen.plan.threads.value}`,
  );
  await expect(page.getByTestId('summary-gunicorn-figure')).toContainText(more.chosen.plan.workerClass.value);
  await expect(page.getByTestId('summary-cost')).toHaveText(
    `$${more.bill.instances.usdPerMonth.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
  );
  await expect(page.getByTestId('summary-p95')).toHaveText(`${fmt(more.latency.p95ResponseMs, 0)} ms`);
  // Still on the first step: nothing else had to be answered.
  await expectStep(page, 'Traffic');
});

test('the result is navigable: section links, and the report exported as Markdown', async ({ page }) => {
  await page.goto('./#review');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Sections of the recommendation' });
  await nav.getByRole('link', { name: 'Configs' }).click();
  await expect(page.locator('#configs-title')).toBeFocused();
  await expect(page.locator('#configs-title')).toBeInViewport();
  expect(page.url()).toMatch(/#review$/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-report').click(),
  ]);
  expect(download.suggestedFilename()).toBe('rightsize-report-example.com.md');
  const text = readFileSync((await download.path())!, 'utf8');
  const want = expected({});
  expect(text).toContain(want.chosen.instance.type);
  expect(text).toContain('gunicorn.conf.py');
  expect(text).toContain(want.chosen.plan.workers.reason);
});

test('on a phone the summary comes first and the reasons fold away', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('./#review');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  const summaryBox = await page.getByTestId('live-summary').boundingBox();
  expect(summaryBox!.y).toBeLessThan(740);
  const why = page.getByTestId('gunicorn-table').locator('td.why').first();
  await expect(why).toBeHidden();
  await page.getByRole('button', { name: 'Show the reasons' }).click();
  await expect(why).toBeVisible();
});

test('the chart renders with its text alternative', async ({ page }) => {
  await page.goto('./#review');
  const chart = page.getByTestId('tradeoff-chart');
  await expect(chart.locator('svg[role="application"]')).toBeVisible();
  await expect(chart.locator('.recharts-scatter-symbol').first()).toBeVisible();
  await expect(chart.getByText(/Recommended: \d+ workers × \d+ threads/)).toBeVisible();
  await chart.getByText('Chart data as a table').click();
  await expect(chart.locator('tr.recommended')).toHaveCount(1);
});

test('the first screen does not download recharts', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('./');
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.some((s) => s.includes('TradeoffChart'))).toBe(false);
  expect(scripts.some((s) => s.includes('ResultPanel'))).toBe(false);
});

test('a catalog that fails to load shows a clear message and a working retry', async ({ page }) => {
  let fail = true;
  await page.route('**/catalog.json', (route) =>
    fail
      ? route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: '{"schemaVersion":1,"instances":"x"}',
        })
      : route.fallback(),
  );
  await page.goto('./#review');
  await expect(page.getByRole('alert')).toContainText('The instance catalog is invalid at');
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('instance-type')).toBeVisible();
  // The live summary recovers with it: one Retry for the page.
  await expect(page.getByTestId('summary-instance')).toHaveText(expected({}).chosen.instance.type);
});

test('printing gives the result alone, every reason shown, no controls', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('./#review');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.wizard')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Sections of the recommendation' })).toBeHidden();
  await expect(page.getByTestId('live-summary')).toBeVisible();
  // The reasons fold on a phone's screen, never on paper.
  await expect(page.getByTestId('gunicorn-table').locator('td.why').first()).toBeVisible();
});
