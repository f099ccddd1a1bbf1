import type { Sizer } from './sizingChunk';

let pending: Promise<Sizer> | undefined;

/** Loads the sizing chunk and the catalog once; a failure can be retried (the next call starts again). */
export function loadSizing(): Promise<Sizer> {
  pending ??= import('./sizingChunk')
    .then((m) => m.createSizer())
    .catch((e: unknown) => {
      pending = undefined;
      throw e;
    });
  return pending;
}
