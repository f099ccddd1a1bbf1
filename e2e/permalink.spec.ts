import { expect, ready, test } from './fixtures';
import { gunicornValues, next, radio } from './helpers';

test('a permalink opened in a fresh browser reproduces the same recommendation', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await radio(page, 'How do you measure traffic?', 'I know my daily users').check();
  await page.getByLabel('Daily active users', { exact: true }).fill('25000');
  await next(page);
  await next(page);
  await next(page);
  await radio(page, 'Database', 'MySQL').check();
  await radio(page, 'Redis', 'No Redis').check();
  await next(page);
  await radio(page, 'Static and media files', 'On S3 / a CDN').check();
  await next(page);
  await radio(page, 'WSGI or ASGI', 'ASGI (asgi.py)').check();
  await radio(page, 'CPU architecture', 'x86 only').check();
  await next(page);
  await expect(page.getByTestId('instance-type')).toBeVisible();
  const type = await page.getByTestId('instance-type').innerText();
  const settings = await gunicornValues(page);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\?v=2&.*&k=[0-9a-z]{6}#review$/);
  expect(link).not.toContain('cu='); // only non-default answers travel

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await ready(other);
  await expect(other.getByTestId('instance-type')).toHaveText(type);
  expect(await gunicornValues(other)).toEqual(settings);
  await expect(other.getByText('Parts of this link were ignored')).toHaveCount(0);
  await fresh.close();
});

test('the link copied for the default answers names its version; the address bar stays clean', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./#review');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  // v2 and no settings: v2's frozen defaults, whatever the defaults become later.
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\?v=2&k=[0-9a-z]{6}#review$/);
  expect(new URL(page.url()).search).toBe('');
});

test('a tampered link names what was ignored and keeps a working page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./?v=1&cu=abc&px=caddy&zz=1&dn=evil.com%0Aserver%20%7B&k=000000#review');
  const notice = page.getByRole('alert').filter({ hasText: 'Parts of this link were ignored' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('checksum mismatch');
  await expect(notice).toContainText('Setting cu="abc" was ignored: Peak concurrent users must be a number.');
  await expect(notice).toContainText('Unknown setting "zz" was ignored.');
  await expect(notice).toContainText('Domain must not contain a line break');
  // The valid part of the link still applies; the rest falls back to defaults.
  await expect(page.getByTestId('instance-type')).toBeVisible();
  await expect(page.getByText('Caddy', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('unknown-version, truncated and over-long links fall back to defaults with a message', async ({
  page,
}) => {
  await page.goto('./?v=9&cu=400#review');
  await expect(page.getByRole('alert')).toContainText('version "9" is unknown');
  await expect(page.getByTestId('instance-type')).toBeVisible();

  await page.goto(`./?v=1&px=caddy&cu=40#review`);
  await expect(page.getByRole('alert')).toContainText('cut short');

  await page.goto(`./?v=1&dn=${'a'.repeat(3000)}#review`);
  await expect(page.getByRole('alert')).toContainText('too long');
  await expect(page.getByTestId('instance-type')).toBeVisible();
});

test('the URL follows edits without flooding history, and Back/Forward walk the steps', async ({ page }) => {
  await page.goto('./');
  const start = await page.evaluate(() => history.length);
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('120');
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('130');
  await expect.poll(() => page.url()).toContain('cu=130');
  expect(await page.evaluate(() => history.length)).toBe(start);
  await next(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Content' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: 'Traffic' })).toBeVisible();
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveValue('130');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2, name: 'Content' })).toBeVisible();
});

test('a version-1 link still opens with its old meaning and says it is from an earlier version', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto('./?v=1&cu=400&px=caddy&k=ovewqa#review');
  const note = page.getByRole('status').filter({ hasText: 'About this link' });
  await expect(note).toContainText('earlier version of Rightsize (link version 1)');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('instance-type')).toBeVisible();
  // Editing writes a current (v2) link with the same answers.
  await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/[?&]v=2&.*cu=400.*px=caddy/);
});

test('an old link to the Deployment step opens the names and paths beside the configs', async ({ page }) => {
  await page.goto('./?v=1&cu=400#deploy');
  await expect(page.getByTestId('instance-type')).toBeVisible();
  await expect(page.getByTestId('deploy-fields').getByLabel('Domain', { exact: true })).toBeVisible();
});
