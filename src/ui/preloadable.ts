import { lazy, type ComponentType } from 'react';

type Module<T> = { default: T };

const firstScreen: (() => Promise<unknown>)[] = [];

/**
 * React.lazy with a preload. Once its module is loaded the component resolves synchronously (a thenable that
 * calls back at once), so hydrating the prerendered first screen finds it in place. A lazy part that is still
 * loading when its parent re-renders (react-hook-form does right after hydration) is thrown away by React and
 * client-rendered from its fallback: the prerendered HTML vanished and came back (Lighthouse CLS 0.24).
 * `onFirstScreen` parts are loaded by preloadFirstScreen() before main.tsx hydrates.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, as React.lazy itself
export function preloadable<T extends ComponentType<any>>(
  load: () => Promise<Module<T>>,
  onFirstScreen = false,
) {
  let loaded: Module<T> | undefined;
  let pending: Promise<Module<T>> | undefined;
  const preload = () =>
    (pending ??= load().then((m) => {
      loaded = m;
      return m;
    }));
  if (onFirstScreen) firstScreen.push(preload);
  return lazy(() =>
    loaded
      ? ({ then: (ok: (m: Module<T>) => void) => ok(loaded!) } as unknown as Promise<Module<T>>)
      : preload(),
  );
}

/** Loads every lazy part of the prerendered first screen (in parallel); main.tsx hydrates after it. */
export const preloadFirstScreen = () => Promise.all(firstScreen.map((p) => p()));
