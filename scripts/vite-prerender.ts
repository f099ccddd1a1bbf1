// Build-time prerender of the first screen (issue 11 §2): after the client build, an SSR build of
// src/prerender.tsx renders the real <App> (the same components the client hydrates, never a copy) with
// react-dom/server, and its HTML goes into dist/index.html's #root. The entry stylesheet is inlined, so the
// first paint needs the HTML alone; main.tsx hydrates it (hydrateRoot).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type ResolvedConfig } from 'vite';

const ENTRY = 'src/prerender.tsx';
/**
 * V8's explicit compile hint (Chrome 136+): compile every function of the file eagerly, on a background thread
 * while it streams in, instead of lazily on the main thread at its first call. Hydrating the first screen calls
 * most of the entry's functions; their lazy compiles were ~65 ms of one task at 4× CPU, and with the hint the
 * total blocking time fell from 87 to 52 ms (npm run perf, 2026-12-07). It must open the file.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** Puts the compile hint at the top of the entry chunk and its static imports (the first screen's JS). */
function hintFirstScreen(outDir: string) {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; isEntry?: boolean; imports?: string[] }
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    const path = join(outDir, chunk.file);
    writeFileSync(path, COMPILE_HINT + readFileSync(path, 'utf8'));
    // A debug build's source map: the code moved one line down (a `;` is one generated line).
    if (existsSync(`${path}.map`)) {
      const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { mappings: string };
      map.mappings = `;${map.mappings}`;
      writeFileSync(`${path}.map`, JSON.stringify(map));
    }
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  if (entries.length !== 1) throw new Error(`prerender: ${entries.length} entry chunks in the manifest`);
  visit(entries[0]!);
}

interface PrerenderModule {
  render: () => Promise<string>;
  /** The prerendered live summary as JSON, for hydration to start from the same figures. */
  summaryJson: () => string;
  firstStepId: string;
}

/** The prerendered page: #root filled, the entry CSS inlined, and a guard for URLs that do not show it. */
export async function prerenderPage(
  html: string,
  mod: PrerenderModule,
  css: Map<string, string>,
): Promise<string> {
  const body = await mod.render();
  if (!body.includes('id="step-title"'))
    throw new Error('prerender: the rendered first screen has no #step-title');
  const root = '<div id="root"></div>';
  if (!html.includes(root)) throw new Error(`prerender: index.html has no ${root}`);
  let out = html.replace(
    root,
    `<div id="root">${body}</div><script type="application/json" id="rs-summary">${mod.summaryJson()}</script>`,
  );
  // <link rel="stylesheet" href="./assets/index-….css"> → <style>…</style>: one request fewer before the first paint.
  out = out.replace(/<link rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"[^>]*>/g, (tag, href: string) => {
    const text = css.get(href);
    return text === undefined ? tag : `<style>${text}</style>`;
  });
  // The entry module is fetched and run after the first paint: once the first contentful paint has been
  // presented — started right after the frame, its ~280 KB would compete with the raster and delay the paint.
  // Not modulepreloaded either: fetching and compiling it alongside the HTML put the first paint at 1.22–1.38 ×
  // the static floor's at 1× CPU (npm run perf, three A/B runs on 2026-12-07; 0.89–1.00 × without), and an edit
  // made before it runs is replayed (src/ui/App.tsx). The timeout covers a tab opened in the background (no
  // frames) and a browser without paint timing; a page whose prerender is hidden ('csr', below) starts at once.
  out = out.replace(/<script type="module" crossorigin src="([^"]+)"><\/script>/, (_tag, src: string) => {
    const load =
      `const go=()=>import(${JSON.stringify(src)});` +
      `if(document.documentElement.classList.contains('csr'))go();else{setTimeout(go,1000);` +
      `try{new PerformanceObserver((l,o)=>{if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();setTimeout(go)}})` +
      `.observe({type:'paint',buffered:true})}catch{requestAnimationFrame(()=>setTimeout(go))}}`;
    return `<script type="module">${load}</script>`;
  });
  if (!out.includes('<script type="module">const go='))
    throw new Error('prerender: no <script type="module" crossorigin src> entry in index.html');
  // A permalink (query) or another step (hash) renders different answers: the client renders those itself
  // (main.tsx), and the prerendered default step stays hidden meanwhile rather than flash the wrong answers.
  const guard =
    `<script>if(location.search.length>1||(location.hash.length>1&&location.hash!=='#${mod.firstStepId}'))` +
    `document.documentElement.classList.add('csr');` +
    // The app never submits a form natively: a click on Next before the script runs must not send a GET.
    `addEventListener('submit',(e)=>e.preventDefault());` +
    // Edits made before React has hydrated would be overwritten when react-hook-form registers the inputs
    // (it writes its values into the DOM): they are recorded here and replayed once it has (src/ui/App.tsx).
    `window.rsEdits={};addEventListener('input',(e)=>{const t=e.target;` +
    `if(window.rsEdits&&t.name&&(t.type!=='radio'||t.checked))window.rsEdits[t.name]=t.value},true);` +
    // A click on a lazy part (presets, the log import) before its code arrives would be lost: recorded here,
    // replayed by the part once it is mounted (src/ui/earlyClicks.ts).
    `window.rsClicks=[];addEventListener('click',(e)=>{const b=e.target.closest&&e.target.closest('[data-early]');` +
    `if(b)window.rsClicks.push(b.dataset.early)},true)</script>`;
  return out.replace('</head>', `${guard}<style>.csr #root{visibility:hidden}</style></head>`);
}

export function prerender(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'rightsize-prerender',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    async closeBundle() {
      // The nested SSR build below loads this config too: only the client build prerenders.
      if (config.build.ssr || process.env.RIGHTSIZE_PRERENDER_SSR) return;
      const outDir = resolve(config.root, config.build.outDir);
      // Inside node_modules so the SSR bundle resolves react and react-dom from the project.
      const tmp = mkdtempSync(join(config.root, 'node_modules', '.prerender-'));
      process.env.RIGHTSIZE_PRERENDER_SSR = '1';
      try {
        await build({
          root: config.root,
          logLevel: 'warn',
          build: {
            ssr: ENTRY,
            outDir: tmp,
            emptyOutDir: true,
            manifest: false,
            copyPublicDir: false,
            // The client build's hashed names (vite.config.ts) would hide the entry this build imports below.
            rollupOptions: { output: { entryFileNames: '[name].js' } },
          },
        });
        const mod = (await import(pathToFileURL(join(tmp, 'prerender.js')).href)) as PrerenderModule;
        const htmlPath = join(outDir, 'index.html');
        const html = readFileSync(htmlPath, 'utf8');
        const css = new Map<string, string>();
        for (const m of html.matchAll(/<link rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"/g))
          css.set(m[1]!, readFileSync(join(outDir, m[1]!), 'utf8'));
        writeFileSync(htmlPath, await prerenderPage(html, mod, css));
        hintFirstScreen(outDir);
      } finally {
        delete process.env.RIGHTSIZE_PRERENDER_SSR;
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}
