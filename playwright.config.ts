import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';

// E2E_PORT lets several checkouts run their e2e tests side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);

// Debian's chromium: Playwright's own browser download cannot work here (only npm and Debian packages install).
// The background-networking flags (scripts/chromium.json, shared with `npm run perf`) stop Chromium calling
// home through a closed network.
const chromium = JSON.parse(readFileSync('scripts/chromium.json', 'utf8')) as {
  executablePath: string;
  args: string[];
};

export default defineConfig({
  testDir: 'e2e',
  // Sized for a busy 2-core machine (CI starts cold, other jobs share the cores): a test here takes 1–10 s
  // on an idle machine, the axe audit of the whole result 55 s with six other jobs on the cores; these limits
  // only catch a hang. Each test is short (one step, one page) on purpose.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: 2,
  // No retries: the lost-edit race they used to hide is fixed (early edits are replayed, e2e/prerender.spec.ts)
  // and every spec waits for the app to start (fixtures.ts); a flaky test is a bug to find, not to retry.
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { executablePath: chromium.executablePath, args: chromium.args },
    navigationTimeout: 45_000,
    actionTimeout: 20_000,
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
