/** Display formatting only: every figure is computed by the core. */
export const usd = (n: number, digits = 2) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const dec = (n: number, digits = 2) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : '∞';
export const pct = (share: number, digits = 0) => `${dec(share * 100, digits)}%`;
export const gib = (n: number) => `${dec(n, 1)} GiB`;
