// Prints what the first screen downloads (the entry chunk, its static imports and their CSS, gzip -9) and
// every lazy chunk, from the production build's manifest. Budget: first screen ≤ 90 KB gzip (issue: quality).
// Exits non-zero when over budget, so the test command catches a regression.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const manifestPath = resolve(dist, '.vite/manifest.json');
if (!existsSync(manifestPath)) {
  console.error('dist/.vite/manifest.json is missing: run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const BUDGET = 90 * 1000;
const gz = (file) => gzipSync(readFileSync(resolve(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const first = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || first.has(chunk.file)) return;
  first.add(chunk.file);
  for (const css of chunk.css ?? []) first.add(css);
  for (const imp of chunk.imports ?? []) visit(imp);
};
visit(entryKey);

// The first screen's lazy parts (preloadable(…, true), src/ui/preloadable.ts): prerendered in the HTML, loaded
// in parallel once the app starts, and hydrated when they arrive (hydration does not wait for them). Found by
// reading src/ui, so a new one cannot be missed; printed beside the budget, with the whole first screen.
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const preloaded = new Set();
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (/\.tsx?$/.test(e.name))
      for (const m of readFileSync(path, 'utf8').matchAll(
        /preloadable\(\s*\(\) => import\('([^']+)'\)[^;]*?,\s*true\s*\)/g,
      )) {
        const target = relative(resolve(src, '..'), resolve(dirname(path), m[1]));
        const key = Object.keys(manifest).find((k) => k.replace(/\.tsx?$/, '') === target);
        if (!key) throw new Error(`size report: no chunk for the first screen's lazy part ${target}`);
        preloaded.add(key);
      }
  }
};
walk(resolve(src, 'ui'));
const beforeHydration = new Set();
const visitPreloaded = (key) => {
  const chunk = manifest[key];
  if (!chunk || first.has(chunk.file) || beforeHydration.has(chunk.file)) return;
  beforeHydration.add(chunk.file);
  for (const css of chunk.css ?? []) if (!first.has(css)) beforeHydration.add(css);
  for (const imp of chunk.imports ?? []) visitPreloaded(imp);
};
for (const key of preloaded) visitPreloaded(key);

let firstTotal = 0;
console.log('First screen (entry + static imports):');
for (const f of first) {
  const size = gz(f);
  firstTotal += size;
  console.log(`  ${kb(size).padStart(9)}  ${f}`);
}
console.log(`  ${kb(firstTotal).padStart(9)}  total, budget ${kb(BUDGET)} gzip -9`);
let preTotal = 0;
console.log("The first screen's lazy parts (hydrated when they arrive, not in the budget above):");
for (const f of beforeHydration) {
  const size = gz(f);
  preTotal += size;
  console.log(`  ${kb(size).padStart(9)}  ${f}`);
}
console.log(
  `  ${kb(firstTotal + preTotal).padStart(9)}  the whole first screen, its lazy parts included (${kb(BUDGET)}: ${firstTotal + preTotal <= BUDGET ? 'within' : 'over'})`,
);
console.log('Lazy chunks (loaded after the first screen):');
const lazyFiles = new Set();
for (const chunk of Object.values(manifest)) {
  for (const f of [chunk.file, ...(chunk.css ?? [])])
    if (!first.has(f) && !beforeHydration.has(f) && f.match(/\.(js|css)$/)) lazyFiles.add(f);
}
for (const f of [...lazyFiles].sort()) console.log(`  ${kb(gz(f)).padStart(9)}  ${f}`);
if (firstTotal > BUDGET) {
  console.error(`First screen is ${kb(firstTotal)}, over the ${kb(BUDGET)} budget.`);
  process.exit(1);
}
