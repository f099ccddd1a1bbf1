import { loadReactDomClient } from './reactDomClient';
import { startTransition } from 'react';
import { flushSync } from 'react-dom';
import { DEFAULT_ANSWERS } from './core/defaults';
import type { Initial } from './ui/App';
import type { Summary } from './core/summary';
import { loadValidation } from './ui/loadValidation';
import { matchesPrerender, Root } from './ui/Root';
import { preloadFirstScreen } from './ui/preloadable';
import { REVIEW, stepFromHash } from './ui/url';
import './ui/styles.css';

const container = document.getElementById('root')!;

// index.html holds the prerendered first screen (scripts/vite-prerender.ts). The plain URL hydrates it; a
// permalink or another step renders different answers, so the client renders those from scratch (no
// hydration mismatch), and the guard in index.html keeps the prerendered step hidden until then.
// The first screen's lazy parts load first (src/ui/preloadable.ts), so neither path renders their fallbacks.
// react-dom's client in a task of its own, after the entry's (src/reactDomClient.ts).
const reactDom = () => new Promise((ok) => setTimeout(ok)).then(loadReactDomClient);

const start = (initial: Initial) => {
  if (container.firstElementChild && matchesPrerender(initial)) {
    // As a transition, hydration yields to the browser every few milliseconds instead of one long task; an
    // input or click meanwhile makes React finish hydrating at once and then handle it. The lazy parts hydrate
    // when their code arrives (useFirstScreenPart), so hydration starts without waiting for them.
    void reactDom().then(({ hydrateRoot }) =>
      startTransition(() => {
        hydrateRoot(container, <Root initial={initial} onStarted={ready} />);
      }),
    );
  } else
    void Promise.all([reactDom(), preloadFirstScreen()]).then(([{ createRoot }]) => {
      const root = createRoot(container);
      flushSync(() => root.render(<Root initial={initial} onStarted={ready} />));
    });
};

const ready = () => {
  document.documentElement.classList.remove('csr');
  // Called by App once hydration has committed and every input is registered: e2e tests wait for this.
  document.documentElement.dataset.ready = '';
};

const fromLink = window.location.search.length > 1;
const step = stepFromHash(window.location.hash) ?? (fromLink ? REVIEW : 0);
if (fromLink) {
  // A permalink must be decoded (and checked) before its answers are shown.
  void loadValidation().then((v) => {
    const decoded = v.decodePermalink(window.location.search);
    start({ ...decoded, step, showResult: true });
  });
} else {
  // The prerendered live summary of the default answers (scripts/vite-prerender.ts), so hydration starts
  // from the figures already on screen; absent in the dev server, where the summary loads with the core.
  const data = document.getElementById('rs-summary')?.textContent;
  const summary = data ? (JSON.parse(data) as Summary) : undefined;
  start({ answers: DEFAULT_ANSWERS, problems: [], notes: [], step, showResult: step === REVIEW, summary });
}
