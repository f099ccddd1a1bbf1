import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { expect, test } from './fixtures';
import { DEFAULT_ANSWERS } from '../src/core/answers';
import { encodePermalink } from '../src/core/permalink';

async function shownFiles(page: import('@playwright/test').Page) {
  const configs = page.getByTestId('configs');
  const tabs = configs.getByRole('tab');
  const shown: Record<string, string> = {};
  for (const tab of await tabs.all()) {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    shown[(await tab.innerText()).trim()] = await configs.getByTestId('config-content').innerText();
  }
  return shown;
}

for (const [name, link, expectedFiles] of [
  [
    'nginx, defaults',
    './#review',
    // The defaults keep Redis on the box: its include comes with it.
    ['gunicorn.conf.py', 'example.com', 'gunicorn.socket', 'gunicorn.service', 'rightsize-redis.conf'],
  ],
  [
    'caddy with celery',
    `./?${encodePermalink({ ...DEFAULT_ANSWERS, celery: 'here', proxy: 'caddy', domain: 'shop.example.org' })}#review`,
    [
      'gunicorn.conf.py',
      'Caddyfile',
      'gunicorn.socket',
      'gunicorn.service',
      'celery.service',
      'rightsize-redis.conf',
    ],
  ],
  [
    'PostgreSQL, Redis, Celery and beat on the box',
    `./?${encodePermalink({ ...DEFAULT_ANSWERS, celery: 'here', celeryBeat: 'yes', dbLocation: 'here' })}#review`,
    [
      'gunicorn.conf.py',
      'example.com',
      'gunicorn.socket',
      'gunicorn.service',
      'celery.service',
      'celerybeat.service',
      'rightsize-postgresql.conf',
      'rightsize-redis.conf',
    ],
  ],
  [
    'MySQL (MariaDB) and Redis on the box',
    `./?${encodePermalink({ ...DEFAULT_ANSWERS, dbLocation: 'here', dbEngine: 'mysql' })}#review`,
    [
      'gunicorn.conf.py',
      'example.com',
      'gunicorn.socket',
      'gunicorn.service',
      '60-rightsize.cnf',
      'rightsize-redis.conf',
    ],
  ],
  [
    'a fleet behind a load balancer (2 million daily users)',
    `./?${encodePermalink({ ...DEFAULT_ANSWERS, trafficMode: 'daily', dailyUsers: 2_000_000 })}#review`,
    // Redis moves off the web boxes (ElastiCache); each box gets the client-address middleware.
    ['gunicorn.conf.py', 'example.com', 'gunicorn.socket', 'gunicorn.service', 'loadbalancer.py'],
  ],
] as const) {
  test(`"Download all" gives a zip whose files equal what the page shows (${name})`, async ({ page }) => {
    await page.goto(link);
    await expect(page.getByText('Parts of this link were ignored')).toHaveCount(0);
    const configs = page.getByTestId('configs');
    await expect(configs.getByRole('tab').first()).toBeVisible();
    const shown = await shownFiles(page);
    expect(Object.keys(shown)).toEqual([...expectedFiles]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      configs.getByRole('button', { name: 'Download all (.zip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rightsize-.*\.zip$/);
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(zip).map((n) => n.replace(/^rightsize\//, ''));
    expect(names.sort()).toEqual([...expectedFiles, 'SETUP.txt'].sort());
    for (const f of expectedFiles) expect(strFromU8(zip[`rightsize/${f}`]!)).toBe(shown[f]);
    const setup = strFromU8(zip['rightsize/SETUP.txt']!);
    expect(setup).toContain('systemctl enable --now gunicorn.socket');
    if (expectedFiles.includes('rightsize-postgresql.conf' as never)) {
      // Each value with its reason, and Celery restarted on deploy.
      expect(setup).toMatch(/- shared_buffers \d+MB: 25% of/);
      expect(setup).toContain('sudo systemctl restart celery.service celerybeat.service');
      await expect(page.getByText(/^shared_buffers \d+MB$/)).toBeVisible();
    }
    if (expectedFiles.includes('60-rightsize.cnf' as never)) {
      expect(setup).toMatch(/- innodb_buffer_pool_size \d+M: 25% of/);
      expect(setup).toContain('sudo systemctl restart mariadb');
    }
  });
}

test('one file downloads on its own, and the tabs work with arrow keys', async ({ page }) => {
  await page.goto('./#review');
  const configs = page.getByTestId('configs');
  await configs.getByRole('tab', { name: 'gunicorn.conf.py' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(configs.getByRole('tab', { name: 'example.com' })).toBeFocused();
  await expect(configs.getByRole('tab', { name: 'example.com' })).toHaveAttribute('aria-selected', 'true');
  const shown = await configs.getByTestId('config-content').innerText();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    configs.getByRole('button', { name: 'Download', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('example.com');
  expect(readFileSync(await download.path(), 'utf8')).toBe(shown);
});

test('a fleet: the result shows the connections across the fleet, the ALB and the Auto Scaling group', async ({
  page,
}) => {
  await page.goto(
    `./?${encodePermalink({ ...DEFAULT_ANSWERS, trafficMode: 'daily', dailyUsers: 2_000_000 })}#review`,
  );
  const fleet = page.getByTestId('fleet');
  await expect(fleet.getByRole('heading', { name: 'The fleet' })).toBeVisible();
  await expect(fleet.getByText('Database connections (whole fleet)')).toBeVisible();
  await expect(fleet.getByText(/^ALB → HTTP :80, health check \/healthz$/)).toBeVisible();
  await expect(fleet.getByText(/^min \d+, max \d+, CPU target 60%$/)).toBeVisible();
  // The nginx site serves the ALB: no certificate, no catch-all, the health check answered by nginx.
  const configs = page.getByTestId('configs');
  await configs.getByRole('tab', { name: 'example.com' }).click();
  const site = await configs.getByTestId('config-content').innerText();
  expect(site).toContain('set_real_ip_from 172.31.0.0/16;');
  expect(site).toContain('location = /healthz {');
  expect(site).not.toContain('return 444');
});
