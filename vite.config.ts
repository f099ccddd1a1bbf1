/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { prerender } from './scripts/vite-prerender.ts';

export default defineConfig({
  // prerender(): the first screen as static HTML in dist/index.html, hydrated by src/main.tsx.
  plugins: [
    react(),
    prerender(),
    {
      // The dev server has no require (src/reactDomClient.ts): it loads react-dom's client with import().
      name: 'react-dom-client-dev',
      apply: 'serve',
      enforce: 'pre',
      async resolveId(source, importer) {
        if (source !== './reactDomClient' || !importer?.endsWith('/src/main.tsx')) return null;
        return this.resolve('./reactDomClient.dev', importer);
      },
    },
  ],
  // Relative base: the built app works from any sub-path or straight from dist/.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    // The size report (scripts/size-report.mjs) reads the manifest to find what the first screen loads.
    manifest: true,
    // Every browser we support has <link rel=modulepreload>; the polyfill would cost the first screen ~1 KB.
    modulePreload: { polyfill: false },
    // The entry names every lazy chunk (its import map): 6 base64 characters (36 bits) tell one build's ~40 files
    // apart as well as 8 do, and the 2 × 33 incompressible characters saved keep ~50 bytes off the first screen.
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash:6].js',
        chunkFileNames: 'assets/[name]-[hash:6].js',
        assetFileNames: 'assets/[name]-[hash:6][extname]',
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Property tests run hundreds of cases: on a busy 2-core machine a file takes several times as long as
    // on an idle one. Time is measured by `npm run bench`, never asserted here.
    testTimeout: 60_000,
  },
});
