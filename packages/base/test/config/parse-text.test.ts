import '../setup/secret-guard.js';
import { ConfigError, configFormatOf, parseConfigText } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/config/json-error-position.js';
import { TEST_SECRET } from '../setup/test-secrets.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('configFormatOf', () => {
  it.each([
    ['a.json', 'json'],
    ['dir/b.YAML', 'yaml'],
    ['c.yml', 'yaml'],
  ])('%s → %s', (file, format) => {
    expect(configFormatOf(file)).toBe(format);
  });

  it('refuses other extensions naming the file and the choices', () => {
    expect(configError(() => configFormatOf('/etc/app.toml')).message).toBe(
      'config file /etc/app.toml has extension ".toml"; expected .json, .yaml or .yml',
    );
    expect(configError(() => configFormatOf('/etc/app')).message).toContain('extension "(none)"');
  });
});

describe('parseConfigText', () => {
  it('parses JSON and YAML, ignoring a byte-order mark', () => {
    expect(parseConfigText('\ufeff{"a":[1,2]}', 'json', 'x.json')).toEqual({ a: [1, 2] });
    expect(parseConfigText('a:\n  - 1\n  - two\nb: yes\n', 'yaml', 'x.yaml')).toEqual({
      a: [1, 'two'],
      b: 'yes',
    });
  });

  it('JSON errors give line and column but never quote the text', () => {
    const text = `{\n  "apiKey": "k",\n  "secret": ${TEST_SECRET}\n}`;
    const error = configError(() => parseConfigText(text, 'json', 'config file /x.json'));
    expect(error.message).toBe(
      'config file /x.json is not valid JSON: unexpected token at line 3, column 13',
    );
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain(TEST_SECRET.slice(0, 8));
  });

  it.each([
    ['{"a": 1,}', 'expected double-quoted property name at line 1, column 9'],
    ['{"a": "abc', 'unterminated string at line 1, column 11'],
    ['{"a":1} x', 'unexpected non-whitespace character after JSON at line 1, column 9'],
    ['[1,\n2', "expected ',' or ']' after array element at line 2, column 2"],
    ['{"a": tru}', 'unexpected token at line 1, column 10'],
  ])('JSON %j → %s', (text, expected) => {
    expect(configError(() => parseConfigText(text, 'json', 'f')).message).toBe(
      `f is not valid JSON: ${expected}`,
    );
  });

  it('empty files are errors', () => {
    expect(configError(() => parseConfigText(' \n', 'json', 'f.json')).message).toBe('f.json is empty');
    expect(configError(() => parseConfigText('', 'yaml', 'f.yaml')).message).toBe('f.yaml is empty');
  });

  it('YAML errors list line, column and kind, never the text', () => {
    const text = `feeds:\n  binance:\n    secret: ${TEST_SECRET}\n    secret: again\n  bad: [1, 2\n`;
    const error = configError(() => parseConfigText(text, 'yaml', 'config file /x.yaml'));
    expect(error.message.split('\n')[0]).toBe('config file /x.yaml is not valid YAML:');
    expect(error.message).toContain('line 4, column 5: duplicate key');
    expect(error.message).not.toContain(TEST_SECRET.slice(0, 8));
    expect(error.message).not.toContain('again');
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    expect(configError(() => parseConfigText(lines.join('\n'), 'yaml', 'bomb.yaml')).message).toBe(
      'bomb.yaml is not valid YAML: too many aliases',
    );
  });
});

describe('jsonErrorOffset', () => {
  it('property: finds an error exactly when JSON.parse rejects the text', () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', '0', '-', '.', 'e'),
        fc.nat(3),
      )
      .map(([json, at, insert, cut]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + cut);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const offset = jsonErrorOffset(text);
        expect(offset === undefined).toBe(valid);
        if (offset !== undefined) expect(offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1000 },
    );
  });
});
