// formatDecimal / parseDecimal: examples a trader would check by hand, then properties checked
// with exact rational arithmetic (BigInt) against the decimal the input prints as.
import {
  type RoundingMode,
  ValidationError,
  formatDecimal,
  parseDecimal,
  parseExactDecimal,
  stepDecimals,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** An exact rational n / d (d > 0) from decimal text. */
function exact(text: string): { n: bigint; d: bigint } {
  const { negative, mantissa, exponent } = parseExactDecimal(text);
  const n = negative ? -mantissa : mantissa;
  return exponent >= 0 ? { n: n * 10n ** BigInt(exponent), d: 1n } : { n, d: 10n ** BigInt(-exponent) };
}
/** a - b as a rational. */
function sub(a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }) {
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}
/** Sign of a rational compared with zero. */
function sign(a: { n: bigint }) {
  return a.n > 0n ? 1 : a.n < 0n ? -1 : 0;
}
/** compare |a| with |b| */
function cmpAbs(a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }): number {
  const l = (a.n < 0n ? -a.n : a.n) * b.d;
  const r = (b.n < 0n ? -b.n : b.n) * a.d;
  return l > r ? 1 : l < r ? -1 : 0;
}

const MODES: RoundingMode[] = ['floor', 'ceil', 'round', 'trunc'];

describe('formatDecimal examples', () => {
  it.each([
    [0.1 + 0.2, 0.1, 'round', '0.3'],
    [0.1 + 0.2, 0.1, 'floor', '0.3'],
    [0.1 + 0.2, 0.1, 'ceil', '0.4'], // the input really is 0.30000000000000004
    [0.3, 0.1, 'floor', '0.3'], // 0.3 is read as the decimal it prints as, not 0.29999…
    [1.005, 0.01, 'round', '1.01'],
    [1234.5678, '0.5', 'floor', '1234.5'],
    [1234.5678, '0.5', 'ceil', '1235.0'],
    [7, 5, 'ceil', '10'],
    [7, '5', 'floor', '5'],
    [7.5, 5, 'round', '10'],
    [123.456789, '1e-8', 'round', '123.45678900'],
    [0.000000015, 1e-8, 'round', '0.00000002'],
    [0.000000015, 1e-8, 'floor', '0.00000001'],
    [43123.456, '0.01000000', 'round', '43123.46'],
    [-1.25, 0.1, 'round', '-1.3'],
    [1.25, 0.1, 'round', '1.3'],
    [-1.25, 0.1, 'floor', '-1.3'],
    [-1.25, 0.1, 'ceil', '-1.2'],
    [-1.25, 0.1, 'trunc', '-1.2'],
    [-0.001, 0.01, 'round', '0.00'],
    [-0, 0.01, 'floor', '0.00'],
    [0.0125, '0.0025', 'ceil', '0.0125'],
    [0.0126, '0.0025', 'ceil', '0.0150'],
    [1e21, 0.01, 'floor', '1000000000000000000000.00'],
    [5e-324, 0.01, 'ceil', '0.01'],
    ['0.30000000000000004', '0.1', 'floor', '0.3'],
    ['-12.345', '0.01', 'round', '-12.35'],
    ['1e3', '0.5', 'trunc', '1000.0'],
    ['.5', 1, 'round', '1'],
    ['99999999999999999999.995', '0.01', 'round', '100000000000000000000.00'],
  ] as const)('formatDecimal(%s, %s, %s) = %s', (value, step, mode, expected) => {
    expect(formatDecimal(value, step, mode)).toBe(expected);
  });

  it('defaults to round (half away from zero)', () => {
    expect(formatDecimal(2.345, 0.01)).toBe('2.35');
  });

  it('gives the step decimals without trailing-zero noise in the step', () => {
    expect(stepDecimals('0.01000000')).toBe(2);
    expect(stepDecimals(1e-8)).toBe(8);
    expect(stepDecimals('5')).toBe(0);
    expect(stepDecimals('0.5')).toBe(1);
    expect(stepDecimals(100)).toBe(0);
  });

  it('refuses bad input with a ValidationError naming the field', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => formatDecimal(Number.NaN, 0.01), /^value: expected a finite number/],
      [() => formatDecimal(Number.POSITIVE_INFINITY, 0.01), /^value: expected a finite number/],
      [() => formatDecimal('12,5', 0.01), /^value: expected a decimal number .* got "12,5"/],
      [() => formatDecimal('0x10', 0.01), /^value:/],
      [() => formatDecimal('', 0.01), /^value:/],
      [() => formatDecimal('1e999', 0.01), /^value: exponent/],
      [() => formatDecimal(1, 0), /^step: expected a positive number .* got 0/],
      [() => formatDecimal(1, -0.5), /^step:/],
      [() => formatDecimal(1, 'abc'), /^step: .* got "abc"/],
      [() => formatDecimal(1, '0.000'), /^step:/],
      [() => formatDecimal(1, Number.NaN), /^step:/],
      [
        () => formatDecimal(1, 0.1, 'nearest' as RoundingMode),
        /^mode: expected 'floor', 'ceil', 'round' or 'trunc', got "nearest"/,
      ],
      [() => formatDecimal(null as unknown as number, 0.1), /^value:/],
    ];
    for (const [fn, message] of cases) {
      expect(fn).toThrow(ValidationError);
      expect(fn).toThrow(message);
    }
  });
});

describe('parseDecimal', () => {
  it('parses decimal text strictly', () => {
    expect(parseDecimal('0.001')).toBe(0.001);
    expect(parseDecimal('-1.5e-8')).toBe(-1.5e-8);
    expect(parseDecimal('25')).toBe(25);
    expect(parseDecimal(3.5)).toBe(3.5);
    for (const bad of ['', ' 1', '1 ', '0x10', '1,5', 'Infinity', 'NaN', '1e', '--1', '.']) {
      expect(() => parseDecimal(bad, 'price')).toThrow(/^price: expected a decimal number/);
    }
    expect(() => parseDecimal(Number.NaN, 'qty')).toThrow(ValidationError);
  });
});

// ---- properties -----------------------------------------------------------------------------

const stepArb = fc.oneof(
  fc.constantFrom('0.001', '1e-8', '5', '0.5', '0.01000000', '0.0025', '1', '10', '0.1', '25', '0.00001'),
  fc
    .record({ units: fc.integer({ min: 1, max: 999 }), scale: fc.integer({ min: 0, max: 12 }) })
    .map(({ units, scale }) => (scale === 0 ? String(units) : `${units}e-${scale}`)),
);
const stepAsNumberOrText = stepArb.chain((text) => fc.constantFrom<number | string>(text, Number(text)));
const doubleArb = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((i) => i / 1000),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((i) => i * 0.1),
);
const modeArb = fc.constantFrom(...MODES);

/** Checks every stated property of one formatDecimal result. */
function checkResult(input: string, step: number | string, mode: RoundingMode, out: string): void {
  const scale = stepDecimals(step);
  // Exact text: optional minus, digits, exactly `scale` decimals, never "-0".
  const shape = scale === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${scale}}$`);
  expect(out).toMatch(shape);
  expect(out).not.toMatch(/^-0(?:\.0*)?$/);
  const o = exact(out);
  const s = exact(String(step));
  const d = exact(input);
  // On the grid: out / step is an integer.
  expect((o.n * s.d) % (s.n * o.d)).toBe(0n);
  const diff = sub(o, d); // out - input
  // Within one step of the input (half a step for round).
  if (mode === 'round') expect(cmpAbs({ n: diff.n * 2n, d: diff.d }, s)).toBeLessThanOrEqual(0);
  else expect(cmpAbs(diff, s)).toBeLessThan(0);
  // Rounds the stated way.
  switch (mode) {
    case 'floor':
      expect(sign(diff)).toBeLessThanOrEqual(0);
      break;
    case 'ceil':
      expect(sign(diff)).toBeGreaterThanOrEqual(0);
      break;
    case 'trunc':
      expect(cmpAbs(o, d)).toBeLessThanOrEqual(0);
      if (sign(o) !== 0) expect(sign(o)).toBe(sign(d));
      break;
    case 'round': {
      const twice = cmpAbs({ n: diff.n * 2n, d: diff.d }, s);
      if (twice === 0 && sign(diff) !== 0) expect(sign(diff)).toBe(sign(d)); // a tie goes away from zero
      break;
    }
  }
}

describe('formatDecimal properties', () => {
  it('numbers: on the grid, exact text, within a step, rounded as stated', () => {
    fc.assert(
      fc.property(doubleArb, stepAsNumberOrText, modeArb, (value, step, mode) => {
        checkResult(String(value), step, mode, formatDecimal(value, step, mode));
      }),
      { numRuns: 3000 },
    );
  });

  it('the float fast path agrees with the exact path on the same decimal', () => {
    fc.assert(
      fc.property(doubleArb, stepAsNumberOrText, modeArb, (value, step, mode) => {
        expect(formatDecimal(value, step, mode)).toBe(formatDecimal(String(value), step, mode));
      }),
      { numRuns: 3000 },
    );
  });

  it('values a float step away from a grid point, and float-multiplied grid points', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        stepArb,
        modeArb,
        fc.constantFrom(-1, 0, 1),
        (j, stepText, mode, nudge) => {
          const step = Number(stepText);
          const onGrid = j * step; // float multiplication: may print as 0.30000000000000004
          const value = nudge === 0 ? onGrid : nudge < 0 ? prevFloat(onGrid) : nextFloat(onGrid);
          const out = formatDecimal(value, stepText, mode);
          checkResult(String(value), stepText, mode, out);
          expect(out).toBe(formatDecimal(String(value), stepText, mode));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('exact ties (half a step) go away from zero; decimal text inputs', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        stepArb,
        modeArb,
        (j, stepText, mode) => {
          const s = exact(stepText);
          // value = (2j + 1) × step / 2, written exactly as decimal text
          const n = (2n * j + 1n) * s.n * 5n;
          const text = rationalToText(n, s.d * 10n);
          const out = formatDecimal(text, stepText, mode);
          checkResult(text, stepText, mode, out);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

function rationalToText(n: bigint, d: bigint): string {
  // d is a power of ten
  const scale = d.toString().length - 1;
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${digits}` : digits;
}

const view = new DataView(new ArrayBuffer(8));
function nextFloat(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + (x > 0 ? 1n : -1n));
  return view.getFloat64(0);
}
function prevFloat(x: number): number {
  return -nextFloat(-x);
}
