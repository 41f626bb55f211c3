// wireFieldReaders: numbers come out of every well-formed wire value, and every malformed one is
// refused with a ValidationError naming the venue and the field — never NaN, never a silent 0.
import { ValidationError, wireFieldReaders } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const read = wireFieldReaders('acme', 'Acme');

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

const garbage = fc.oneof(
  fc.constantFrom('', 'abc', '1.2.3', 'NaN', 'Infinity', '-Infinity', '0x', null, true, {}, [], undefined),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe('wireFieldReaders', () => {
  it('reads any finite number, and its decimal text, to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(read.decimal(x, 'price')).toBe(x);
        expect(read.decimal(String(x), 'price')).toBe(+String(x));
      }),
    );
  });

  it('refuses garbage with the venue, the field and the value in the message', () => {
    fc.assert(
      fc.property(garbage, (value) => {
        const error = refusal(() => read.decimal(value, 'qty'));
        expect(error.venue).toBe('acme');
        expect(error.message).toMatch(/^Acme qty: expected a decimal string such as "0\.01", got /);
        expect(error.details).toEqual({ field: 'qty' });
      }),
    );
    expect(refusal(() => read.decimal(undefined, 'qty')).message).toContain('got nothing');
  });

  it('maps absent, empty and zero to undefined, or to 0, where the model asks', () => {
    for (const none of [undefined, null, '']) {
      expect(read.positiveOrUndefined(none, 'stop')).toBeUndefined();
      expect(read.decimalOrZero(none, 'fee')).toBe(0);
    }
    expect(read.positiveOrUndefined('0', 'stop')).toBeUndefined();
    expect(read.positiveOrUndefined('-1', 'stop')).toBeUndefined();
    expect(read.positiveOrUndefined('2.5', 'stop')).toBe(2.5);
    expect(read.decimalOrZero('-0.25', 'fee')).toBe(-0.25);
    refusal(() => read.positiveOrUndefined('x', 'stop'));
    refusal(() => read.decimalOrZero('x', 'fee'));
  });

  it('reads integers from numbers only, and times from numbers or digit strings', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(read.integer(n, 'id')).toBe(n);
        expect(read.time(n, 'ts')).toBe(n);
        if (n < 1e16) expect(read.time(String(n), 'ts')).toBe(n);
      }),
    );
    for (const bad of ['12', 1.5, 2 ** 60, undefined]) refusal(() => read.integer(bad, 'id'));
    for (const bad of ['-1', '1.5', '', '12345678901234567', -1, 1.5, null])
      expect(refusal(() => read.time(bad, 'ts')).message).toMatch(/^Acme ts: expected a time in ms/);
  });
});
