import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { DEFAULT_ANSWERS, type Answers } from '../src/core/answers';
import { parseCatalog } from '../src/core/catalog';
import { recommend, type Recommendation } from '../src/core/recommend';

/** What the core recommends for these answers: the page must show exactly this. */
export function expected(over: Partial<Answers>): Recommendation {
  const parsed = parseCatalog(JSON.parse(readFileSync('public/catalog.json', 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return recommend({ ...DEFAULT_ANSWERS, ...over }, parsed.catalog);
}

/** The step's submit button ("Next", or "Review" on the last question step). */
export const next = (page: Page) => page.locator('form button[type=submit]').click();

export async function expectStep(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

export const radio = (page: Page, group: string, option: string) =>
  page.getByRole('group', { name: group }).getByRole('radio', { name: option });

/** The Gunicorn table as { setting: value }. */
export async function gunicornValues(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('gunicorn-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    const name = await row.getAttribute('data-setting');
    out[name!] = (await row.locator('td.value').innerText()).trim();
  }
  return out;
}
