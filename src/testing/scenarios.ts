// Shared by the generators' unit tests and the real-server tests (scripts/servers): answers built through the
// schema, recommended against the shipped catalog.
import { DEFAULT_ANSWERS, answersSchema, type Answers } from '../core/answers';
import { recommend, type Recommendation } from '../core/recommend';
import { catalog } from './fixtures';

export { shippedCatalog } from './fixtures';

/** A recommendation for the defaults with these answers changed; throws if the schema refuses them. */
export function recFor(overrides: Partial<Answers> = {}): Recommendation {
  return recommend(answersSchema.parse({ ...DEFAULT_ANSWERS, ...overrides }), catalog);
}

export const TRAFFIC = {
  small: { concurrentUsers: 20 },
  medium: { concurrentUsers: 500 },
  large: { concurrentUsers: 5000 },
} as const satisfies Record<string, Partial<Answers>>;

// I/O share picks the worker class: 10% rounds to 1 thread (sync), 70% to 3 threads (gthread).
export const WORKLOADS = {
  sync: { appInterface: 'wsgi', ioSharePct: 10 },
  gthread: { appInterface: 'wsgi', ioSharePct: 70 },
  asgi: { appInterface: 'asgi', ioSharePct: 70 },
} as const satisfies Record<string, Partial<Answers>>;

export interface Scenario {
  name: string;
  answers: Partial<Answers>;
  workload: keyof typeof WORKLOADS;
}

/** traffic × proxy × worker class × Celery (and database) on the box × static files: 72 scenarios. */
export function scenarioMatrix(): Scenario[] {
  const out: Scenario[] = [];
  for (const [traffic, t] of Object.entries(TRAFFIC))
    for (const proxy of ['nginx', 'caddy'] as const)
      for (const [workload, w] of Object.entries(WORKLOADS) as Array<
        [keyof typeof WORKLOADS, Partial<Answers>]
      >)
        for (const celery of ['none', 'here'] as const)
          for (const staticFiles of ['proxy', 's3'] as const) {
            // With Celery on the box, the database is too (PostgreSQL behind nginx, MySQL behind Caddy).
            const db: Partial<Answers> =
              celery === 'here'
                ? { dbLocation: 'here', dbEngine: proxy === 'nginx' ? 'postgresql' : 'mysql' }
                : {};
            out.push({
              name: `${traffic}-${proxy}-${workload}-${celery === 'here' ? 'celery_db_here' : 'no_celery'}-${staticFiles}`,
              answers: { ...t, ...w, proxy, celery, staticFiles, ...db },
              workload,
            });
          }
  return out;
}
