// The shared scaled-decimal arithmetic and the two venues' text rules over it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount as binanceAmount, parseScaled } from '../../src/binance/decimal.js';
import { formatAmount as bybitAmount, parseUnits } from '../../src/bybit/decimal.js';
import {
  formatScaled,
  formatUnits,
  notionalAmount,
  pow10,
  scaleDigits,
  toAmount,
  toSafeUnits,
  writtenDecimals,
} from '../../src/shared/decimal/scaled-decimal.js';

describe('scaled decimals', () => {
  it('scales digits exactly and refuses non-zero digits beyond the precision', () => {
    expect(scaleDigits('12', '5', 3)).toBe(12_500n);
    expect(scaleDigits('0', '00100000', 2)).toBeUndefined();
    expect(scaleDigits('0', '01000000', 2)).toBe(1n);
    expect(toSafeUnits(2n ** 53n)).toBeUndefined();
    expect(toSafeUnits(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => pow10(19)).toThrow(RangeError);
  });

  it('formats padded, cut and negative values', () => {
    expect(formatScaled(1250, 2)).toBe('12.50');
    expect(formatScaled(1259, 2, 1)).toBe('12.5');
    expect(formatScaled(-5n, 8)).toBe('-0.00000005');
    expect(formatScaled(-5n, 8, 2)).toBe('0.00');
    expect(formatUnits(7, 3)).toBe('0.007');
    expect(formatUnits(7, 0)).toBe('7');
    expect(formatUnits(7, 0, 2)).toBe('7.00');
    expect(formatUnits(-705, 2, 8)).toBe('-7.05000000');
    expect([writtenDecimals('0.10'), writtenDecimals('1'), writtenDecimals('0.00001')]).toEqual([2, 0, 5]);
  });

  it('keeps amounts at 8 decimals, flooring finer ones', () => {
    expect(toAmount(123, 2)).toBe(123_000_000n);
    expect(toAmount(123_456_789_999n, 10)).toBe(1_234_567_899n);
    expect(notionalAmount(2_500_001, 2, 3, 3)).toBe(7_500_003_000n);
    expect(notionalAmount(2_500_001, 2, 3, 7)).toBe(750_000n);
  });

  it('formatUnits and formatScaled agree, and parsing inverts them (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 15 }), fc.nat(3), (units, decimals, extra) => {
        expect(formatUnits(-units, decimals, decimals + extra)).toBe(
          formatScaled(-units, decimals, decimals + extra),
        );
        const text = formatUnits(units, decimals);
        expect(text).toBe(formatScaled(units, decimals));
        expect(parseScaled(text, decimals)).toBe(units);
        expect(parseUnits(text, decimals)).toBe(units);
      }),
    );
  });

  it('keeps each venue its own text rules', () => {
    expect(parseScaled('1.', 2)).toBe(100); // Binance accepts a bare trailing dot
    expect(parseUnits('1.', 2)).toBeUndefined(); // Bybit does not
    expect(binanceAmount(1_250_000_000n)).toBe('12.50000000');
    expect([
      bybitAmount(1_250_000_000n),
      bybitAmount(0n),
      bybitAmount(-100_000n),
      bybitAmount(10n ** 9n),
    ]).toEqual(['12.5', '0', '-0.001', '10']);
  });
});
