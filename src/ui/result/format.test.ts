import { describe, expect, it } from 'vitest';
import { bytes } from './format';

describe('bytes', () => {
  it('writes decimal units through fmt, as the log tools count them', () => {
    expect(bytes(512)).toBe('512 bytes');
    expect(bytes(999)).toBe('999 bytes');
    expect(bytes(1000)).toBe('1 KB');
    expect(bytes(1536)).toBe('1.5 KB');
    expect(bytes(99_949)).toBe('99.9 KB');
    expect(bytes(1_234_567)).toBe('1.2 MB');
    // From 100 up fmt writes whole numbers with separators, as every other figure on the page.
    expect(bytes(150_500)).toBe('151 KB');
    expect(bytes(123_456_789)).toBe('123 MB');
    expect(bytes(2_500_000_000)).toBe('2,500 MB');
  });
});
