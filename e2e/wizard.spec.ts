import { expect, test } from './fixtures';
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
  await expectStep(page, 'Deployment');
  await page.getByLabel('Domain', { exact: true }).fill('shop.example.org');
  await next(page);
  await expectStep(page, 'Review');

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

test('invalid answers show a message beside the field and never reach the result or the link', async ({
  page,
}) => {
  await page.goto('./#review');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  const before = await page.getByTestId('instance-type').innerText();
  await page.getByRole('button', { name: 'Edit Deployment' }).click();
  await page.getByLabel('Domain', { exact: true }).fill('example.com;evil');
  await expect(page.getByText('Domain must not contain a semicolon “;”.')).toBeVisible();
  await expect(page.getByLabel('Domain', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: '1 answer needs fixing' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeDisabled();
  await expect(page.getByTestId('instance-type')).toHaveText(before);
  await next(page);
  await expectStep(page, 'Deployment');
  await page.waitForTimeout(400);
  expect(decodeURIComponent(page.url())).not.toContain('evil');
  await page.getByLabel('Peak concurrent users', { exact: true }).isHidden();
  await page.getByLabel('Domain', { exact: true }).fill('');
  await expect(page.getByText('Domain is required.')).toBeVisible();
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
});
