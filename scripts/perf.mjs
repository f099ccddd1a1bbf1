// `npm run perf` (after `npm run build`): how fast the first screen paints, as a ratio to the floor.
//
// Serves dist/ and a "floor" page — dist/index.html with every script removed: the first step's text and
// styles, no JavaScript — from one static server on 127.0.0.1, loads each in Debian's Chromium (Playwright,
// the launch args of playwright.config.ts) with the CPU slowed 1× and 4× through the DevTools Protocol,
// interleaved, RUNS times each in a fresh context (cold cache), and prints the median first contentful paint,
// largest contentful paint, total blocking time and longest task. Targets (issue 11): LCP ≤ 1.2 × the floor's
// at 1× and 4×, total blocking time ≤ 50 ms at 4×, no task over 50 ms at 1×. Then Lighthouse (mobile) scores.
//
// A benchmark that prints figures: it never fails on a slow or busy machine, only when it cannot measure.
// PERF_RUNS (default 7) and LIGHTHOUSE_RUNS (default 3; 0 skips Lighthouse) change the counts; PERF_TASKS=1
// prints every load's long tasks.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const launch = JSON.parse(readFileSync(join(root, 'scripts/chromium.json'), 'utf8'));
const RUNS = Number(process.env.PERF_RUNS ?? 7);
const LH_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const RATES = [1, 4];
// After `load`, how long to keep watching for long tasks: past the idle-time loads (src/ui/idle.ts, ≤ 1.5 s).
const SETTLE_MS = 3000;

if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}
const appHtml = readFileSync(join(dist, 'index.html'), 'utf8');
if (!appHtml.includes('id="step-title"')) {
  console.error(
    'dist/index.html holds no prerendered first step (no #step-title): the floor would be empty.',
  );
  process.exit(1);
}
// The floor: the same document without a line of script (module scripts, preloads, the inline guard).
const floorHtml = appHtml
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link rel="modulepreload"[^>]*>/g, '');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};
// One server for both pages: gzip like any production static host, no caching between runs.
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let body;
  let type = 'text/html; charset=utf-8';
  if (path === '/floor/' || path === '/floor/index.html') body = Buffer.from(floorHtml);
  else {
    const file = normalize(join(dist, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    body = readFileSync(file);
    type = TYPES[extname(file)] ?? 'application/octet-stream';
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('application/oct');
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-store',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? gzipSync(body) : body);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
const pages = { static: `${base}/floor/`, app: `${base}/` };

// Installed before any of the page's own script runs; collects paint, LCP and long-task entries.
function observe() {
  const p = { fcp: NaN, lcp: NaN, tasks: [] };
  globalThis.__perf = p;
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') p.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) p.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) p.tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

async function measure(browser, url, rate) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(observe);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const p = await page.evaluate(() => globalThis.__perf);
    if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
    // Total blocking time as Lighthouse counts it: each long task's time past 50 ms, after the first paint.
    let tbt = 0;
    let longest = 0;
    for (const [start, duration] of p.tasks) {
      longest = Math.max(longest, duration);
      const end = start + duration;
      if (end <= p.fcp) continue;
      tbt += Math.max(0, end - Math.max(start, p.fcp) - 50);
    }
    if (process.env.PERF_TASKS)
      console.log(
        `  ${url} ${rate}×: FCP ${Math.round(p.fcp)}, tasks [start+duration ms] ${p.tasks.map(([s, d]) => `${Math.round(s)}+${Math.round(d)}`).join(' ')}`,
      );
    return { fcp: p.fcp, lcp: p.lcp, tbt, longest };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`.padStart(9);

const browser = await chromium.launch({ executablePath: launch.executablePath, args: launch.args });
const results = {};
try {
  console.log(
    `First screen vs the static floor: median of ${RUNS} cold loads each, Chromium ${browser.version()}`,
  );
  for (const rate of RATES) {
    const runs = { static: [], app: [] };
    for (let i = 0; i < RUNS; i++)
      for (const name of Object.keys(pages)) runs[name].push(await measure(browser, pages[name], rate));
    const med = {};
    for (const name of Object.keys(pages))
      med[name] = Object.fromEntries(
        ['fcp', 'lcp', 'tbt', 'longest'].map((k) => [k, median(runs[name].map((r) => r[k]))]),
      );
    results[rate] = med;
    console.log(`\nCPU ${rate}×            FCP       LCP       TBT  longest task`);
    for (const name of Object.keys(pages)) {
      const m = med[name];
      console.log(`  ${name.padEnd(12)}${ms(m.fcp)} ${ms(m.lcp)} ${ms(m.tbt)} ${ms(m.longest)}`);
    }
    const r = (k) => (med.app[k] / med.static[k]).toFixed(2);
    console.log(`  app / static ${`${r('fcp')}×`.padStart(8)} ${`${r('lcp')}×`.padStart(9)}`);
  }
} finally {
  await browser.close();
}

console.log('\nTargets (issue 11):');
const verdict = (ok) => (ok ? 'met' : 'NOT met');
for (const rate of RATES) {
  const ratio = results[rate].app.lcp / results[rate].static.lcp;
  console.log(`  LCP ≤ 1.2 × static at ${rate}×: ${ratio.toFixed(2)}× — ${verdict(ratio <= 1.2)}`);
}
console.log(
  `  TBT ≤ 50 ms at 4×: ${Math.round(results[4].app.tbt)} ms — ${verdict(results[4].app.tbt <= 50)}`,
);
const longest1 = results[1].app.longest;
console.log(
  `  no task over 50 ms at 1× (median longest): ${Math.round(longest1)} ms — ${verdict(longest1 <= 50)}`,
);

// Lighthouse, mobile (its default: simulated slow 4G and a 4× slower CPU), against the same server.
if (LH_RUNS > 0) {
  const bin = join(root, 'node_modules/.bin/lighthouse');
  const out = mkdtempSync(join(tmpdir(), 'rightsize-lh-'));
  const scores = [];
  try {
    for (let i = 0; i < LH_RUNS; i++) {
      const file = join(out, `run${i}.json`);
      const flags = ['--headless=new', '--no-sandbox', ...launch.args].join(' ');
      // Asynchronous: this process serves the pages Lighthouse loads.
      const code = await new Promise((done, fail) => {
        const child = spawn(
          bin,
          [
            pages.app,
            `--chrome-flags=${flags}`,
            '--only-categories=performance,accessibility,best-practices,seo',
            '--output=json',
            `--output-path=${file}`,
            '--quiet',
          ],
          {
            env: { ...process.env, CHROME_PATH: launch.executablePath },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', fail);
        child.on('close', (c) => (c === 0 ? done(c) : fail(new Error(`lighthouse exited ${c}: ${stderr}`))));
      });
      if (code !== 0) throw new Error(`lighthouse exited ${code}`);
      scores.push(JSON.parse(readFileSync(file, 'utf8')));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
  const score = (lhr, c) => Math.round(lhr.categories[c].score * 100);
  console.log(`\nLighthouse ${scores[0].lighthouseVersion} (mobile), median of ${LH_RUNS}:`);
  for (const c of cats)
    console.log(`  ${c.padEnd(15)} ${String(median(scores.map((l) => score(l, c)))).padStart(3)}`);
  const byPerf = [...scores].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
  const mid = byPerf[byPerf.length >> 1];
  const audit = (id) => mid.audits[id].displayValue;
  console.log(
    `  (median run: FCP ${audit('first-contentful-paint')}, LCP ${audit('largest-contentful-paint')}, ` +
      `TBT ${audit('total-blocking-time')}, CLS ${audit('cumulative-layout-shift')}, SI ${audit('speed-index')})`,
  );
  for (const c of cats)
    for (const ref of mid.categories[c].auditRefs) {
      const a = mid.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1)
        console.log(`  below 100 in ${c}: ${ref.id} (${a.score}) ${a.displayValue ?? ''}`);
    }
}
server.close();
