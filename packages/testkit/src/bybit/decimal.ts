// Exact decimal strings <-> scaled integers for the Bybit simulator. Book prices and sizes are
// integers counted in units of the instrument's tick / step (numbers: fast, exact below 2^53);
// balances, fees and notionals are bigints at 8 decimals and printed the way Bybit prints them,
// without trailing zeros.

/** Decimals of every balance, fee and notional amount the simulator keeps. */
export const AMOUNT_DECIMALS = 8;

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;
const POW10: number[] = [];
for (let i = 0; i <= 15; i++) POW10.push(10 ** i);

/** Number of decimals written in `step`, trailing zeros included: `"0.10"` → 2, `"1"` → 0. */
export function writtenDecimals(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

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
  if (m === null) return undefined;
  let frac = m[2] ?? '';
  if (frac.length > decimals) {
    if (!/^0*$/.test(frac.slice(decimals))) return undefined;
    frac = frac.slice(0, decimals);
  }
  return BigInt(m[1]! + frac.padEnd(decimals, '0'));
}

/** Like {@link parseUnitsBig} as a number; undefined above 2^53. */
export function parseUnits(text: string, decimals: number): number | undefined {
  const big = parseUnitsBig(text, decimals);
  if (big === undefined || big > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(big);
}

/** Formats non-negative integer `units` with exactly `decimals` decimals (hot: every book level). */
export function formatUnits(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const scale = POW10[decimals]!;
  const whole = Math.floor(units / scale);
  return `${whole}.${String(units - whole * scale).padStart(decimals, '0')}`;
}

/** Converts `units` at `fromDecimals` into an amount at {@link AMOUNT_DECIMALS} (floor). */
export function toAmount(units: number | bigint, fromDecimals: number): bigint {
  const big = typeof units === 'bigint' ? units : BigInt(units);
  if (fromDecimals <= AMOUNT_DECIMALS) return big * 10n ** BigInt(AMOUNT_DECIMALS - fromDecimals);
  return big / 10n ** BigInt(fromDecimals - AMOUNT_DECIMALS);
}

/** Price units × size units as an amount at {@link AMOUNT_DECIMALS} (floor). */
export function notionalAmount(
  price: number,
  priceDecimals: number,
  qty: number,
  qtyDecimals: number,
): bigint {
  return toAmount(BigInt(price) * BigInt(qty), priceDecimals + qtyDecimals);
}

/** Formats an amount at {@link AMOUNT_DECIMALS} without trailing zeros: `"12.5"`, `"0"`, `"-0.001"`. */
export function formatAmount(amount: bigint): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(AMOUNT_DECIMALS + 1, '0');
  const whole = digits.slice(0, digits.length - AMOUNT_DECIMALS);
  const frac = digits.slice(digits.length - AMOUNT_DECIMALS).replace(/0+$/, '');
  const text = frac === '' ? whole : `${whole}.${frac}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Formats a float for derived display values (rates, USD valuations) with at most `decimals` decimals. */
export function formatFloat(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '0';
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}
