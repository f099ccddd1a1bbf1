/**
 * Runs `work` once the browser is idle after the first paint and hydration, or after `timeoutMs` at the latest.
 * Keeps work the first screen does not need (the validation chunk, the catalog) off its critical path.
 */
export function whenIdle(work: () => void, timeoutMs = 1500): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(work, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  // Safari before 18 has no requestIdleCallback: a short timer still lets the first paint go first.
  const t = window.setTimeout(work, 50);
  return () => window.clearTimeout(t);
}
