import { expect, test } from './fixtures';
import { DEFAULT_ANSWERS } from '../src/core/answers';
import { encodePermalink } from '../src/core/permalink';
import { usd } from '../src/ui/result/format';
import { expected } from './helpers';

// A 45-box fleet with Redis and Celery on the box: the scale-out moves them off, so the bill has every line
// (the Auto Scaling group's spare and Celery's own box included).
const fleet = {
  concurrentUsers: 10_000,
  thinkTimeSec: 9,
  responseTimeMs: 1000,
  ioSharePct: 50,
  staticSharePct: 0,
  redis: 'here',
  celery: 'here',
} as const;

test('the bill shows every line the core prices, its total, and the Savings Plan gap', async ({ page }) => {
  const want = expected(fleet);
  await page.goto(`./?${encodePermalink({ ...DEFAULT_ANSWERS, ...fleet })}#review`);
  const bill = page.getByTestId('bill');
  await expect(bill).toBeVisible();
  expect(want.bill.lines.map((l) => l.id)).toEqual([
    'instances',
    'spare-instances',
    'ebs',
    'alb-hours',
    'alb-lcu',
    'rds',
    'rds-storage',
    'elasticache',
    'celery',
  ]);
  for (const l of want.bill.lines) {
    const row = bill.getByTestId(`bill-${l.id}`);
    await expect(row).toContainText(l.label);
    await expect(row).toContainText(usd(l.usdPerMonth));
    await expect(row).toContainText(`(${l.asOf})`);
  }
  await expect(bill.getByTestId('bill-total')).toHaveText(usd(want.bill.onDemandUsdPerMonth.value));
  await expect(bill).toContainText(want.bill.savingsPlan.text);
  // The summary's fleet price is the bill's instance line, not a product the UI computes.
  const summary = page.getByTestId('instance-summary');
  await expect(summary).toContainText(usd(want.bill.instances.usdPerMonth));
  await expect(page.getByTestId('plan-total')).toContainText(usd(want.bill.onDemandUsdPerMonth.value));
});
