import {
  lazy,
  useEffect,
  useMemo,
  useState,
  type ComponentType,
  type DependencyList,
  type LazyExoticComponent,
  type ReactElement,
} from 'react';

type Module<T> = { default: T };

const firstScreen: (() => Promise<unknown>)[] = [];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, as React.lazy itself
export type Preloadable<T extends ComponentType<any>> = LazyExoticComponent<T> & {
  preload: () => Promise<unknown>;
  isLoaded: () => boolean;
};

/**
 * React.lazy with a preload. Once its module is loaded the component resolves synchronously (a thenable that
 * calls back at once), so a render finds it in place. `onFirstScreen` parts are on the prerendered first
 * screen: a client render (a permalink, another step) loads them first (preloadFirstScreen()); hydration does
 * not wait for them — useFirstScreenPart() keeps their prerendered HTML until their code arrives.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, as React.lazy itself
export function preloadable<T extends ComponentType<any>>(
  load: () => Promise<Module<T>>,
  onFirstScreen = false,
): Preloadable<T> {
  let loaded: Module<T> | undefined;
  let pending: Promise<Module<T>> | undefined;
  const preload = () =>
    (pending ??= load().then((m) => {
      loaded = m;
      return m;
    }));
  if (onFirstScreen) firstScreen.push(preload);
  const component = lazy(() =>
    loaded
      ? ({ then: (ok: (m: Module<T>) => void) => ok(loaded!) } as unknown as Promise<Module<T>>)
      : preload(),
  );
  return Object.assign(component, { preload, isLoaded: () => loaded !== undefined });
}

/** Loads every lazy part of the prerendered first screen (in parallel): main.tsx's client renders wait for it. */
export const preloadFirstScreen = () => Promise.all(firstScreen.map((p) => p()));

/**
 * The element of a first-screen lazy part (its Suspense boundary included), kept as the very same element until
 * the part's code has arrived. While hydrating, React keeps a boundary's prerendered HTML until its code loads
 * and then hydrates it — but an update that reaches the boundary first (react-hook-form re-renders the form
 * right after hydration; every edit does) makes React throw the HTML away and show the fallback: the part
 * vanished and came back (Lighthouse CLS 0.24). An identical element is no update. Once loaded, `deps` rule.
 */
export function useFirstScreenPart(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, as React.lazy itself
  part: Preloadable<ComponentType<any>>,
  render: () => ReactElement,
  deps: DependencyList,
): ReactElement {
  const [loaded, setLoaded] = useState(part.isLoaded);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    void part.preload().then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [loaded, part]);
  const [first] = useState(render);
  // `deps` are exactly what `render` reads, given by the caller (as useMemo's own are).
  // eslint-disable-next-line react-hooks/use-memo, react-hooks/exhaustive-deps
  const current = useMemo(render, deps);
  return loaded ? current : first;
}
