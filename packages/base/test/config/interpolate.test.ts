// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold ${ENV} references on purpose.
import { interpolateEnv } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('interpolateEnv', () => {
  const env = { HOST: 'api.example.com', PORT: '8443', EMPTY: '' };

  it('replaces ${NAME} in string values at any depth and leaves other values alone', () => {
    const input = {
      url: 'https://${HOST}:${PORT}/v1',
      list: ['${PORT}', 3, true, null],
      nested: { deep: { x: '${HOST}' } },
    };
    const { value, envPaths, problems } = interpolateEnv(input, env);
    expect(problems).toEqual([]);
    expect(value).toEqual({
      url: 'https://api.example.com:8443/v1',
      list: ['8443', 3, true, null],
      nested: { deep: { x: 'api.example.com' } },
    });
    expect([...envPaths]).toEqual(['url', 'list[0]', 'nested.deep.x']);
    expect(input.url).toBe('https://${HOST}:${PORT}/v1');
  });

  it('${NAME:-default} uses the default when the variable is unset or empty', () => {
    const { value } = interpolateEnv(
      ['${MISSING:-fallback}', '${EMPTY:-fallback}', '${PORT:-1}', '${MISSING:-}'],
      env,
    );
    expect(value).toEqual(['fallback', 'fallback', '8443', '']);
  });

  it('${NAME} with an empty variable gives an empty string', () => {
    expect(interpolateEnv('x${EMPTY}y', env).value).toBe('xy');
  });

  it('$${ writes a literal ${', () => {
    expect(interpolateEnv('cost: $${PORT} and ${PORT}', env).value).toBe('cost: ${PORT} and 8443');
  });

  it('reports every unset variable with its path, and malformed references', () => {
    const { problems } = interpolateEnv(
      {
        feeds: { binance: { apiKey: '${BINANCE_KEY}', secret: '${BINANCE_SECRET}' } },
        bad: ['${not valid}', 'x ${OPEN'],
      },
      env,
    );
    expect(problems).toEqual([
      {
        path: 'feeds.binance.apiKey',
        message:
          'uses ${BINANCE_KEY}, which is not set; set BINANCE_KEY or give a default with ${BINANCE_KEY:-value}',
      },
      {
        path: 'feeds.binance.secret',
        message:
          'uses ${BINANCE_SECRET}, which is not set; set BINANCE_SECRET or give a default with ${BINANCE_SECRET:-value}',
      },
      {
        path: 'bad[0]',
        message:
          'has an invalid reference "${not valid…}"; use ${NAME} or ${NAME:-default} with NAME of letters, digits and _',
      },
      { path: 'bad[1]', message: 'has an unclosed "${" at character 3' },
    ]);
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "${PORT}"}}') as unknown;
    const { value } = interpolateEnv(parsed, env);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: '8443' });
  });

  it('property: strings without "${" come back unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        fc.pre(!JSON.stringify(value).includes('${'));
        const result = interpolateEnv(value, {});
        expect(result.problems).toEqual([]);
        expect(result.value).toEqual(value);
      }),
    );
  });
});
