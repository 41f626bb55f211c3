// Bybit's decimal text rules over the shared scaled arithmetic: which strings parse as decimals
// (digits after a dot required), written step decimals, and amounts printed the way Bybit prints
// them, without trailing zeros.
import { AMOUNT_DECIMALS, formatScaled, scaleDigits, toSafeUnits } from '../shared/decimal/scaled-decimal.js';

export {
  AMOUNT_DECIMALS,
  formatUnits,
  notionalAmount,
  toAmount,
  writtenDecimals,
} from '../shared/decimal/scaled-decimal.js';

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/** True for a plain non-negative decimal such as `"12"` or `"0.001"`. */
export function isPlainDecimal(text: string): boolean {
  return DECIMAL_RE.test(text);
}

/**
 * Parses a non-negative decimal into a bigint count of 10^-decimals units; undefined when the text
 * is not a plain decimal or has non-zero digits beyond `decimals`.
 */
export function parseUnitsBig(text: string, decimals: number): bigint | undefined {
  const m = DECIMAL_RE.exec(text);
  return m === null ? undefined : scaleDigits(m[1]!, m[2] ?? '', decimals);
}

/** Like {@link parseUnitsBig} as a number; undefined above 2^53. */
export function parseUnits(text: string, decimals: number): number | undefined {
  return toSafeUnits(parseUnitsBig(text, decimals));
}

/** Formats an amount at {@link AMOUNT_DECIMALS} without trailing zeros: `"12.5"`, `"0"`, `"-0.001"`. */
export function formatAmount(amount: bigint): string {
  const text = formatScaled(amount, AMOUNT_DECIMALS);
  return text.replace(/\.?0+$/, '');
}

/** Formats a float for derived display values (rates, USD valuations) with at most `decimals` decimals. */
export function formatFloat(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '0';
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}
