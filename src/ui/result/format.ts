import { fmt } from '../../core/reasoned';
export { usd } from '../../core/reasoned';

/**
 * Display formatting only: every figure is computed by the core. Numbers go through the core's own fmt, so a
 * table and the reason beside it print a figure the same way ("196 requests/s" in both, never "196.08/s").
 */
export const int = (n: number) => fmt(Math.round(n), 0);
export const dec = (n: number, digits = 2) => fmt(n, digits);
export const pct = (share: number, digits = 0) => `${dec(share * 100, digits)}%`;
export const gib = (n: number) => `${dec(n, 1)} GiB`;
/** A size in bytes, in decimal units as the log tools print them: "1.5 MB", "12 KB", "512 bytes". */
export const bytes = (n: number) =>
  n >= 1e6 ? `${dec(n / 1e6, 1)} MB` : n >= 1e3 ? `${dec(n / 1e3, 1)} KB` : `${int(n)} bytes`;
