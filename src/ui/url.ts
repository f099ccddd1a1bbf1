import { STEPS } from '../core/questions';

/** The wizard's place in the URL: answers in the query (the permalink), the step in the hash. */
export const REVIEW = STEPS.length;
export const stepIds = [...STEPS.map((s) => s.id), 'review'];

export function stepFromHash(hash: string): number | undefined {
  const id = hash.replace(/^#/, '');
  // Names and paths were a step of their own (#deploy); they are asked beside the configs on the review now.
  if (id === 'deploy') return REVIEW;
  const i = stepIds.indexOf(id);
  return i >= 0 ? i : undefined;
}

export function urlFor(query: string, step: number): string {
  return `${window.location.pathname}${query ? `?${query}` : ''}#${stepIds[step] ?? 'traffic'}`;
}

/** The shareable link for encodePermalink's query: opens on the review with the recommendation shown. */
export const permalinkFor = (query: string): string => window.location.origin + urlFor(query, REVIEW);
