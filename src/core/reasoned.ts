/** A number (or setting) the user sees, with the sentence that justifies it. */
export interface Reasoned<T> {
  value: T;
  reason: string;
}

export const r = <T>(value: T, reason: string): Reasoned<T> => ({ value, reason });

/** Rounds for display in reasons without drifting from the value used (which stays exact). */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '∞';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return Number(n.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}
