import { whenIdle } from './idle';

export type Validation = typeof import('./validationChunk');

let pending: Promise<Validation> | undefined;
const waiting = new Set<(v: Validation) => void>();

/** Loads the validation chunk once; every caller shares the same promise. */
export function loadValidation(): Promise<Validation> {
  pending ??= import('./validationChunk').then((v) => {
    for (const apply of waiting) apply(v);
    waiting.clear();
    return v;
  });
  return pending;
}

/**
 * Calls `apply` with the validation chunk as soon as anything loads it (an edit, a permalink), and loads it in
 * idle time otherwise, so the first screen paints and hydrates without it. Returns a cancel function.
 */
export function whenValidationLoaded(apply: (v: Validation) => void): () => void {
  let live = true;
  const call = (v: Validation) => {
    if (live) apply(v);
  };
  if (pending) {
    void pending.then(call);
    return () => {
      live = false;
    };
  }
  waiting.add(call);
  const cancelIdle = whenIdle(() => void loadValidation());
  return () => {
    live = false;
    waiting.delete(call);
    cancelIdle();
  };
}
