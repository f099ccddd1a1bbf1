import { defineConfig } from 'vitest/config';

// `npm run bench`: timings of the sizing core, printed, never asserted (a busy machine must not fail it).
// Its files end in .bench.ts, which the unit run (src/**/*.test.ts, vite.config.ts) does not pick up.
export default defineConfig({
  test: {
    include: ['src/**/*.bench.ts'],
    testTimeout: 600_000,
    // One file at a time, in one process: timings are not shared with a parallel test file.
    fileParallelism: false,
  },
});
