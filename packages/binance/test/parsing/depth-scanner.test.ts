// The depth scanner against the reference path (JSON.parse + parseDepth) on generated depth
// bodies: wherever it reads a body it gives exactly the same book, it reads every body in the
// plain form Binance sends, and it hands anything else back to the JSON path.
import { ValidationError } from '@venuekit/base';
import { decodeDepth, parseDepth, scanDepth } from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };
const NOW = 1_700_000_000_123.7;

/** Plain decimal text as Binance sends it: up to 15 significant digits, no sign, no exponent. */
const plainDecimal = fc
  .tuple(fc.nat({ max: 9_999_999 }), fc.integer({ min: 0, max: 8 }), fc.nat({ max: 99_999_999 }))
  .map(([whole, places, fraction]) =>
    places === 0 ? String(whole) : `${whole}.${String(fraction).padStart(8, '0').slice(0, places)}`,
  );
const positivePlain = plainDecimal.filter((text) => +text > 0);

/** Decimal text in forms the scanner must refuse or may read: exponents, long digits, signs. */
const oddDecimal = fc.oneof(
  fc.double({ min: 1e-12, max: 1e12, noNaN: true }).map((n) => n.toExponential()),
  fc.constantFrom('0.1234567890123456', '12345678901234567', '-1.5', '+2', '1.', '.5', '', ' 1', '1e3'),
  fc.bigInt({ min: 1n, max: 10n ** 25n }).map((n) => n.toString()),
);

const level = (price: fc.Arbitrary<string>, size: fc.Arbitrary<string>) => fc.tuple(price, size);
const plainLevels = fc.array(level(positivePlain, plainDecimal), { maxLength: 40 });

/** Serializes a depth object with a chosen key order and optional whitespace. */
function body(fields: Record<string, unknown>, order: readonly string[], spaced: boolean): string {
  const parts = order
    .filter((k) => k in fields)
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(fields[k])}`);
  const text = `{${parts.join(',')}}`;
  return spaced ? text.replace(/,/g, ', ').replace(/:/g, ' : ').replace('{', '{\n ') : text;
}

const depthFields = fc.record(
  {
    lastUpdateId: fc.nat({ max: 2 ** 45 }),
    E: fc.nat({ max: 2 ** 45 }),
    T: fc.nat({ max: 2 ** 45 }),
    bids: plainLevels,
    asks: plainLevels,
  },
  { requiredKeys: ['lastUpdateId', 'bids', 'asks'] },
);
const keyOrder = fc.shuffledSubarray(['lastUpdateId', 'E', 'T', 'bids', 'asks'], { minLength: 5 });

function reference(text: string): unknown {
  try {
    return parseDepth(JSON.parse(text), names, NOW);
  } catch (error) {
    return error instanceof ValidationError || error instanceof SyntaxError ? error.constructor : error;
  }
}

function decoded(text: string): unknown {
  try {
    return decodeDepth(text, names, NOW);
  } catch (error) {
    return error instanceof ValidationError || error instanceof SyntaxError ? error.constructor : error;
  }
}

describe('depth scanner', () => {
  it('reads every plain Binance depth body, to exactly the numbers of JSON.parse + parseDepth', () => {
    fc.assert(
      fc.property(depthFields, keyOrder, fc.boolean(), (fields, order, spaced) => {
        const text = body(fields, order, spaced);
        const scanned = scanDepth(text, names, NOW);
        expect(scanned).toBeDefined();
        expect(scanned).toStrictEqual(parseDepth(JSON.parse(text), names, NOW));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same book or the same error as the JSON path for any decimal text', () => {
    const anyDecimal = fc.oneof(plainDecimal, oddDecimal);
    const anyLevels = fc.array(level(anyDecimal, anyDecimal), { maxLength: 8 });
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 45 }), anyLevels, anyLevels, (id, bids, asks) => {
        const text = JSON.stringify({ lastUpdateId: id, bids, asks });
        expect(decoded(text)).toStrictEqual(reference(text));
      }),
      { numRuns: 400 },
    );
  });

  it('hands exponents, long digit runs, unknown keys and other shapes to the JSON path', () => {
    const refused = [
      '{"lastUpdateId":1,"bids":[["1e3","1"]],"asks":[]}',
      '{"lastUpdateId":1,"bids":[["1.2345678901234567","1"]],"asks":[]}',
      '{"lastUpdateId":1,"bids":[],"asks":[],"extra":true}',
      '{"lastUpdateId":1,"bids":[],"asks":[],"bids":[]}',
      '{"lastUpdateId":1.5,"bids":[],"asks":[]}',
      '{"lastUpdateId":1,"bids":[[1,2]],"asks":[]}',
      '{"lastUpdateId":1,"bids":[["1","2","3"]],"asks":[]}',
      '{"lastUpdateId":1,"bids":[["\\u0031","2"]],"asks":[]}',
      '{"lastUpdateId":1,"bids":[["0","2"]],"asks":[]}',
      '{"lastUpdateId":1,"bids":[],"asks":[]} x',
      '{"bids":[],"asks":[]}',
      '[]',
      '',
    ];
    for (const text of refused) expect(scanDepth(text, names, NOW), text).toBeUndefined();
    // The JSON path still reads what is valid JSON and refuses the rest as before.
    expect(decodeDepth(refused[0]!, names, NOW).bids).toEqual([[1000, 1]]);
    expect(decodeDepth(refused[2]!, names, NOW).sequence).toBe(1);
    expect(() => decodeDepth('<html>busy</html>', names, NOW)).toThrow(SyntaxError);
    expect(() => decodeDepth('{"lastUpdateId":1,"bids":[["x","1"]],"asks":[]}', names, NOW)).toThrow(
      ValidationError,
    );
  });

  it('stamps the book with T, else E, else the local time, like parseDepth', () => {
    const stamp = (extra: string) =>
      scanDepth(`{"lastUpdateId":7${extra},"bids":[["1.5","2"]],"asks":[]}`, names, NOW)?.timestamp;
    expect(stamp(',"E":20,"T":10')).toBe(10);
    expect(stamp(',"E":20')).toBe(20);
    expect(stamp('')).toBe(Math.floor(NOW));
  });
});
