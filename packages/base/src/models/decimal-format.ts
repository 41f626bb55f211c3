// Exact decimal formatting for orders: puts a price or quantity on its venue's step grid and
// returns decimal text, never a float artefact like `0.30000000000000004`. A number is read as
// the decimal it prints as (`String(value)`); rounding is then exact. Most calls take a float
// fast path that is proven exact by checking its answer against the input (see below); anything
// it cannot prove falls through to BigInt arithmetic on the decimal text.
import { ValidationError } from '../errors.js';
import { type StepGrid, isDecimalText, parseExactDecimal, stepGrid } from './decimal-step.js';

/**
 * How a value between two grid points is rounded:
 * - `'floor'`: toward −∞;  `'ceil'`: toward +∞;  `'trunc'`: toward zero;
 * - `'round'`: to the nearest grid point, a tie (exactly half a step) going **away from zero**
 *   (half-up on the magnitude: 0.125 → 0.13 and −0.125 → −0.13 at step 0.01).
 */
export type RoundingMode = 'floor' | 'ceil' | 'round' | 'trunc';

const ZEROS = '0'.repeat(32);
/** Above this, |value| × 10^scale no longer leaves four floats per grid step; use the exact path. */
const FAST_LIMIT = 2 ** 50;

/**
 * Rounds `value` onto the grid of `step` and returns it as exact decimal text with exactly the
 * step's decimal places (`formatDecimal(0.1 + 0.2, 0.1, 'round')` → `'0.3'`,
 * `formatDecimal(1234.5678, '0.5', 'floor')` → `'1234.5'`, `formatDecimal(7, 5, 'ceil')` → `'10'`).
 *
 * `value` is a finite number (read as the decimal `String(value)` prints) or decimal text (read
 * exactly). `step` is a positive number or decimal text (`0.001`, `'0.001'`, `'1e-8'`, `'5'`,
 * `'0.5'`, `'0.01000000'`); trailing zeros of a step do not add decimals. Negative zero prints as
 * zero. Throws `ValidationError` for a non-finite or malformed value, a non-positive step or an
 * unknown mode.
 */
export function formatDecimal(
  value: number | string,
  step: number | string,
  mode: RoundingMode = 'round',
): string {
  if (mode !== 'round' && mode !== 'floor' && mode !== 'ceil' && mode !== 'trunc') throw badMode(mode);
  const grid = stepGrid(step);
  if (typeof value === 'number') {
    if (grid.fast) {
      const fast = formatNumberFast(value, grid, mode);
      if (fast !== undefined) return fast;
    }
    if (!Number.isFinite(value)) {
      throw new ValidationError(`value: expected a finite number or decimal text, got ${value}`, {
        details: { field: 'value' },
      });
    }
    return formatExact(String(value), grid, mode);
  }
  if (typeof value !== 'string') {
    throw new ValidationError(`value: expected a finite number or decimal text, got ${typeof value}`, {
      details: { field: 'value' },
    });
  }
  return formatExact(value.trim(), grid, mode);
}

/**
 * The float fast path. Why it is exact: for integers `a` below 2^53 and `p = 10^scale` (exact for
 * scale ≤ 22), `a / p` is the correctly rounded float of the decimal `a × 10^-scale`, and rounding
 * is monotonic. So `lo < value < hi` with `lo`, `hi` the floats of two neighbouring grid points
 * proves the value's decimal lies strictly between them; and when the float of a grid point equals
 * `value` while |value| × 10^scale < 2^50 (grid steps at least four floats apart), the value's
 * shortest decimal is that grid point. Ties at the midpoint and anything unproven return
 * `undefined` and take the exact path. NaN and ±Infinity fail every comparison and fall through.
 */
function formatNumberFast(value: number, grid: StepGrid, mode: RoundingMode): string | undefined {
  const p = grid.scalePow;
  const k = grid.units;
  const scaled = value * p;
  if (!(scaled < FAST_LIMIT && scaled > -FAST_LIMIT)) return undefined;
  const ratio = scaled / k;
  const n = Math.round(ratio);
  if ((n * k) / p === value) return formatScaled(n * k, grid);
  const q = Math.floor(ratio);
  if (!((q * k) / p < value && value < ((q + 1) * k) / p)) return undefined;
  let j: number;
  switch (mode) {
    case 'floor':
      j = q;
      break;
    case 'ceil':
      j = q + 1;
      break;
    case 'round': {
      const mid = ((2 * q + 1) * k) / (2 * p);
      if (value > mid) j = q + 1;
      else if (value < mid) j = q;
      else return undefined;
      break;
    }
    default: // 'trunc'
      j = q >= 0 ? q : q + 1;
  }
  return formatScaled(j * k, grid);
}

/** Prints the integer `units` (a multiple of the step, in units of 10^-scale) as decimal text. */
function formatScaled(units: number, grid: StepGrid): string {
  if (units === 0) return grid.zero;
  const negative = units < 0;
  let digits = String(negative ? -units : units);
  const scale = grid.scale;
  if (scale === 0) return negative ? `-${digits}` : digits;
  if (digits.length <= scale) digits = ZEROS.slice(0, scale + 1 - digits.length) + digits;
  const cut = digits.length - scale;
  const text = `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return negative ? `-${text}` : text;
}

/** The exact path: BigInt arithmetic on the decimal text. */
function formatExact(text: string, grid: StepGrid, mode: RoundingMode): string {
  const { negative, mantissa, exponent } = parseExactDecimal(text, 'value');
  const shift = exponent + grid.scale;
  // value × 10^scale / units = num / den, with num and den non-negative integers.
  const num = shift >= 0 ? mantissa * 10n ** BigInt(shift) : mantissa;
  const den = shift >= 0 ? grid.unitsBig : grid.unitsBig * 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  if (r !== 0n) {
    switch (mode) {
      case 'trunc':
        break;
      case 'floor':
        if (negative) q += 1n;
        break;
      case 'ceil':
        if (!negative) q += 1n;
        break;
      case 'round':
        if (2n * r >= den) q += 1n;
        break;
    }
  }
  const magnitude = q * grid.unitsBig;
  if (magnitude === 0n) return grid.zero;
  let digits = magnitude.toString();
  const scale = grid.scale;
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale + 1 - digits.length) + digits;
    const cut = digits.length - scale;
    digits = `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }
  return negative ? `-${digits}` : digits;
}

function badMode(mode: unknown): ValidationError {
  return new ValidationError(
    `mode: expected 'floor', 'ceil', 'round' or 'trunc', got ${typeof mode === 'string' ? JSON.stringify(mode) : String(mode)}`,
    { details: { field: 'mode' } },
  );
}

/**
 * Parses decimal text from a venue or a user into a number, strictly: `''`, `' 1'`, `'0x10'`,
 * `'1,5'` and `'Infinity'` are refused (plain `Number()` would accept several of them). Numbers
 * pass through if finite. Throws `ValidationError` naming `field`.
 */
export function parseDecimal(value: string | number, field = 'value'): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isFinite(n) && isDecimalText(value)) return n;
  }
  throw new ValidationError(
    `${field}: expected a decimal number such as "0.001", "25" or "1e-8", got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    { details: { field } },
  );
}
