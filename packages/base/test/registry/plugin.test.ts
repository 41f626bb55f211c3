// definePlugin: shape validation with messages naming the field and the expected form; frozen,
// branded results; feed id helpers and edit distance.
import {
  ConfigError,
  FEED_ID_PATTERN,
  PLUGIN_BRAND,
  closestMatch,
  definePlugin,
  editDistance,
  isFeedId,
  isVenuePlugin,
  parseFeedId,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

const factory = () => {
  throw new Error('not called');
};
const sign = <T>(req: T) => req;

describe('definePlugin', () => {
  it('returns a frozen, branded plugin keeping factories and signers by reference', () => {
    const s = { name: 'acme', hosts: ['api.acme.test'], sign, extra: 1 };
    const plugin = definePlugin({
      name: '@acme/venuekit-plugin',
      version: '1.0.0-beta.1',
      feeds: { ACME___SPOT: factory },
      signers: [s],
    });
    expect(isVenuePlugin(plugin)).toBe(true);
    expect(Object.isFrozen(plugin) && Object.isFrozen(plugin.feeds) && Object.isFrozen(plugin.signers)).toBe(
      true,
    );
    expect(plugin.feeds.ACME___SPOT).toBe(factory);
    expect(plugin.signers[0]).toBe(s);
    expect(Object.keys(plugin)).toEqual(['name', 'version', 'feeds', 'signers']);
    expect((plugin as unknown as Record<symbol, unknown>)[Symbol.for('venuekit.plugin')]).toBe(true);
    expect(PLUGIN_BRAND).toBe(Symbol.for('venuekit.plugin'));
    expect(definePlugin(plugin)).toBe(plugin);
    expect(definePlugin({ name: 'empty', version: '0.0.1' })).toMatchObject({ feeds: {}, signers: [] });
    expect(isVenuePlugin({ name: 'x', version: '1.0.0', feeds: {}, signers: [] })).toBe(false);
    expect(isVenuePlugin(null)).toBe(false);
  });

  it.each([
    [
      { name: 'acme', version: '1' },
      'Invalid plugin "acme": version: expected a semantic version such as "1.0.0"',
    ],
    [
      { name: 'my venue', version: '1.0.0' },
      'Invalid plugin "my venue": name: expected a package-style name such as "acme" or "@acme/venuekit-plugin"',
    ],
    [{ version: '1.0.0' }, /^Invalid plugin \(unnamed\): name: /],
    [
      { name: 'acme', version: '1.0.0', feeds: { acme_spot: factory } },
      /feeds\.acme_spot: bad key: expected VENUE___MARKET/,
    ],
    [
      { name: 'acme', version: '1.0.0', feeds: { ACME___SPOT: 'AcmeFeed' } },
      'Invalid plugin "acme": feeds.ACME___SPOT: expected a feed factory (options) => feed, got string',
    ],
    [
      { name: 'acme', version: '1.0.0', feeds: [factory] },
      /feeds: expected an object mapping feed ids to factories/,
    ],
    [{ name: 'acme', version: '1.0.0', feed: {} }, /Unrecognized key: "feed"/],
    [{ name: 'acme', version: '1.0.0', signers: {} }, /signers: expected an array of signers/],
    [
      {
        name: 'acme',
        version: '1.0.0',
        signers: [{ name: 'acme', hosts: ['https://api.acme.test/'], sign }],
      },
      /signers\[0\]\.hosts\[0\]: expected a bare lower-case host such as "api\.acme\.com"/,
    ],
    [
      { name: 'acme', version: '1.0.0', signers: [{ name: 'acme', hosts: ['*.acme.test'], sign }] },
      /signers\[0\]\.hosts\[0\]: .*no scheme, path or wildcard/,
    ],
    [
      { name: 'acme', version: '1.0.0', signers: [{ name: 'acme', hosts: 'api.acme.test', sign }] },
      /signers\[0\]\.hosts: expected an array of hosts/,
    ],
    [
      { name: 'acme', version: '1.0.0', signers: [{ name: 'acme', hosts: [] }] },
      'Invalid plugin "acme": signers[0].sign: expected a function (req, credentials, ctx) => req, got undefined',
    ],
    [
      {
        name: 'acme',
        version: '1.0.0',
        signers: [
          { name: 'a', hosts: ['x.test'], sign },
          { name: 'a', hosts: [], sign },
        ],
      },
      /signers\[1\]\.name: "a" is also the name of signers\[0\]/,
    ],
    [
      {
        name: 'acme',
        version: '1.0.0',
        signers: [
          { name: 'a', hosts: ['x.test'], sign },
          { name: 'b', hosts: ['x.test'], sign },
        ],
      },
      /signers\[1\]\.hosts\[0\]: "x\.test" is already claimed by signers\[0\]/,
    ],
    [null, /^Invalid plugin \(unnamed\): \(root\): /],
  ])('refuses %j', (definition, message) => {
    expect(() => definePlugin(definition as never)).toThrow(ConfigError);
    expect(() => definePlugin(definition as never)).toThrow(message);
  });

  it('reports several problems at once and lists the fields', () => {
    try {
      definePlugin({ name: '', version: 'x', feeds: { BAD: 1 } } as never);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).details).toEqual({ fields: ['name', 'version', 'feeds.BAD'] });
      expect((error as ConfigError).message).toMatch(
        /name: .*; version: .*; feeds\.BAD: bad key: expected VENUE___MARKET/,
      );
    }
  });
});

describe('feed ids', () => {
  it('recognises VENUE___MARKET and splits it', () => {
    expect(isFeedId('BINANCE___USDM')).toBe(true);
    expect(isFeedId('ACME2___USD_PERP')).toBe(true);
    expect(isFeedId('ACME___SPOT___X')).toBe(false);
    expect(isFeedId(42)).toBe(false);
    expect(FEED_ID_PATTERN.test('A_B___C_D')).toBe(true);
    expect(parseFeedId('ACME___USD_PERP')).toEqual({ venue: 'ACME', market: 'USD_PERP' });
    expect(() => parseFeedId('acme')).toThrow(/^feed id "acme": expected VENUE___MARKET/);
  });
});

describe('closest match', () => {
  it('measures edit distance case-insensitively', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('BINANCE___SPOT', 'binance___spot')).toBe(0);
    expect(editDistance('BINANCE__SPOT', 'BINANCE___SPOT')).toBe(1);
  });
  it('picks the nearest candidate, first on ties', () => {
    expect(closestMatch('BYBIT___LINAER', ['BYBIT___SPOT', 'BYBIT___LINEAR', 'BINANCE___USDM'])).toBe(
      'BYBIT___LINEAR',
    );
    expect(closestMatch('AB', ['AC', 'AD'])).toBe('AC');
    expect(closestMatch('X', [])).toBeUndefined();
  });
});
