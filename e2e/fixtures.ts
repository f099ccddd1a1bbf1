import { test as base, expect, type Page } from '@playwright/test';

/**
 * Waits until the app has started: index.html paints the prerendered first screen before any script runs, and
 * src/main.tsx marks <html data-ready> once React handles events. An edit made before then could land in a
 * page whose script has not run yet.
 */
export async function ready(page: Page) {
  await expect(page.locator('html[data-ready]')).toBeAttached();
}

/** Playwright's `test`, with a page whose goto() returns once the app has started. */
export const test = base.extend({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await ready(page);
      return response;
    };
    await provide(page);
  },
});

export { expect };
