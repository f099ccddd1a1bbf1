import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmt, usd } from './reasoned';

/** fmt as first written, on the platform's own formatter: the reference the fast version must match. */
function fmtByLocale(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '∞';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return Number(n.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

describe('fmt', () => {
  it('rounds to two places by default and drops trailing zeros', () => {
    expect(fmt(4.901960784)).toBe('4.9');
    expect(fmt(2.941176)).toBe('2.94');
    expect(fmt(0.005)).toBe('0.01');
    expect(fmt(80)).toBe('80');
    expect(fmt(0.1 + 0.2)).toBe('0.3');
  });

  it('shows whole numbers from 100 up, with thousands separators', () => {
    expect(fmt(99.996)).toBe('100');
    expect(fmt(100.4)).toBe('100');
    expect(fmt(6366.198)).toBe('6,366');
    expect(fmt(1234567.5)).toBe('1,234,568');
    expect(fmt(-1234.4)).toBe('-1,234');
  });

  it('honours the digits asked for', () => {
    expect(fmt(0.58823, 3)).toBe('0.588');
    expect(fmt(4.4, 0)).toBe('4');
    expect(fmt(62.327, 1)).toBe('62.3');
  });

  it('shows ∞ for what is not finite', () => {
    expect(fmt(Infinity)).toBe('∞');
    expect(fmt(NaN)).toBe('∞');
  });

  it.each([0, -0, -0.001, 0.004, -5.5, 99.995, -99.995, 100, 999.5, 1e15, 1e21, -1e22, 5e-7, 123.456])(
    'writes %d exactly as toLocaleString("en-US") does',
    (n) => {
      for (const digits of [0, 1, 2, 3]) expect(fmt(n, digits)).toBe(fmtByLocale(n, digits));
    },
  );

  it('writes any number exactly as toLocaleString("en-US") does', () => {
    const anyNumber = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.integer({ min: -10_000_000, max: 10_000_000 }).map((i) => i / 1000),
    );
    fc.assert(
      fc.property(anyNumber, fc.constantFrom(0, 1, 2, 3), (n, digits) => {
        expect(fmt(n, digits)).toBe(fmtByLocale(n, digits));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('usd', () => {
  const byLocale = (n: number, digits: number) =>
    `$${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

  it('writes cents and thousands: $12.26, $1,234.50, $0.0168 with four digits', () => {
    expect(usd(12.26)).toBe('$12.26');
    expect(usd(1234.5)).toBe('$1,234.50');
    expect(usd(0.016_8, 4)).toBe('$0.0168');
    expect(usd(6354)).toBe('$6,354.00');
  });

  it('writes any price exactly as toLocaleString("en-US") with fixed digits does', () => {
    const anyPrice = fc.oneof(
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc.integer({ min: 0, max: 100_000_000 }).map((i) => i / 100),
      fc.integer({ min: 0, max: 10_000_000 }).map((i) => i / 1000 + 0.005),
      fc.double({ noNaN: true }),
    );
    fc.assert(
      fc.property(anyPrice, fc.constantFrom(0, 2, 4), (n, digits) => {
        expect(usd(n, digits)).toBe(byLocale(n, digits));
      }),
      { numRuns: 3000 },
    );
  });
});
