import { QueryClient } from '@tanstack/react-query';
import { parseCatalog, type Catalog } from '../../core/catalog';

// One client for the page's lifetime: going back to a wizard step and returning reuses the loaded catalog.
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: Infinity, retry: 1, refetchOnWindowFocus: false } },
});

export async function fetchCatalog(): Promise<Catalog> {
  const res = await fetch(`${import.meta.env.BASE_URL}catalog.json`);
  if (!res.ok)
    throw new Error(`The instance catalog could not be loaded (HTTP ${res.status} for catalog.json).`);
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    throw new Error('The instance catalog is not valid JSON.');
  }
  const parsed = parseCatalog(data);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.catalog;
}
