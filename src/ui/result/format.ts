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
