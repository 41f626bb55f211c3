import '../setup/secret-guard.js';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { ApiCredentialsMap, APIS_ENV_VAR, ConfigError, createCredentials, loadApis } from '@venuekit/base';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_PASSPHRASE, TEST_SECRET } from '../setup/test-secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'venuekit-apis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function catchError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const config = error as ConfigError;
    for (const text of [config.message, JSON.stringify(config), inspect(config)]) {
      expect(text).not.toContain(TEST_SECRET);
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).not.toContain(TEST_PASSPHRASE);
    }
    return config;
  }
  throw new Error('expected a ConfigError');
}

const APIS = {
  binance: [TEST_API_KEY, TEST_SECRET],
  okx: [TEST_API_KEY, TEST_SECRET, TEST_PASSPHRASE],
  bybit: { apiKey: TEST_API_KEY, secret: TEST_SECRET },
} as const;

describe('loadApis', () => {
  it('loads array and object entries from an object', () => {
    const apis = loadApis(APIS);
    expect(apis.size).toBe(3);
    expect(apis.names()).toEqual(['binance', 'okx', 'bybit']);
    expect(apis.get('binance')?.secret).toBe(TEST_SECRET);
    expect(apis.get('okx')?.passphrase).toBe(TEST_PASSPHRASE);
    expect(apis.get('bybit')?.apiKey).toBe(TEST_API_KEY);
    expect(apis.get('kraken')).toBeUndefined();
    expect(apis.has('okx')).toBe(true);
    expect(apis.origin).toBe('object');
    expect([...apis].map(([name]) => name)).toEqual(['binance', 'okx', 'bybit']);
  });

  it('prints the whole map redacted', () => {
    const apis = loadApis(APIS);
    for (const text of [inspect(apis), String(apis), JSON.stringify(apis)]) {
      expect(text).not.toContain(TEST_SECRET);
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).toContain('vkTe…cdef');
    }
    expect(JSON.parse(JSON.stringify(apis))).toEqual({
      binance: { apiKey: 'vkTe…cdef', secret: '[REDACTED]' },
      okx: { apiKey: 'vkTe…cdef', secret: '[REDACTED]', passphrase: '[REDACTED]' },
      bybit: { apiKey: 'vkTe…cdef', secret: '[REDACTED]' },
    });
    expect(Object.isFrozen(apis)).toBe(true);
  });

  it('loads a JSON file by path and by file URL', () => {
    const path = file('apis.json', JSON.stringify(APIS, null, 2));
    for (const source of [path, pathToFileURL(path)]) {
      const apis = loadApis(source);
      expect(apis.get('okx')?.passphrase).toBe(TEST_PASSPHRASE);
      expect(apis.origin).toBe(path);
    }
  });

  it('loads the file VENUEKIT_APIS names when called without a source, and is empty without it', () => {
    const path = file('from-env.json', JSON.stringify({ binance: APIS.binance }));
    expect(loadApis(undefined, { env: { [APIS_ENV_VAR]: path } }).get('binance')?.apiKey).toBe(TEST_API_KEY);
    expect(loadApis(undefined, { env: {} }).size).toBe(0);
    expect(loadApis(undefined, { env: { [APIS_ENV_VAR]: '  ' } }).size).toBe(0);
  });

  it('accepts credentials objects as entries and returns a map unchanged', () => {
    const creds = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_SECRET });
    const apis = loadApis({ mine: creds as never });
    expect(apis.get('mine')).toBe(creds);
    expect(loadApis(apis)).toBe(apis);
  });

  it('require() returns the entry or names what is known', () => {
    const apis = loadApis(APIS);
    expect(apis.require('okx').passphrase).toBe(TEST_PASSPHRASE);
    expect(catchError(() => apis.require('kraken')).message).toBe(
      'no credentials named "kraken" in apis (loaded from object); known: binance, okx, bybit',
    );
    expect(catchError(() => new ApiCredentialsMap().require('x')).message).toContain('known: none');
  });

  it('a missing file named explicitly is a ConfigError naming the path', () => {
    const path = join(dir, 'nope.json');
    const error = catchError(() => loadApis(path));
    expect(error.message).toBe(`apis file ${path} does not exist`);
    expect(error.details).toEqual({ file: path });
  });

  it('a missing file named by VENUEKIT_APIS says where the name came from', () => {
    const path = join(dir, 'missing-env.json');
    expect(catchError(() => loadApis(undefined, { env: { [APIS_ENV_VAR]: path } })).message).toBe(
      `apis file ${path} (named by VENUEKIT_APIS) does not exist`,
    );
  });

  it('a directory or unreadable file is a ConfigError', () => {
    const sub = join(dir, 'a-directory.json');
    mkdirSync(sub);
    expect(catchError(() => loadApis(sub)).message).toContain('is a directory');
    if (process.getuid?.() !== 0) {
      const locked = file('locked.json', '{}');
      chmodSync(locked, 0o000);
      expect(catchError(() => loadApis(locked)).message).toContain('permission denied');
    }
  });

  it('invalid JSON is a ConfigError with line and column that never quotes the file', () => {
    const path = file('broken.json', `{\n  "binance": ["${TEST_API_KEY}", ${TEST_SECRET}]\n}`);
    const error = catchError(() => loadApis(path));
    expect(error.message).toMatch(
      new RegExp(`^apis file ${path} is not valid JSON: .* at line 2, column \\d+$`),
    );
    expect(error.cause).toBeUndefined();
  });

  it('reports every malformed entry with its name and the expected form', () => {
    const error = catchError(() =>
      loadApis({
        good: [TEST_API_KEY, TEST_SECRET],
        short: [TEST_API_KEY],
        long: [TEST_API_KEY, TEST_SECRET, TEST_PASSPHRASE, 'extra'],
        typed: [TEST_API_KEY, 12345],
        typo: { apiKey: TEST_API_KEY, secrte: TEST_SECRET },
        text: TEST_SECRET,
        empty: { apiKey: TEST_API_KEY, secret: '' },
      } as never),
    );
    const form = '[apiKey, secret], [apiKey, secret, passphrase] or { apiKey, secret, passphrase? }';
    expect(error.message).toBe(
      [
        'apis object has 6 invalid entries:',
        `  - "short": expected ${form}; got an array of 1 item`,
        `  - "long": expected ${form}; got an array of 4 items`,
        '  - "typed": secret must be a non-empty string (got a number)',
        `  - "typo": unknown field "secrte"; expected ${form}`,
        `  - "text": expected ${form}; got a string`,
        '  - "empty": secret must be a non-empty string (got an empty string)',
      ].join('\n'),
    );
  });

  it('refuses a file whose top level is not an object', () => {
    const path = file('array.json', JSON.stringify([[TEST_API_KEY, TEST_SECRET]]));
    expect(catchError(() => loadApis(path)).message).toContain(
      `apis file ${path} must be an object mapping names to`,
    );
    expect(catchError(() => loadApis(file('empty.json', '  \n'))).message).toContain('is empty');
  });

  it('refuses a non-file URL', () => {
    expect(catchError(() => loadApis(new URL('https://example.com/apis.json'))).message).toBe(
      'apis URL must be a file: URL, got https:',
    );
  });
});
