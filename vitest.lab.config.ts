import { defineConfig } from 'vitest/config';

// `npm run lab`: the fidelity lab (lab/run.lab.ts). Minutes, not part of `npm test` (a smoke of it is, in the
// real-server checks). One process, console straight through so progress shows as it happens.
export default defineConfig({
  test: {
    include: ['lab/**/*.lab.ts'],
    fileParallelism: false,
    disableConsoleIntercept: true,
    testTimeout: 7_200_000,
    hookTimeout: 300_000,
  },
});
