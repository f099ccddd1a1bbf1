// react-dom's client, not evaluated with the rest of the entry. The browser evaluates a module graph in one
// task: with react-dom's client in it the entry's was one of 80–110 ms at 4× CPU (npm run perf: total
// blocking time 50–53 ms with it, 29–42 ms without). Required, the bundle keeps it in the same chunk in its
// CommonJS form and runs its module body only when this is called, which main.tsx does in a later task.
// Imported first by main.tsx, so the bundle places it where a static import did, next to react-dom's other
// code, which gzip compresses it against (1 KB less). The dev server, which has no require, uses
// reactDomClient.dev.ts (vite.config.ts).
declare const require: (id: 'react-dom/client') => typeof import('react-dom/client');

export const loadReactDomClient = () => require('react-dom/client');
