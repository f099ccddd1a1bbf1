// SSR entry used only at build time (scripts/vite-prerender.ts): the first screen as static HTML.
import { renderToString } from 'react-dom/server';
import { PRERENDERED, Root } from './ui/Root';
import { stepIds } from './ui/url';

export const render = () => renderToString(<Root initial={PRERENDERED} />);
export const firstStepId = stepIds[0]!;
