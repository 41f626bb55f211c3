import '../setup/secret-guard.js';
import { inspect } from 'node:util';
import {
  ConfigError,
  createCredentials,
  isRedactedCredentials,
  maskKey,
  redactSecrets,
  type Credentials,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_ED25519_PEM, TEST_PASSPHRASE, TEST_SECRET } from '../setup/test-secrets.js';

describe('createCredentials', () => {
  const creds = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_SECRET, passphrase: TEST_PASSPHRASE });

  it('reads back every field', () => {
    expect(creds.apiKey).toBe(TEST_API_KEY);
    expect(creds.secret).toBe(TEST_SECRET);
    expect(creds.passphrase).toBe(TEST_PASSPHRASE);
    expect(isRedactedCredentials(creds)).toBe(true);
    const asContract: Credentials = creds;
    expect(asContract.secret).toBe(TEST_SECRET);
  });

  it('prints redacted through inspect, console formatting, JSON, String and templates', () => {
    const expected = "Credentials { apiKey: 'vkTe…cdef', secret: [REDACTED], passphrase: [REDACTED] }";
    expect(inspect(creds)).toBe(expected);
    expect(inspect({ creds }, { showHidden: true, depth: 10 })).toBe(`{\n  creds: ${expected}\n}`);
    expect(String(creds)).toBe(expected);
    expect(`${creds}`).toBe(expected);
    expect(JSON.stringify(creds)).toBe(
      '{"apiKey":"vkTe…cdef","secret":"[REDACTED]","passphrase":"[REDACTED]"}',
    );
    expect(JSON.stringify({ nested: [creds] })).not.toContain(TEST_SECRET);
    expect(Object.prototype.toString.call(creds)).toBe('[object Credentials]');
  });

  it('leaves out the passphrase when there is none', () => {
    const two = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_SECRET });
    expect(two.passphrase).toBeUndefined();
    expect(String(two)).toBe("Credentials { apiKey: 'vkTe…cdef', secret: [REDACTED] }");
    expect(two.toString()).not.toContain('passphrase');
  });

  it('has no own enumerable data: spreading, keys and structured clones reveal nothing', () => {
    expect(Object.keys(creds)).toEqual([]);
    expect(Object.getOwnPropertyNames(creds)).toEqual([]);
    expect({ ...creds }).toEqual({});
    expect(Object.entries(structuredClone(creds))).toEqual([]);
  });

  it('is frozen and its fields cannot be overwritten', () => {
    expect(Object.isFrozen(creds)).toBe(true);
    expect(() => {
      (creds as { secret: string }).secret = 'other';
    }).toThrow(TypeError);
    expect(creds.secret).toBe(TEST_SECRET);
  });

  it('registers key, secret and passphrase for redaction', () => {
    const apiKey = 'cred-reg-key-5d2a9e1f7c';
    const secret = 'cred-reg-secret-8b3c6e0a4f';
    const passphrase = 'cred-reg-pass-61';
    expect(redactSecrets(`${apiKey} ${secret} ${passphrase}`)).toBe(`${apiKey} ${secret} ${passphrase}`);
    createCredentials({ apiKey, secret, passphrase });
    expect(redactSecrets(`${apiKey} ${secret} ${passphrase}`)).toBe('[REDACTED] [REDACTED] [REDACTED]');
  });

  it('registers the lines of a PEM secret and its JSON-escaped form', () => {
    const pem = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_ED25519_PEM });
    expect(pem.secret).toBe(TEST_ED25519_PEM);
    const body = TEST_ED25519_PEM.split('\n')[1]!;
    expect(redactSecrets(`line ${body}`)).toBe('line [REDACTED]');
    expect(redactSecrets(JSON.stringify({ k: TEST_ED25519_PEM }))).toBe('{"k":"[REDACTED]"}');
  });

  it('returns credentials it made unchanged', () => {
    expect(createCredentials(creds)).toBe(creds);
  });

  it.each([
    [{ apiKey: '', secret: TEST_SECRET }, 'apiKey must be a non-empty string (got an empty string)'],
    [{ apiKey: TEST_API_KEY, secret: 42 }, 'secret must be a non-empty string (got a number)'],
    [{ apiKey: TEST_API_KEY }, 'secret must be a non-empty string (got a undefined)'],
    [{ apiKey: `${TEST_API_KEY}\n`, secret: TEST_SECRET }, 'apiKey has leading or trailing whitespace'],
    [{ apiKey: 'abc def ghi', secret: TEST_SECRET }, 'apiKey contains whitespace'],
    [{ apiKey: TEST_API_KEY, secret: ` ${TEST_SECRET}` }, 'secret has leading or trailing whitespace'],
    [{ apiKey: TEST_API_KEY, secret: TEST_SECRET, passphrase: '' }, 'passphrase must be a non-empty string'],
  ])('refuses %#: %s', (input, expected) => {
    let caught: unknown;
    try {
      createCredentials(input as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.message).toContain(expected);
    expect(error.message.startsWith('credentials: ')).toBe(true);
    expect(JSON.stringify(error)).not.toContain(TEST_SECRET);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
  });

  it('refuses a non-object and names the label it was given', () => {
    expect(() => createCredentials(null as never, { label: 'binance credentials' })).toThrow(
      'binance credentials must be an object { apiKey, secret, passphrase? } (got null)',
    );
    expect(() => createCredentials([TEST_API_KEY, TEST_SECRET] as never)).toThrow('(got an array)');
  });
});

describe('maskKey', () => {
  it.each([
    ['abcdefghijklmnopwxyz', 4, 'abcd…wxyz'],
    ['abcdefghijklmnop', 4, 'abcd…mnop'],
    ['abcdefghijkl', 4, 'abc…jkl'],
    ['abcdefgh', 4, 'ab…gh'],
    ['abc', 4, '****'],
    ['', 4, '****'],
    ['abcdefghijklmnop', 0, '****'],
    ['abcdefghijklmnopqrstuvwx', 2, 'ab…wx'],
    ['abcdefghijklmnop', Number.NaN, '****'],
  ])('maskKey(%j, %s) → %j', (value, visible, expected) => {
    expect(maskKey(value, visible)).toBe(expected);
  });

  it('defaults to 4 visible characters and never shows more than half of the value', () => {
    expect(maskKey(TEST_API_KEY)).toBe('vkTe…cdef');
    for (let length = 0; length < 40; length++) {
      const value = 'x'.repeat(length);
      const shown = maskKey(value, 10).replace('…', '').replace('****', '');
      expect(shown.length * 2).toBeLessThanOrEqual(length);
    }
  });

  it('masks a non-string as ****', () => {
    expect(maskKey(undefined as never)).toBe('****');
  });
});
