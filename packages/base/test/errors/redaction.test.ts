import '../setup/secret-guard.js';
import { inspect } from 'node:util';
import {
  createCredentials,
  redactSecrets,
  registerSecret,
  unregisterSecret,
  VenueError,
  ValidationError,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_SECRET } from '../setup/test-secrets.js';

describe('registerSecret / redactSecrets', () => {
  it('redacts every occurrence of a registered value and forgets it when unregistered', () => {
    const secret = 'rs-alpha-3f9c2e71';
    registerSecret(secret);
    expect(redactSecrets(`a=${secret}&b=${secret}`)).toBe('a=[REDACTED]&b=[REDACTED]');
    unregisterSecret(secret);
    expect(redactSecrets(`a=${secret}`)).toBe(`a=${secret}`);
  });

  it('ignores values shorter than 6 characters, empty and non-strings', () => {
    registerSecret('abc12');
    registerSecret('');
    registerSecret(undefined);
    registerSecret(null);
    expect(redactSecrets('abc12 is fine')).toBe('abc12 is fine');
  });

  it('redacts a secret that contains another registered secret whole (longest first)', () => {
    const short = 'rs-key-0042';
    const long = `${short}-and-the-rest-of-a-longer-secret`;
    registerSecret(short);
    registerSecret(long);
    expect(redactSecrets(`x ${long} y ${short}`)).toBe('x [REDACTED] y [REDACTED]');
    unregisterSecret(short);
    unregisterSecret(long);
  });

  it('property: a registered secret never survives redaction, wherever it sits', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
          minLength: 12,
          maxLength: 40,
        }),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          const value = `sk_${secret}`;
          registerSecret(value);
          try {
            expect(redactSecrets(`${before}${value}${after}${value}`)).not.toContain(value);
          } finally {
            unregisterSecret(value);
          }
        },
      ),
    );
  });
});

describe('VenueError redaction of details', () => {
  it('redacts strings at any depth up to the cut-off and cuts deeper levels off', () => {
    const error = new VenueError('x', {
      details: { a: { b: { c: { d: TEST_SECRET } } }, deep: { a: { b: { c: { d: { e: TEST_SECRET } } } } } },
    });
    const json = JSON.stringify(error);
    expect(json).not.toContain(TEST_SECRET);
    expect(error.details).toEqual({
      a: { b: { c: { d: '[REDACTED]' } } },
      deep: { a: { b: { c: { d: '[…]' } } } },
    });
  });

  it('turns bigints, URLs, dates, maps, sets, buffers and errors into safe JSON', () => {
    const error = new VenueError('x', {
      details: {
        big: 12345678901234567890n,
        url: new URL(`https://api.example.com/v1/order?apiKey=${TEST_API_KEY}`),
        at: new Date(0),
        map: new Map([['k', TEST_SECRET]]),
        set: new Set([TEST_SECRET]),
        bytes: Buffer.from(TEST_SECRET),
        error: new Error(`bad ${TEST_SECRET}`),
        fn: () => TEST_SECRET,
      },
    });
    expect(error.details).toEqual({
      big: '12345678901234567890',
      url: 'https://api.example.com/v1/order?apiKey=[REDACTED]',
      at: '1970-01-01T00:00:00.000Z',
      map: { k: '[REDACTED]' },
      set: ['[REDACTED]'],
      bytes: `[${TEST_SECRET.length} bytes]`,
      error: { name: 'Error', message: 'bad [REDACTED]' },
      fn: undefined,
    });
    expect(() => inspect(error)).not.toThrow();
    expect(inspect(error)).not.toContain(TEST_SECRET);
  });

  it('shows credentials in details as their redacted form', () => {
    const credentials = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_SECRET });
    const error = new ValidationError('bad order', { details: { credentials } });
    expect(error.details).toEqual({ credentials: { apiKey: 'vkTe…cdef', secret: '[REDACTED]' } });
  });

  it('survives cyclic details', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const error = new VenueError('x', { details: cyclic });
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => inspect(error)).not.toThrow();
  });

  it('redacts a string code', () => {
    expect(new VenueError('x', { code: `E_${TEST_SECRET}` }).code).toBe('E_[REDACTED]');
  });
});
