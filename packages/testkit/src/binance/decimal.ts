// Exact decimal strings <-> scaled integers for the Binance simulator. Book prices and quantities
// are integers counted in units of 10^-decimals (numbers: fast, exact below 2^53); balances and
// quote amounts are bigints at 8 decimals, the precision Binance prints balances with.

/** Decimals used for every balance and quote amount (`"0.00100000"`). */
export const AMOUNT_DECIMALS = 8;

const DECIMAL_RE = /^(\d+)(?:\.(\d*))?$/;
const POW10: number[] = [];
for (let i = 0; i <= 18; i++) POW10.push(10 ** i);

/** 10^n as a number, for 0 ≤ n ≤ 18. */
export function pow10(n: number): number {
  const v = POW10[n];
  if (v === undefined) throw new RangeError(`pow10: exponent must be 0-18, got ${n}`);
  return v;
}

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
  if (m === null) return undefined;
  const whole = m[1]!;
  let frac = m[2] ?? '';
  if (frac.length > decimals) {
    if (!/^0*$/.test(frac.slice(decimals))) return undefined;
    frac = frac.slice(0, decimals);
  }
  return BigInt(whole + frac.padEnd(decimals, '0'));
}

/** Like {@link parseScaledBig} but as a number; undefined when the value exceeds 2^53. */
export function parseScaled(text: string, decimals: number): number | undefined {
  const big = parseScaledBig(text, decimals);
  if (big === undefined || big > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(big);
}

/** Formats `units` × 10^-decimals with exactly `outDecimals` decimals (≥ decimals), e.g. `"0.01000000"`. */
export function formatScaled(
  units: number | bigint,
  decimals: number,
  outDecimals: number = decimals,
): string {
  let big = typeof units === 'bigint' ? units : BigInt(units);
  const negative = big < 0n;
  if (negative) big = -big;
  let digits = big.toString();
  if (outDecimals < decimals) {
    const cut = decimals - outDecimals;
    digits = digits.length > cut ? digits.slice(0, -cut) : '0';
    decimals = outDecimals;
  }
  digits = digits.padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).padEnd(outDecimals, '0');
  const text = outDecimals > 0 ? `${whole}.${frac}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** Converts `units` at `fromDecimals` to a bigint amount at {@link AMOUNT_DECIMALS} (floor). */
export function toAmount(units: number | bigint, fromDecimals: number): bigint {
  const big = typeof units === 'bigint' ? units : BigInt(units);
  if (fromDecimals <= AMOUNT_DECIMALS) return big * 10n ** BigInt(AMOUNT_DECIMALS - fromDecimals);
  return big / 10n ** BigInt(fromDecimals - AMOUNT_DECIMALS);
}

/** Price × quantity as a bigint amount at {@link AMOUNT_DECIMALS} (floor). */
export function notional(
  priceUnits: number,
  priceDecimals: number,
  qtyUnits: number,
  qtyDecimals: number,
): bigint {
  return toAmount(BigInt(priceUnits) * BigInt(qtyUnits), priceDecimals + qtyDecimals);
}

/** Formats a bigint amount at {@link AMOUNT_DECIMALS}, e.g. `"12.50000000"`. */
export function formatAmount(amount: bigint, outDecimals: number = AMOUNT_DECIMALS): string {
  return formatScaled(amount, AMOUNT_DECIMALS, outDecimals);
}
