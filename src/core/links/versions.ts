import type { AnswerField } from '../answers';
import { V1_DEFAULTS, V1_KEYS, V1_TO_V2_ADDED } from './v1';
import { V2_DEFAULTS, V2_KEYS } from './v2';

type Values = Readonly<Record<string, string | number>>;

/** One permalink version: its frozen key table and defaults, and how its answers read in the next version. */
export interface LinkVersion {
  /** Answer field → query key. */
  keys: Readonly<Record<string, string>>;
  /** The defaults a link of this version is read against (a link writes only what differs). */
  defaults: Values;
  /** Its answers as the next version's, same meaning; absent for the current version. */
  toNext?: (v: Values) => Values;
  /** The version toNext leads to. */
  next?: string;
}

/**
 * Adding a version: freeze its keys and defaults in links/vN.ts, give the previous version a `toNext` that
 * keeps its meaning, and make it CURRENT_LINK_VERSION. Old links still decode (through the toNext chain)
 * and are shown with a note; new links are written in the current version.
 */
export const LINK_VERSIONS: Readonly<Record<string, LinkVersion>> = Object.freeze({
  '1': { keys: V1_KEYS, defaults: V1_DEFAULTS, toNext: (v) => ({ ...V1_TO_V2_ADDED, ...v }), next: '2' },
  '2': { keys: V2_KEYS, defaults: V2_DEFAULTS },
});
export const CURRENT_LINK_VERSION = '2';

/** The current version's key table, typed by answer field (its fields are exactly the answers'). */
export const CURRENT_KEYS: Readonly<Record<AnswerField, string>> = V2_KEYS;
export const CURRENT_DEFAULTS = V2_DEFAULTS as Readonly<Record<AnswerField, string | number>>;

/** Reads a version's values as the current version's, through each version's toNext. */
export function upgradeToCurrent(version: string, values: Values): Values {
  let v = values;
  let spec = LINK_VERSIONS[version];
  while (spec?.toNext && spec.next) {
    v = spec.toNext(v);
    spec = LINK_VERSIONS[spec.next];
  }
  return v;
}
