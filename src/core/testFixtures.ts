// Shared by the core's tests (and the generators' and real-server tests): the shipped catalog, parsed once,
// and shorthands for a catalog type and for the default answers with a few changed.
import catalogJson from '../../public/catalog.json';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { parseCatalog, type Catalog, type Instance } from './catalog';

export function shippedCatalog(): Catalog {
  const r = parseCatalog(catalogJson);
  if (!r.ok) throw new Error(r.error);
  return r.catalog;
}

export const catalog = shippedCatalog();

export function inst(type: string): Instance {
  const i = catalog.instances.find((x) => x.type === type);
  if (!i) throw new Error(`${type} is not in the shipped catalog`);
  return i;
}

export const A = (over: Partial<Answers> = {}): Answers => ({ ...DEFAULT_ANSWERS, ...over });
