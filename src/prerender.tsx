// SSR entry used only at build time (scripts/vite-prerender.ts): the first screen as static HTML.
// prerenderToNodeStream waits for lazy parts (e.g. the first step's presets) instead of leaving a
// client-rendered hole, so the HTML is the whole first screen and hydrates without a fallback.
import { prerenderToNodeStream } from 'react-dom/static';
import catalogJson from '../public/catalog.json';
import { DEFAULT_ANSWERS } from './core/defaults';
import { parseCatalog } from './core/catalog';
import { recommend } from './core/recommend';
import { summarize, type Summary } from './core/summary';
import { PRERENDERED, Root } from './ui/Root';
import { stepIds } from './ui/url';

/** The live summary of the default answers, from the catalog the page will fetch: painted with the HTML. */
function defaultSummary(): Summary {
  const parsed = parseCatalog(catalogJson);
  if (!parsed.ok) throw new Error(`prerender: public/catalog.json: ${parsed.error}`);
  const s = summarize(recommend(DEFAULT_ANSWERS, parsed.catalog));
  // JSON has no Infinity: an overloaded default would not survive the trip to the client.
  if (!Number.isFinite(s.p95ResponseMs.value))
    throw new Error('prerender: the default answers overload the box');
  return s;
}

const summary = defaultSummary();

export async function render(): Promise<string> {
  const { prelude } = await prerenderToNodeStream(<Root initial={{ ...PRERENDERED, summary }} />);
  let html = '';
  for await (const chunk of prelude) html += String(chunk);
  return html;
}

/** The same summary as data for hydration (main.tsx reads it), safe inside a <script> element. */
export const summaryJson = () => JSON.stringify(summary).replace(/</g, '\\u003c');
export const firstStepId = stepIds[0]!;
