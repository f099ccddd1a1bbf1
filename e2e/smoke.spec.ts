import { expect, test } from './fixtures';

test('the production build opens on the wizard’s first question', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Rightsize' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Traffic' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'How do you measure traffic?' })).toBeVisible();
  await expect(page.getByLabel('Peak concurrent users', { exact: true })).toHaveValue('50');
  expect(errors).toEqual([]);
});
