export type Validation = typeof import('./validationChunk');

let pending: Promise<Validation> | undefined;

/** Loads the validation chunk once; every caller shares the same promise. */
export function loadValidation(): Promise<Validation> {
  pending ??= import('./validationChunk');
  return pending;
}
