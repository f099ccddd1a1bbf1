import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const STEPS = ['traffic', 'content', 'background', 'data', 'proxy', 'app', 'review'];

async function noViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${where}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

// One test per step and colour scheme: each is short, so a busy machine never runs one out of its time.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe (${scheme})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });
    for (const step of STEPS) {
      test(`no violation on ${step === 'review' ? 'the review step and the result' : `step ${step}`}`, async ({
        page,
      }) => {
        await page.goto(`./#${step}`);
        await expect(page.locator('#step-title')).toBeVisible();
        if (step === 'review') {
          await expect(page.getByTestId('instance-type')).toBeVisible();
          await expect(page.getByTestId('tradeoff-chart').locator('svg[role="application"]')).toBeVisible();
          await expect(page.getByTestId('configs').getByRole('tab').first()).toBeVisible();
        }
        await noViolations(page, `${step} (${scheme})`);
      });
    }
    test('no violation with an answer named in the summary and the names and paths shown', async ({
      page,
    }) => {
      await page.goto('./#review');
      await expect(page.getByTestId('instance-type')).toBeVisible();
      await page.getByTestId('deploy-fields').getByLabel('Domain', { exact: true }).fill('exa mple.com');
      await expect(page.getByTestId('summary-problems')).toBeVisible();
      await noViolations(page, `summary problems (${scheme})`);
    });
    test('no violation with a link notice and the hidden questions shown', async ({ page }) => {
      // With a daily-users, Celery and Caddy link the hidden questions show up; and a link notice.
      await page.goto('./?v=1&tm=daily&ce=here&px=caddy&zz=1#review');
      await expect(page.getByTestId('instance-type')).toBeVisible();
      await noViolations(page, `link notice (${scheme})`);
    });
  });
}

test('the whole wizard works by keyboard alone', async ({ page }) => {
  await page.goto('./');
  const kb = page.keyboard;
  // Tab to the first radio group and change it with the arrow keys.
  const firstRadio = page.getByRole('radio', { name: 'I know my peak concurrent users' });
  for (let i = 0; i < 20 && !(await firstRadio.evaluate((el) => el === document.activeElement)); i++)
    await kb.press('Tab');
  await expect(firstRadio).toBeFocused();
  await kb.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'I know my daily users' })).toBeChecked();
  await kb.press('Tab');
  await expect(page.getByLabel('Daily active users', { exact: true })).toBeFocused();
  await kb.press('Control+A');
  await kb.type('8000');
  // Enter submits the step (Next); focus lands on the next step's heading.
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Content' })).toBeFocused();
  for (const title of ['Background work', 'Data services', 'Storage and proxy', 'App profile', 'Review']) {
    await kb.press('Tab');
    await kb.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeFocused();
  }
  await expect(page.getByTestId('instance-type')).toBeVisible();
  // Jump back through the progress indicator with the keyboard.
  await page
    .getByRole('navigation', { name: 'Wizard steps' })
    .getByRole('button', { name: 'Content' })
    .focus();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Content' })).toBeFocused();
});

test('fits a 375 px phone without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const hash of ['traffic', 'review']) {
    await page.goto(`./#${hash}`);
    // The whole result, lazy chart and configs included: measure the finished page, not one half-loaded.
    if (hash === 'review') {
      await expect(page.getByTestId('instance-type')).toBeVisible();
      await expect(page.getByTestId('tradeoff-chart').locator('svg[role="application"]')).toBeVisible();
      await expect(page.getByTestId('configs').getByRole('tab').first()).toBeVisible();
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
});
