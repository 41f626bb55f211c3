// Decimal grammar and step grids: parses decimal text exactly (as a BigInt mantissa and a power
// of ten) and describes a price/quantity step as `units × 10^-scale`, cached per step so the
// formatter pays for parsing a step once, not on every call.
import { ValidationError } from '../errors.js';

/** A decimal number held exactly: `(negative ? -1 : 1) × mantissa × 10^exponent`. */
export interface ExactDecimal {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exponent: number;
}

/** A step grid: every allowed value is an integer multiple of `units × 10^-scale`. */
export interface StepGrid {
  /** The step's digits without the decimal point, as a number (e.g. `'0.0025'` → 25). */
  readonly units: number;
  /** {@link StepGrid.units} as a BigInt, for the exact path. */
  readonly unitsBig: bigint;
  /** Decimal places of the step once trailing zeros are dropped (`'0.0100'` → 2); also the output's decimals. */
  readonly scale: number;
  /** `10 ** scale` as a number (exact when `scale <= 22`). */
  readonly scalePow: number;
  /** True when the float fast path is exact for this step (`scale <= 22`, `units < 2^40`). */
  readonly fast: boolean;
  /** The zero of this grid as text (`'0.00'`), returned for results that round to zero. */
  readonly zero: string;
}

/** Decimal text: optional sign, digits with an optional point, optional exponent (`-1.5e-8`, `.5`, `10.`). */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Exponents beyond this are refused: they would only build enormous BigInts. */
const MAX_EXPONENT = 400;

/** True when `text` is a plain decimal number (no hex, no whitespace, no `Infinity`). */
export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/**
 * Parses decimal text exactly. Throws `ValidationError` naming `field` when the text is not a
 * decimal number or its exponent is absurd (|e| > 400).
 */
export function parseExactDecimal(text: string, field = 'value'): ExactDecimal {
  if (!DECIMAL_TEXT.test(text)) {
    throw new ValidationError(
      `${field}: expected a decimal number such as "0.001", "25" or "1e-8", got ${JSON.stringify(text)}`,
      { details: { field } },
    );
  }
  let body = text;
  let exponent = 0;
  const e = body.search(/[eE]/);
  if (e >= 0) {
    exponent = Number(body.slice(e + 1));
    body = body.slice(0, e);
  }
  const negative = body.charCodeAt(0) === 45; /* '-' */
  if (negative || body.charCodeAt(0) === 43 /* '+' */) body = body.slice(1);
  const dot = body.indexOf('.');
  if (dot >= 0) {
    exponent -= body.length - dot - 1;
    body = body.slice(0, dot) + body.slice(dot + 1);
  }
  if (Math.abs(exponent) > MAX_EXPONENT) {
    throw new ValidationError(
      `${field}: exponent of ${JSON.stringify(text)} is out of range (|e| ≤ ${MAX_EXPONENT})`,
      {
        details: { field },
      },
    );
  }
  return { negative, mantissa: BigInt(body === '' ? '0' : body), exponent };
}

const ZEROS = '0'.repeat(32);
const STEP_CACHE_LIMIT = 1024;
const stepCache = new Map<number | string, StepGrid>();

/** Builds (and caches) the grid of `step`, given as a number (`0.001`) or text (`'0.001'`, `'1e-8'`). */
export function stepGrid(step: number | string): StepGrid {
  const cached = stepCache.get(step);
  if (cached !== undefined) return cached;
  const grid = buildStepGrid(step);
  if (stepCache.size >= STEP_CACHE_LIMIT) stepCache.clear();
  stepCache.set(step, grid);
  return grid;
}

function buildStepGrid(step: number | string): StepGrid {
  let text: string;
  if (typeof step === 'number') {
    if (!Number.isFinite(step) || step <= 0) throw invalidStep(step);
    text = String(step);
  } else if (typeof step === 'string') {
    text = step.trim();
  } else {
    throw invalidStep(step);
  }
  let exact: ExactDecimal;
  try {
    exact = parseExactDecimal(text, 'step');
  } catch {
    throw invalidStep(step);
  }
  if (exact.negative || exact.mantissa === 0n) throw invalidStep(step);
  let mantissa = exact.mantissa;
  let exponent = exact.exponent;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent += 1;
  }
  // A whole step such as 5, 10 or 1e3 has scale 0 and units = the integer itself.
  const scale = exponent < 0 ? -exponent : 0;
  const unitsBig = exponent > 0 ? mantissa * 10n ** BigInt(exponent) : mantissa;
  const units = Number(unitsBig);
  return {
    units,
    unitsBig,
    scale,
    scalePow: 10 ** scale,
    fast: scale <= 22 && units < 2 ** 40,
    zero: scale === 0 ? '0' : `0.${scale <= ZEROS.length ? ZEROS.slice(0, scale) : '0'.repeat(scale)}`,
  };
}

function invalidStep(step: unknown): ValidationError {
  return new ValidationError(
    `step: expected a positive number or decimal text such as 0.001, "0.5", "5" or "1e-8", got ${describe(step)}`,
    { details: { field: 'step' } },
  );
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Number of decimal places of a step (`0.001` → 3, `'0.50'` → 1, `5` → 0): the precision it implies. */
export function stepDecimals(step: number | string): number {
  return stepGrid(step).scale;
}
