// Character-level helpers for the parsers: no regex and no substring per line, because the nginx parser must
// read ≥ 100 MB/s on a 2-core machine (issue 9). All indexes are into the line's string.

const C0 = 48; // '0'

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's days_from_civil. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** n digits at s[i…] as an integer, or -1. */
export function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - C0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Month from its English abbreviation at s[i…] ("Jan" → 1), or 0. */
export function monthAbbr(s: string, i: number): number {
  // Hash of the three letters; strftime's %b in the C locale, which nginx and gunicorn use.
  switch (s.substr(i, 3)) {
    case 'Jan':
      return 1;
    case 'Feb':
      return 2;
    case 'Mar':
      return 3;
    case 'Apr':
      return 4;
    case 'May':
      return 5;
    case 'Jun':
      return 6;
    case 'Jul':
      return 7;
    case 'Aug':
      return 8;
    case 'Sep':
      return 9;
    case 'Oct':
      return 10;
    case 'Nov':
      return 11;
    case 'Dec':
      return 12;
    default:
      return 0;
  }
}

function validClock(mo: number, d: number, h: number, mi: number, se: number): boolean {
  return (
    mo >= 1 &&
    mo <= 12 &&
    d >= 1 &&
    d <= 31 &&
    h >= 0 &&
    h <= 23 &&
    mi >= 0 &&
    mi <= 59 &&
    se >= 0 &&
    se <= 60
  );
}

/** Common Log Format time at s[i…]: "10/Oct/2000:13:55:36 -0700" (26 chars) → Unix seconds, or NaN. */
export function clfTime(s: string, i: number): number {
  const d = digits(s, i, 2);
  const mo = monthAbbr(s, i + 3);
  const y = digits(s, i + 7, 4);
  const h = digits(s, i + 12, 2);
  const mi = digits(s, i + 15, 2);
  const se = digits(s, i + 18, 2);
  const sign = s.charCodeAt(i + 21);
  const tzh = digits(s, i + 22, 2);
  const tzm = digits(s, i + 24, 2);
  if (
    y < 0 ||
    tzh < 0 ||
    tzm < 0 ||
    (sign !== 43 && sign !== 45) ||
    s.charCodeAt(i + 2) !== 47 ||
    s.charCodeAt(i + 11) !== 58 ||
    !validClock(mo, d, h, mi, se)
  )
    return NaN;
  const offset = (sign === 45 ? -1 : 1) * (tzh * 3600 + tzm * 60);
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
}

/** ISO 8601 UTC time at s[i…]: "2018-07-02T22:23:00.186641Z" (fraction optional) → Unix seconds, or NaN. */
export function isoTime(s: string, i: number): number {
  const y = digits(s, i, 4);
  const mo = digits(s, i + 5, 2);
  const d = digits(s, i + 8, 2);
  const h = digits(s, i + 11, 2);
  const mi = digits(s, i + 14, 2);
  const se = digits(s, i + 17, 2);
  if (
    y < 0 ||
    s.charCodeAt(i + 4) !== 45 ||
    s.charCodeAt(i + 7) !== 45 ||
    (s.charCodeAt(i + 10) !== 84 && s.charCodeAt(i + 10) !== 32) ||
    !validClock(mo, d, h, mi, se)
  )
    return NaN;
  let sec = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
  // Skip a fraction, then read "Z" or a ±hh:mm offset.
  let k = i + 19;
  if (s.charCodeAt(k) === 46) {
    k++;
    while (s.charCodeAt(k) >= C0 && s.charCodeAt(k) <= C0 + 9) k++;
  }
  const z = s.charCodeAt(k);
  if (z === 43 || z === 45) {
    const oh = digits(s, k + 1, 2);
    const om = digits(s, k + 4, 2);
    if (oh < 0 || om < 0) return NaN;
    sec -= (z === 45 ? -1 : 1) * (oh * 3600 + om * 60);
  }
  return sec;
}

/**
 * A non-negative decimal in s[i, end) ("0.004", "12", "1.5") → its value, or NaN. `decimals` receives the
 * number of digits after the point (or -1 for none), which tells nginx's "0.004" from gunicorn's "0.004123".
 */
export function decimal(s: string, i: number, end: number, out?: { decimals: number }): number {
  if (i >= end) return NaN;
  let whole = 0;
  let k = i;
  for (; k < end; k++) {
    const c = s.charCodeAt(k) - C0;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (k === i) return NaN;
  if (k === end) {
    if (out) out.decimals = -1;
    return whole;
  }
  if (s.charCodeAt(k) !== 46) return NaN;
  let frac = 0;
  let scale = 1;
  const from = ++k;
  for (; k < end; k++) {
    const c = s.charCodeAt(k) - C0;
    if (c < 0 || c > 9) return NaN;
    frac = frac * 10 + c;
    scale *= 10;
  }
  if (out) out.decimals = k - from;
  return whole + frac / scale;
}

/** Index of the first space or tab at or after i (before end), or end. */
export function tokenEnd(s: string, i: number, end: number): number {
  const sp = s.indexOf(' ', i);
  return sp < 0 || sp > end ? end : sp;
}

/** Does the path at s[i…] start with one of the prefixes? */
export function hasPrefix(s: string, i: number, prefixes: readonly string[]): boolean {
  for (let k = 0; k < prefixes.length; k++) if (s.startsWith(prefixes[k]!, i)) return true;
  return false;
}
