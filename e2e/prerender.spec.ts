import { expect, test } from './fixtures';
import { expected } from './helpers';

// The build prerenders the first screen into index.html (scripts/vite-prerender.ts); main.tsx hydrates it.

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the first step is in the HTML itself, with its default answers', async ({ browser }) => {
    // A page of its own: the fixture's goto waits for the script, which never runs here.
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'Rightsize' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Traffic' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'I know my peak concurrent users' })).toBeChecked();
    await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveValue('50');
    await page.close();
  });

  test('dark mode styles the prerendered page before any script', async ({ browser }) => {
    const page = await browser.newPage({ javaScriptEnabled: false, colorScheme: 'dark' });
    await page.goto('./');
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(16, 18, 22)');
    await page.close();
  });
});

test('the entry script opens with V8’s compile hint, after the first paint, and is not modulepreloaded', async ({
  request,
}) => {
  const html = await (await request.get('./')).text();
  expect(html).not.toContain('rel="modulepreload"');
  const src = /import\("(\.\/assets\/index-[^"]+\.js)"\)/.exec(html)?.[1];
  expect(src, 'the inline loader imports the entry').toBeDefined();
  const js = await (await request.get(src!)).text();
  expect(js.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
});

test('hydrates the prerendered first screen without a mismatch, then works', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  // Keep the prerendered heading before the app's script runs: hydration reuses it, a client render replaces it.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      (window as unknown as { prerendered: Element | null }).prerendered =
        document.getElementById('step-title');
    }),
  );
  await page.goto('./');
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('5000');
  await page.locator('form button[type=submit]').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Content' })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveValue('5000');
  const reused = await page.evaluate(
    () =>
      (window as unknown as { prerendered: Element | null }).prerendered ===
      document.getElementById('step-title'),
  );
  expect(reused).toBe(true);
  expect(errors).toEqual([]);
});

for (const url of ['./#content', './#review', './?v=1&cu=400&px=caddy#review']) {
  test(`${url} renders on the client from the prerendered page, without an error`, async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const title = url.includes('content') ? 'Content' : 'Review';
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.locator('html')).not.toHaveClass(/csr/);
    expect(errors).toEqual([]);
  });
}

/** A page of its own whose app script is held back until `release()`: what a person does before it runs. */
async function heldPage(browser: import('@playwright/test').Browser) {
  const page = await browser.newPage();
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  return { page, release };
}

test('numbers typed before the script has run are kept once React takes over', async ({ browser }) => {
  const { page, release } = await heldPage(browser);
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('5000');
  await page.getByLabel('Think time between requests', { exact: true }).fill('2');
  await expect(page.locator('html[data-ready]')).toHaveCount(0);
  release();
  await expect(page.locator('html[data-ready]')).toBeAttached();
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveValue('5000');
  await expect(page.getByLabel('Think time between requests', { exact: true })).toHaveValue('2');
  const want = expected({ concurrentUsers: 5000, thinkTimeSec: 2 });
  const n = want.choice.scaleOut;
  await expect(page.getByTestId('summary-instance')).toHaveText(
    `${n > 1 ? `${n} × ` : ''}${want.chosen.instance.type}`,
  );
  await page.close();
});

test('a choice made before the script has run is kept once React takes over', async ({ browser }) => {
  const { page, release } = await heldPage(browser);
  await page.getByRole('radio', { name: 'I know my peak requests per second' }).check();
  release();
  await expect(page.locator('html[data-ready]')).toBeAttached();
  await expect(page.getByRole('radio', { name: 'I know my peak requests per second' })).toBeChecked();
  await expect(page.getByLabel('Peak requests per second', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveCount(0);
  await page.close();
});

test('a lazy part of the first step keeps its prerendered HTML until its code arrives, then works', async ({
  browser,
}) => {
  const page = await browser.newPage();
  const shifts: number[] = [];
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await page.route(/\/assets\/PresetPicker-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.locator('html[data-ready]')).toBeAttached();
  // An edit re-renders the form while the presets' code is still held back: their HTML must stay.
  await page.getByLabel('Peak concurrent users', { exact: true }).fill('120');
  await expect(page.getByTestId('summary-instance')).toHaveText(
    expected({ concurrentUsers: 120 }).chosen.instance.type,
  );
  await expect(page.getByRole('button', { name: 'SaaS dashboard' })).toBeVisible();
  release();
  await page.getByRole('button', { name: 'SaaS dashboard' }).click();
  await expect(page.getByTestId('preset-set')).toContainText('SaaS dashboard');
  shifts.push(
    await page.evaluate(
      () =>
        new Promise<number>((ok) => {
          let sum = 0;
          new PerformanceObserver((l) => {
            for (const e of l.getEntries() as unknown as Array<{ hadRecentInput: boolean; value: number }>)
              if (!e.hadRecentInput) sum += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => ok(sum), 300);
        }),
    ),
  );
  // No shift while the presets loaded (shifts right after the click count as the person's own).
  expect(shifts[0]).toBeLessThan(0.01);
  await page.close();
});

test('a click on a lazy part before its code arrives is not lost: the preset applies, the log import opens', async ({
  browser,
}) => {
  const page = await browser.newPage();
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await page.route(/\/assets\/(PresetPicker|LogImportLauncher)-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.locator('html[data-ready]')).toBeAttached();
  // React leaves these parts dehydrated until their code arrives, and drops a click on them meanwhile.
  await page.getByRole('button', { name: 'SaaS dashboard' }).click();
  await page.getByRole('button', { name: 'Import an access log…' }).click();
  await expect(page.getByTestId('preset-set')).toHaveCount(0);
  release();
  await expect(page.getByTestId('preset-set')).toContainText('SaaS dashboard');
  await expect(page.getByRole('heading', { name: 'Import an access log' })).toBeVisible();
  // Replayed once: closing the panel leaves it closed, and a later click opens it by itself.
  await page.getByRole('button', { name: /^Close/ }).click();
  await expect(page.getByRole('button', { name: 'Import an access log…' })).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByRole('heading', { name: 'Import an access log' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Import an access log…' }).click();
  await expect(page.getByRole('heading', { name: 'Import an access log' })).toBeVisible();
  await page.close();
});
