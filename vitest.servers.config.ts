import { defineConfig } from 'vitest/config';

// The real-server checks (npm run validate-configs): gunicorn 20.1, nginx 1.22, Caddy 2.6.2, systemd-analyze.
export default defineConfig({
  test: {
    include: ['scripts/servers/**/*.test.ts'],
    // Servers start and stop in these tests: generous (a busy 2-core machine is several times slower), but bounded.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // One file at a time: the live smoke test and the matrix would compete for 2 cores.
    fileParallelism: false,
  },
});
