import { expect, test } from './fixtures';

// The latency estimate carries the lab's verdict (from src/core/labAccuracy.ts, generated from lab/results) and
// its validation table, which loads only when opened.
test('the p95 estimate shows the lab’s accuracy and opens its validation table', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await page.goto('./#review');
  const note = page.locator('.lab-accuracy');
  await expect(note).toContainText(
    /Within ±\d+% of the measured p95 up to 70% CPU, Django 3\.2 \+ Gunicorn 20\.1/,
  );
  expect(scripts.some((s) => s.includes('LabValidation'))).toBe(false);
  await note.getByText('Validation table').click();
  const table = note.locator('table.lab-validation');
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(12);
  await expect(table.locator('caption')).toContainText('npm run lab');
});
