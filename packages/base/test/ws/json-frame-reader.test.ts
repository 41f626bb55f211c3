// JsonFrameReader: numbers read from bytes equal `+text` for every plain decimal of up to 15
// significant digits (quoted or not, padded with zeros or not), anything else is declined; skipValue steps over any compact JSON value;
// levels reuse their pairs; keys and strings compare by bytes.
import { JSON_BYTE, JsonFrameReader, jsonWord } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const reader = new JsonFrameReader();
const read = (text: string): number => {
  reader.reset(Buffer.from(text));
  return reader.number();
};

/** A plain decimal of at most 15 digits, with or without a sign and a fraction. */
const decimal = fc
  .tuple(fc.boolean(), fc.maxSafeNat(), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 15 }))
  .map(([negative, n, scale, width]) => {
    const digits = String(n % 10 ** width).padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  })
  .filter((t) => t.replace(/[-.]/g, '').length <= 15);

describe('JsonFrameReader', () => {
  it('reads every plain decimal of up to 15 digits exactly as + does, quoted or not', () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(Object.is(read(`"${text}"`), +text)).toBe(true);
        expect(Object.is(read(text), +text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not count leading zeros or a fraction's trailing zeros toward the 15 digits", () => {
    /** Up to 15 significant digits, padded with leading zeros after the point and trailing zeros. */
    const padded = fc
      .tuple(decimal, fc.integer({ min: 0, max: 12 }))
      .map(([text, zeros]) =>
        text.includes('.') ? `${text}${'0'.repeat(zeros)}` : `${text}.${'0'.repeat(zeros + 1)}`,
      )
      .filter((t) => (t.split('.')[1] ?? '').length <= 22);
    fc.assert(
      fc.property(padded, (text) => {
        expect(Object.is(read(`"${text}"`), +text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const text of ['12345678.00000000', '0.000000001234567', '0.0', '-0.0', '100.500000000000000000'])
      expect(Object.is(read(`"${text}"`), +text), text).toBe(true);
    // Past an exact power of ten (10^22) the division would round twice: declined.
    expect(read('"0.00000000000000000000001"')).toBeNaN();
  });

  it('declines what is not a plain decimal of at most 15 digits', () => {
    for (const text of [
      '"1e5"',
      '1E5',
      '"1234567890123456"',
      '""',
      '"1."',
      '"."',
      '"-"',
      '"abc"',
      '"1.5',
      'x',
      '" 1"',
    ])
      expect(read(text), text).toBeNaN();
  });

  it('skips any compact value up to the separator after it, and no further', () => {
    const frame = '{"a":{"x":[1,{"y":"]}"}],"z":null},"b":"s,t","c":-1.5e3,"d":[[]],"e":true}';
    reader.reset(Buffer.from(frame));
    expect(reader.take(JSON_BYTE.openBrace)).toBe(true);
    const keys: string[] = [];
    for (;;) {
      expect(reader.key()).toBe(true);
      for (const k of ['a', 'b', 'c', 'd', 'e']) if (reader.is(jsonWord(k))) keys.push(k);
      expect(reader.skipValue()).toBe(true);
      const more = reader.next(JSON_BYTE.closeBrace);
      if (more === 0) break;
      expect(more).toBe(1);
    }
    expect(keys).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(reader.atEnd).toBe(true);
    for (const bad of ['{"a":,"b":1}', '{"a":"x\\"y"}', '{"a": 1}', '{"a":"open'])
      expect(skipFirst(bad), bad).toBe(false);
  });

  it('reads levels into reused pairs and declines levels of another shape', () => {
    const out: number[][] = [];
    const pairs: number[][] = [];
    reader.reset(Buffer.from('[["1.5","2"],[3,"0.000"]]'));
    expect(reader.levels(out, pairs)).toBe(true);
    expect(out).toEqual([
      [1.5, 2],
      [3, 0],
    ]);
    const first = out[0];
    reader.reset(Buffer.from('[["7","8"]]'));
    expect(reader.levels(out, pairs)).toBe(true);
    expect(out).toEqual([[7, 8]]);
    expect(out[0]).toBe(first);
    for (const bad of ['[["1","2","3"]]', '[["1"]]', '[{"p":1}]', '[["1","2"],]', '{}']) {
      reader.reset(Buffer.from(bad));
      expect(reader.levels(out, pairs), bad).toBe(false);
    }
  });
});

function skipFirst(frame: string): boolean {
  reader.reset(Buffer.from(frame));
  return (
    reader.take(JSON_BYTE.openBrace) &&
    reader.key() &&
    reader.skipValue() &&
    reader.next(JSON_BYTE.closeBrace) >= 0
  );
}
