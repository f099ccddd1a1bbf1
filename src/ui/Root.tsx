import { StrictMode } from 'react';
import { DEFAULT_ANSWERS } from '../core/defaults';
import { App, type Initial } from './App';

/** What the build prerenders into index.html (scripts/vite-prerender.ts): the plain URL's first screen. */
export const PRERENDERED: Initial = {
  answers: DEFAULT_ANSWERS,
  problems: [],
  notes: [],
  step: 0,
  showResult: false,
};

/** True when the client's first render is the prerendered one, so it can hydrate without a mismatch. */
export const matchesPrerender = (i: Initial) =>
  i.answers === PRERENDERED.answers &&
  i.step === PRERENDERED.step &&
  i.showResult === PRERENDERED.showResult &&
  !i.problems.length &&
  !i.notes.length;

/** The app as both the prerender and the browser render it. */
export function Root({ initial, onStarted }: { initial: Initial; onStarted?: () => void }) {
  return (
    <StrictMode>
      <App initial={initial} onStarted={onStarted} />
    </StrictMode>
  );
}
