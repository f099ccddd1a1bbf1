/** A number (or setting) the user sees, with the sentence that justifies it. */
export interface Reasoned<T> {
  value: T;
  reason: string;
}

export const r = <T>(value: T, reason: string): Reasoned<T> => ({ value, reason });

// The text below is what n.toLocaleString('en-US', options) gives, i.e. new Intl.NumberFormat('en-US',
// options).format(n) (ECMA-402), without building a formatter per call (about 5 µs each; a recommendation
// formats about a thousand numbers). en-US: "-" for negatives (also -0), "," between thousands, no
// trailing fraction zeros. reasoned.test.ts checks it against toLocaleString on many numbers.
const EXPONENT_FREE = 1e21; // below this, String(integer) has no exponent
// Only numbers of 10²¹ and more take this path (rare): a formatter per call costs nothing that matters.
const viaIntl = (n: number, maximumFractionDigits: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits }).format(n);

/** Rounds for display in reasons without drifting from the value used (which stays exact). */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '∞';
  if (Math.abs(n) >= 100) {
    // Was Math.round(n).toLocaleString('en-US').
    const whole = Math.round(n);
    if (Math.abs(whole) >= EXPONENT_FREE) return viaIntl(whole, 3);
    return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  // Was Number(n.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits }): the toFixed()
  // text is already that decimal (a "-0.00" stays "-0", as Intl writes -0); |value| ≤ 100, so no separators,
  // and Intl's maximumFractionDigits only drops trailing zeros.
  // eslint-disable-next-line no-restricted-syntax -- this is the formatter the rule points to
  const text = n.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Dollars with fixed cents, thousands separated ("$1,234.50"): every price shown to people, page and report.
 * The text of `$` + n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
 * without Intl: its first call loads the locale data, which cost the live summary's first render ~50 ms at 4×
 * CPU (a CPU profile of the first screen). reasoned.test.ts checks it against toLocaleString.
 */
export function usd(n: number, digits = 2): string {
  const abs = String(Math.abs(n));
  // Exponent forms (below 1e-6, from 1e21) and ∞ are rare here: the platform's formatter writes them.
  if (!Number.isFinite(n) || abs.includes('e')) return `$${viaIntlFixed(n, digits)}`;
  // ICU rounds the shortest decimal that reads back as n (String(n)), half away from zero: 3686.225 → .23,
  // where toFixed, on the binary value 3686.22499…, gives .22.
  const [whole = '0', frac = ''] = abs.split('.');
  let units = BigInt(whole + frac.slice(0, digits).padEnd(digits, '0'));
  if ((frac[digits] ?? '0') >= '5') units += 1n;
  const text = units.toString().padStart(digits + 1, '0');
  const intPart = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `$${sign}${intPart}${digits ? `.${text.slice(text.length - digits)}` : ''}`;
}
const viaIntlFixed = (n: number, digits: number) =>
  // eslint-disable-next-line no-restricted-syntax -- this is the formatter the rule points to
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
