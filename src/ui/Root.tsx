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
// Field by field, so a field added to Initial is compared too: the same value, or both lists empty.
export const matchesPrerender = (i: Initial) =>
  Object.keys(i).length === Object.keys(PRERENDERED).length &&
  (Object.keys(PRERENDERED) as (keyof Initial)[]).every((k) => {
    const [a, b] = [i[k], PRERENDERED[k]];
    return Array.isArray(a) && Array.isArray(b) ? a.length === 0 && b.length === 0 : a === b;
  });

/** The app as both the prerender and the browser render it. */
export function Root({ initial }: { initial: Initial }) {
  return (
    <StrictMode>
      <App initial={initial} />
    </StrictMode>
  );
}
