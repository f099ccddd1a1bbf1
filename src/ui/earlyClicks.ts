import { useEffect, useRef } from 'react';

/**
 * Replays the clicks a person made on a lazy part of the prerendered first screen before its code arrived.
 * Until then the part is plain HTML that React leaves dehydrated, and React drops a click on it (it cannot
 * hydrate the part without its code): the person clicked "Import an access log…" and nothing happened — CI
 * caught it as a flaky e2e test. index.html's inline script (scripts/vite-prerender.ts) records, in order, the
 * `data-early` id of each such button clicked; once the part is mounted with its handlers, this clicks them
 * again. The ids are dropped from the DOM first, so later clicks are the part's own and are not recorded.
 */
export function useReplayEarlyClicks<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const w = window as { rsClicks?: string[] };
    const mine = new Map<string, HTMLElement>();
    for (const el of [root, ...root.querySelectorAll<HTMLElement>('[data-early]')]) {
      const id = el.dataset.early;
      if (id === undefined) continue;
      mine.set(id, el);
      el.removeAttribute('data-early');
    }
    const clicks = (w.rsClicks ?? []).filter((id) => mine.has(id));
    if (w.rsClicks) w.rsClicks = w.rsClicks.filter((id) => !mine.has(id));
    // A person who clicked twice while waiting meant it once.
    for (const id of new Set(clicks)) mine.get(id)!.click();
  }, []);
  return ref;
}
