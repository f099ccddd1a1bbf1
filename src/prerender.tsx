// SSR entry used only at build time (scripts/vite-prerender.ts): the first screen as static HTML.
// prerenderToNodeStream waits for lazy parts (e.g. the first step's presets) instead of leaving a
// client-rendered hole, so the HTML is the whole first screen and hydrates without a fallback.
import { prerenderToNodeStream } from 'react-dom/static';
import { PRERENDERED, Root } from './ui/Root';
import { stepIds } from './ui/url';

export async function render(): Promise<string> {
  const { prelude } = await prerenderToNodeStream(<Root initial={PRERENDERED} />);
  let html = '';
  for await (const chunk of prelude) html += String(chunk);
  return html;
}
export const firstStepId = stepIds[0]!;
