// Exact decimal text <-> scaled integers, the arithmetic every simulator needs: book prices and
// quantities are integers counted in units of 10^-decimals (numbers: fast, exact below 2^53);
// balances, fees and notionals are bigints at AMOUNT_DECIMALS. Which text a venue accepts and how
// it prints amounts (padded or trimmed) stays with the venue; this module only scales exactly.

/** Decimals of every balance, fee and notional amount a simulator keeps. */
export const AMOUNT_DECIMALS = 8;

const POW10: number[] = [];
for (let i = 0; i <= 18; i++) POW10.push(10 ** i);

/** 10^n as a number, for 0 ≤ n ≤ 18. */
export function pow10(n: number): number {
  const v = POW10[n];
  if (v === undefined) throw new RangeError(`pow10: exponent must be 0-18, got ${n}`);
  return v;
}

/**
 * The bigint count of 10^-decimals units written as `whole`.`frac` (digit strings, already
 * validated by the caller); undefined when `frac` has non-zero digits beyond `decimals`.
 */
export function scaleDigits(whole: string, frac: string, decimals: number): bigint | undefined {
  if (frac.length > decimals) {
    if (!/^0*$/.test(frac.slice(decimals))) return undefined;
    frac = frac.slice(0, decimals);
  }
  return BigInt(whole + frac.padEnd(decimals, '0'));
}

/** `big` as a number, or undefined when it is undefined or above 2^53 - 1. */
export function toSafeUnits(big: bigint | undefined): number | undefined {
  if (big === undefined || big > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(big);
}

/** Formats `units` × 10^-decimals with exactly `outDecimals` decimals (cut, not rounded, when fewer). */
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

/**
 * Formats safe-integer `units` × 10^-decimals with `outDecimals` (≥ decimals) decimals: the fast
 * path of {@link formatScaled} for numbers (hot: every book level).
 */
export function formatUnits(units: number, decimals: number, outDecimals: number = decimals): string {
  if (units < 0) return `-${formatUnits(-units, decimals, outDecimals)}`;
  if (decimals === 0) return outDecimals === 0 ? String(units) : `${units}.${'0'.repeat(outDecimals)}`;
  const scale = pow10(decimals);
  const whole = Math.floor(units / scale);
  const frac = String(units - whole * scale).padStart(decimals, '0');
  return `${whole}.${outDecimals === decimals ? frac : frac.padEnd(outDecimals, '0')}`;
}

/** Number of decimals written in `step`, trailing zeros included: `"0.10"` → 2, `"1"` → 0. */
export function writtenDecimals(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

/** Converts `units` at `fromDecimals` into an amount at {@link AMOUNT_DECIMALS} (floor). */
export function toAmount(units: number | bigint, fromDecimals: number): bigint {
  const big = typeof units === 'bigint' ? units : BigInt(units);
  if (fromDecimals <= AMOUNT_DECIMALS) return big * 10n ** BigInt(AMOUNT_DECIMALS - fromDecimals);
  return big / 10n ** BigInt(fromDecimals - AMOUNT_DECIMALS);
}

/** Price units × quantity units as an amount at {@link AMOUNT_DECIMALS} (floor). */
export function notionalAmount(
  price: number,
  priceDecimals: number,
  qty: number,
  qtyDecimals: number,
): bigint {
  return toAmount(BigInt(price) * BigInt(qty), priceDecimals + qtyDecimals);
}
