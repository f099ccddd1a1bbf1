// The sizing core behind the live summary, as one lazy chunk (it shares its modules with the result view):
// the first screen paints from the prerendered summary of the default answers and loads this in idle time.
import { recommend } from '../../core/recommend';
import { summarize, type Summary } from '../../core/summary';
import type { Answers } from '../../core/answers';
import type { Catalog } from '../../core/catalog';
import { fetchCatalog, queryClient } from '../result/catalogQuery';

export interface Sizer {
  summaryFor: (answers: Answers) => Summary;
}

/** The catalog (one fetch, shared with the result view through the query cache) and the core's summary. */
export async function createSizer(): Promise<Sizer> {
  const catalog: Catalog = await queryClient.fetchQuery({ queryKey: ['catalog'], queryFn: fetchCatalog });
  return { summaryFor: (answers) => summarize(recommend(answers, catalog)) };
}
