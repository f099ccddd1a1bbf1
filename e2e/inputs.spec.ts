import { expect, test } from './fixtures';
import { DEFAULT_ANSWERS } from '../src/core/answers';
import { applyMeasurement, parseMeasurement } from '../src/core/measure';
import { applyPreset, presetById } from '../src/core/presets';
import { expected, expectStep, gunicornValues, next, radio } from './helpers';

// Presets, rate mode and the measure-on-your-server helper (issue 9, sections 1 and 3).
test.describe.configure({ timeout: 60_000 });

const toReview = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', { name: 'Review' }).click();

const origin = (page: import('@playwright/test').Page, field: string) =>
  page.getByTestId('origins').locator(`tr[data-field="${field}"]`);

test('a preset fills the hard-to-know answers, says what it set, and the result follows', async ({
  page,
}) => {
  await page.goto('./');
  const reporting = presetById('reporting')!;
  const want = expected(applyPreset(DEFAULT_ANSWERS, reporting));
  const before = expected({});
  // The preset must change the recommendation, or this test could not tell it was applied.
  expect(`${want.chosen.instance.type}/${want.chosen.plan.workers.value}`).not.toBe(
    `${before.chosen.instance.type}/${before.chosen.plan.workers.value}`,
  );

  await page.getByRole('button', { name: 'Reporting or back-office app' }).click();
  const set = page.getByTestId('preset-set');
  await expect(set).toContainText('Reporting or back-office app');
  await expect(set.locator('li[data-field="responseTimeMs"]')).toContainText(
    'Typical response time: 1,500 ms',
  );
  await expect(set.locator('li[data-field="workerMemoryMb"]')).toContainText(
    'Memory per Gunicorn worker: 300 MB',
  );
  await expect(page.getByRole('button', { name: 'Reporting or back-office app' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Set here, editable here: think time is on this step.
  await expect(page.getByLabel('Think time between requests', { exact: true })).toHaveValue('60');

  // Every field stays editable: the values are in the other steps' inputs.
  for (let i = 0; i < 5; i++) await next(page);
  await expectStep(page, 'App profile');
  await expect(page.getByLabel('Typical response time', { exact: true })).toHaveValue('1500');
  await expect(page.getByLabel('Memory per Gunicorn worker', { exact: true })).toHaveValue('300');

  await toReview(page);
  await expect(page.getByTestId('instance-type')).toHaveText(want.chosen.instance.type);
  expect((await gunicornValues(page)).workers).toBe(String(want.chosen.plan.workers.value));
  await expect(origin(page, 'responseTimeMs').locator('.badge')).toHaveText('assumed');
  await expect(origin(page, 'responseTimeMs')).toContainText(
    'From the “Reporting or back-office app” preset',
  );
  await expect(origin(page, 'concurrentUsers').locator('.badge')).toHaveText('assumed');
  // The link holds the answers, not the preset.
  await expect.poll(() => page.url()).toMatch(/[?&]v=2&/);
  expect(page.url()).not.toContain('reporting');

  // Changing one of the preset's answers makes it the user's.
  await page.getByRole('button', { name: 'Edit App profile' }).click();
  await page.getByLabel('Typical response time', { exact: true }).fill('900');
  await expect(origin(page, 'responseTimeMs').locator('.badge')).toHaveText('yours');
  await expect(origin(page, 'ioSharePct').locator('.badge')).toHaveText('assumed');
});

test('rate mode: a peak rate sizes the box, the help and the rule of thumb speak in requests/s', async ({
  page,
}) => {
  await page.goto('./');
  await radio(page, 'How do you measure traffic?', 'I know my peak requests per second').check();
  await expect(page.getByLabel('Think time between requests', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveCount(0);
  await page.getByLabel('Peak requests per second', { exact: true }).fill('120');
  await expect(
    page.getByText(/It does not change the peak: it only decides how long a burstable/),
  ).toBeVisible();
  await expect(page.getByText(/fewer hours means a higher peak/)).toHaveCount(0);
  await next(page);
  await page.getByLabel('Share of requests for static files', { exact: true }).fill('25');

  const want = expected({ trafficMode: 'rate', peakRps: 120, staticSharePct: 25 });
  await toReview(page);
  await expect(page.getByTestId('instance-type')).toHaveText(want.chosen.instance.type);
  // 75% of 120 requests/s reach Django.
  await expect(page.getByText(want.demand.dynamicRps.reason).first()).toBeVisible();
  expect(want.demand.dynamicRps.value).toBeCloseTo(90, 9);
  const guide = page.locator('.guide');
  await expect(guide).toContainText('120 requests/s at peak put you in the guide’s');
  await expect(guide).not.toContainText('concurrent users');
  await expect(guide).toHaveText(new RegExp(want.guide.reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(origin(page, 'peakRps').locator('.badge')).toHaveText('yours');
  await expect(origin(page, 'thinkTimeSec')).toHaveCount(0);
});

test('sub-second think time is accepted for API clients', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Think time between requests', { exact: true }).fill('0.3');
  await expect(page.getByLabel('Think time between requests', { exact: true })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  );
  const want = expected({ thinkTimeSec: 0.3 });
  await toReview(page);
  await expect(page.getByTestId('instance-type')).toHaveText(want.chosen.instance.type);
  await expect(origin(page, 'thinkTimeSec')).toContainText('0.3 s');
});

test('measure on your server: the pasted line fills the answers and marks them measured', async ({
  page,
}) => {
  await page.goto('./#app');
  await expectStep(page, 'App profile');
  await page.getByText('Measure on your server').click();
  const helper = page.getByTestId('measure');
  await expect(helper.getByLabel('Measure command', { exact: true })).toContainText('smaps_rollup');
  await expect(helper.getByLabel('Measure command', { exact: true })).toContainText(
    "python3 - /var/log/gunicorn/access.log 60 <<'RIGHTSIZE'",
  );

  // A bad paste: a clear message, nothing changed.
  const box = helper.getByLabel('Paste the line it printed');
  await box.fill('rightsize-measure v1 workers=2 pss_mb=40');
  await helper.getByRole('button', { name: 'Use these numbers' }).click();
  await expect(helper.getByRole('alert')).toContainText('The line has no “pss_max_mb=”: it was cut short');
  await expect(page.getByLabel('Memory per Gunicorn worker', { exact: true })).toHaveValue(
    String(DEFAULT_ANSWERS.workerMemoryMb),
  );

  const line =
    'rightsize-measure v1 workers=3 pss_mb=71.2 pss_max_mb=74.6 rss_mb=90.3 cpu_ms=9000 requests=450 seconds=60 exited=0';
  await box.fill(`root@web:~# …\n${line}\n`);
  await helper.getByRole('button', { name: 'Use these numbers' }).click();
  const parsed = parseMeasurement(line);
  if (!parsed.ok) throw new Error(parsed.error);
  const applied = applyMeasurement(DEFAULT_ANSWERS, parsed.m);
  // 74.6 MB → 75 MB; 9,000 ms / 450 = 20 ms of a 200 ms response → 90% I/O.
  expect(applied.answers.workerMemoryMb).toBe(75);
  expect(applied.answers.ioSharePct).toBe(90);
  await expect(page.getByLabel('Memory per Gunicorn worker', { exact: true })).toHaveValue('75');
  await expect(page.getByLabel('Share of that time waiting on I/O', { exact: true })).toHaveValue('90');
  await expect(helper.getByTestId('measured')).toContainText('Largest PSS of 3 Gunicorn workers: 74.6 MB');
  await expect(helper.getByRole('alert')).toHaveCount(0);

  await toReview(page);
  const want = expected(applied.answers);
  await expect(page.getByTestId('instance-type')).toHaveText(want.chosen.instance.type);
  await expect(origin(page, 'workerMemoryMb').locator('.badge')).toHaveText('measured');
  await expect(origin(page, 'ioSharePct').locator('.badge')).toHaveText('measured');
  await expect(origin(page, 'workerMemoryMb')).toContainText('Measured on your server');
  await expect(origin(page, 'responseTimeMs').locator('.badge')).toHaveText('assumed');
  // The link carries the measured marks.
  await expect.poll(() => decodeURIComponent(page.url())).toContain('ioSharePct,workerMemoryMb');

  // Editing a measured answer makes it the user's.
  await page.getByRole('button', { name: 'Edit App profile' }).click();
  await page.getByLabel('Memory per Gunicorn worker', { exact: true }).fill('80');
  await expect(origin(page, 'workerMemoryMb').locator('.badge')).toHaveText('yours');
  await expect(origin(page, 'ioSharePct').locator('.badge')).toHaveText('measured');
});
