import { STEPS } from '../core/questions';

/** The wizard's place in the URL: answers in the query (the permalink), the step in the hash. */
export const REVIEW = STEPS.length;
export const stepIds = [...STEPS.map((s) => s.id), 'review'];

export function stepFromHash(hash: string): number | undefined {
  const i = stepIds.indexOf(hash.replace(/^#/, ''));
  return i >= 0 ? i : undefined;
}

export function urlFor(query: string, step: number): string {
  return `${window.location.pathname}${query ? `?${query}` : ''}#${stepIds[step] ?? 'traffic'}`;
}

/** The shareable link: opens on the review step with the recommendation shown. */
export function permalinkFor(query: string): string {
  return `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ''}#review`;
}
