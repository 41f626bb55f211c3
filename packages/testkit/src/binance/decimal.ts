// Binance's decimal text rules over the shared scaled arithmetic: which strings parse as
// decimals (`"1."` included, as Binance accepts it), step decimals, and balances printed padded
// to 8 decimals, the precision Binance prints balances with.
import { AMOUNT_DECIMALS, formatScaled, scaleDigits, toSafeUnits } from '../shared/decimal/scaled-decimal.js';

export {
  AMOUNT_DECIMALS,
  formatScaled,
  notionalAmount as notional,
  pow10,
  toAmount,
} from '../shared/decimal/scaled-decimal.js';

const DECIMAL_RE = /^(\d+)(?:\.(\d*))?$/;

/** Number of significant decimals of a step such as `"0.01000000"` (→ 2) or `"1"` (→ 0). */
export function decimalsOf(step: string): number {
  const m = DECIMAL_RE.exec(step);
  if (m === null) throw new TypeError(`not a decimal: '${step}'`);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac.length;
}

/**
 * Parses a non-negative decimal string into a bigint count of 10^-decimals units. Returns
 * undefined when the text is not a plain decimal or carries non-zero digits beyond `decimals`.
 */
export function parseScaledBig(text: string, decimals: number): bigint | undefined {
  const m = DECIMAL_RE.exec(text);
  return m === null ? undefined : scaleDigits(m[1]!, m[2] ?? '', decimals);
}

/** Like {@link parseScaledBig} but as a number; undefined when the value exceeds 2^53. */
export function parseScaled(text: string, decimals: number): number | undefined {
  return toSafeUnits(parseScaledBig(text, decimals));
}

/** Formats a bigint amount at {@link AMOUNT_DECIMALS}, e.g. `"12.50000000"`. */
export function formatAmount(amount: bigint, outDecimals: number = AMOUNT_DECIMALS): string {
  return formatScaled(amount, AMOUNT_DECIMALS, outDecimals);
}
