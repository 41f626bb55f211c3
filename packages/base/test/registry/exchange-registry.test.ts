// ExchangeRegistry: feed registration and creation, the unknown-id error, plugins (idempotent,
// conflicts refused unless replace, atomic), and signer lookup by exact host and by name.
import {
  BaseFeed,
  ConfigError,
  ExchangeNotFoundError,
  ExchangeRegistry,
  type FeedOptions,
  type Signer,
  definePlugin,
  registry,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

class StubFeed extends BaseFeed {
  constructor(
    id: string,
    readonly received: FeedOptions,
  ) {
    super({ id, venue: id.split('___')[0]!.toLowerCase(), options: received });
  }
}
const factoryFor = (id: string) => (options: FeedOptions) => new StubFeed(id, options);
const signer = (name: string, hosts: string[]): Signer => ({ name, hosts, sign: (req) => req });

function acmePlugin(version = '1.0.0', extra: Record<string, (o: FeedOptions) => StubFeed> = {}) {
  return definePlugin({
    name: 'acme',
    version,
    feeds: { ACME___SPOT: factoryFor('ACME___SPOT'), ACME___PERP: factoryFor('ACME___PERP'), ...extra },
    signers: [signer('acme', ['api.acme.test', 'fapi.acme.test'])],
  });
}

describe('ExchangeRegistry feeds', () => {
  it('isolated registries start empty and do not share state with the global one', () => {
    const a = ExchangeRegistry.createIsolated();
    const b = ExchangeRegistry.createIsolated();
    a.registerFeed('ACME___SPOT', factoryFor('ACME___SPOT'));
    expect(a.hasFeed('ACME___SPOT')).toBe(true);
    expect(b.hasFeed('ACME___SPOT')).toBe(false);
    expect(registry.hasFeed('ACME___SPOT')).toBe(false);
    expect(registry).toBeInstanceOf(ExchangeRegistry);
  });

  it('creates feeds with the given options', () => {
    const r = ExchangeRegistry.createIsolated().registerFeed('ACME___SPOT', factoryFor('ACME___SPOT'));
    const feed = r.createFeed<StubFeed>('ACME___SPOT', { environment: 'testnet' });
    expect(feed.received).toEqual({ environment: 'testnet' });
    expect(feed.id).toBe('ACME___SPOT');
    expect(r.createFeed<StubFeed>('ACME___SPOT').received).toEqual({});
  });

  it('validates ids and factories', () => {
    const r = ExchangeRegistry.createIsolated();
    for (const bad of [
      'acme___spot',
      'ACME__SPOT',
      'ACME____SPOT',
      'ACME___',
      '___SPOT',
      'ACME-SPOT',
      'ACME___SPOT_',
    ]) {
      expect(() => r.registerFeed(bad, factoryFor(bad))).toThrow(ConfigError);
      expect(() => r.registerFeed(bad, factoryFor(bad))).toThrow(
        /expected VENUE___MARKET: upper-case letters and digits/,
      );
    }
    expect(() => r.registerFeed('ACME___USD_PERP', factoryFor('ACME___USD_PERP'))).not.toThrow();
    expect(() => r.registerFeed('ACME___X', 'nope' as never)).toThrow(
      /feed factory for ACME___X: expected a function/,
    );
  });

  it('refuses a duplicate id unless replace; the same factory again is a no-op', () => {
    const r = ExchangeRegistry.createIsolated();
    const first = factoryFor('ACME___SPOT');
    r.registerFeed('ACME___SPOT', first);
    expect(() => r.registerFeed('ACME___SPOT', first)).not.toThrow();
    expect(() => r.registerFeed('ACME___SPOT', factoryFor('ACME___SPOT'))).toThrow(
      'Feed id ACME___SPOT is already registered; pass { replace: true } to replace it',
    );
    const second = (o: FeedOptions) => new StubFeed('ACME___SPOT', { ...o, logger: undefined });
    r.registerFeed('ACME___SPOT', second, { replace: true });
    expect(r.createFeed<StubFeed>('ACME___SPOT').received).toEqual({ logger: undefined });
  });

  it('lists, checks and unregisters feeds', () => {
    const r = ExchangeRegistry.createIsolated();
    for (const id of ['ZED___SPOT', 'ACME___SPOT', 'ACME___PERP']) r.registerFeed(id, factoryFor(id));
    expect(r.listFeeds()).toEqual(['ACME___PERP', 'ACME___SPOT', 'ZED___SPOT']);
    expect(r.unregisterFeed('ZED___SPOT')).toBe(true);
    expect(r.unregisterFeed('ZED___SPOT')).toBe(false);
    expect(r.hasFeed('ZED___SPOT')).toBe(false);
  });

  it('an unknown id lists the known ids and the closest match', () => {
    const r = ExchangeRegistry.createIsolated();
    for (const id of ['ACME___SPOT', 'ACME___PERP', 'ZED___SPOT']) r.registerFeed(id, factoryFor(id));
    const error = (() => {
      try {
        r.createFeed('ACME__SPOT');
      } catch (e) {
        return e as ExchangeNotFoundError;
      }
    })();
    expect(error).toBeInstanceOf(ExchangeNotFoundError);
    expect(error?.message).toMatch(
      /^No feed registered under "ACME__SPOT" \(feed ids look like VENUE___MARKET: /,
    );
    expect(error?.message).toMatch(
      /\. Did you mean ACME___SPOT\? Known feed ids: ACME___PERP, ACME___SPOT, ZED___SPOT$/,
    );
    expect(error?.details).toEqual({
      id: 'ACME__SPOT',
      known: ['ACME___PERP', 'ACME___SPOT', 'ZED___SPOT'],
      closest: 'ACME___SPOT',
    });
    expect(() => r.createFeed('acme___perp')).toThrow(/Did you mean ACME___PERP\?/);
    const wellFormed = (() => {
      try {
        r.createFeed('ZED___PERP');
      } catch (e) {
        return e as ExchangeNotFoundError;
      }
    })();
    expect(wellFormed?.message).toBe(
      'No feed registered under "ZED___PERP". Did you mean ZED___SPOT? Known feed ids: ACME___PERP, ACME___SPOT, ZED___SPOT',
    );
    expect(wellFormed?.venue).toBe('zed');
  });

  it('an empty registry says how feeds get there; long lists are cut', () => {
    expect(() => ExchangeRegistry.createIsolated().createFeed('ACME___SPOT')).toThrow(
      /^No feed registered under "ACME___SPOT": this registry has no feeds\. Import a venue package .* or call registry\.use\(plugin\)$/,
    );
    const r = ExchangeRegistry.createIsolated();
    for (let i = 0; i < 50; i++) r.registerFeed(`V${String(i).padStart(2, '0')}___SPOT`, factoryFor('X___Y'));
    expect(() => r.createFeed('V7___SPOT')).toThrow(/V39___SPOT, … \(50 in all\)$/);
  });

  it('refuses a factory that does not return a feed', () => {
    const r = ExchangeRegistry.createIsolated().registerFeed('ACME___SPOT', (() => ({})) as never);
    expect(() => r.createFeed('ACME___SPOT')).toThrow(
      /^The factory registered for ACME___SPOT did not return a feed/,
    );
  });
});

describe('ExchangeRegistry plugins', () => {
  it('use() registers feeds and signers, and is idempotent for the same plugin', () => {
    const r = ExchangeRegistry.createIsolated();
    const plugin = acmePlugin();
    r.use(plugin).use(plugin).use(acmePlugin()); // same object, then same name + version
    expect(r.listFeeds()).toEqual(['ACME___PERP', 'ACME___SPOT']);
    expect(r.listSigners()).toEqual(['acme']);
    expect(r.listPlugins()).toEqual([{ name: 'acme', version: '1.0.0' }]);
  });

  it('accepts a plain definition and validates it', () => {
    const r = ExchangeRegistry.createIsolated();
    r.use({ name: 'plain', version: '1.0.0', feeds: { PLAIN___SPOT: factoryFor('PLAIN___SPOT') } });
    expect(r.hasFeed('PLAIN___SPOT')).toBe(true);
    expect(() => r.use({ name: 'plain', version: 'latest' })).toThrow(/version: expected a semantic version/);
  });

  it('refuses another version of a plugin unless replace, which drops the old entries', () => {
    const r = ExchangeRegistry.createIsolated().use(
      acmePlugin('1.0.0', { ACME___OLD: factoryFor('ACME___OLD') }),
    );
    const next = acmePlugin('1.1.0');
    expect(() => r.use(next)).toThrow(
      'Cannot use plugin acme@1.1.0: plugin acme is already registered at version 1.0.0. Pass { replace: true } to replace them',
    );
    r.use(next, { replace: true });
    expect(r.listPlugins()).toEqual([{ name: 'acme', version: '1.1.0' }]);
    expect(r.listFeeds()).toEqual(['ACME___PERP', 'ACME___SPOT']);
    expect(r.signerForHost('api.acme.test')?.name).toBe('acme');
  });

  it('refuses a different plugin claiming an existing id, signer or host, registering nothing', () => {
    const r = ExchangeRegistry.createIsolated().use(acmePlugin());
    r.registerFeed('OTHER___SPOT', factoryFor('OTHER___SPOT'));
    const intruder = definePlugin({
      name: 'intruder',
      version: '1.0.0',
      feeds: {
        ACME___SPOT: factoryFor('ACME___SPOT'),
        OTHER___SPOT: factoryFor('OTHER___SPOT'),
        NEW___SPOT: factoryFor('NEW___SPOT'),
      },
      signers: [signer('acme', []), signer('sneaky', ['fapi.acme.test'])],
    });
    let message = '';
    try {
      r.use(intruder);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Cannot use plugin intruder@1.0.0: feed ACME___SPOT is registered by plugin acme@1.0.0; ' +
        'feed OTHER___SPOT is registered directly (not by a plugin); signer "acme" is registered by plugin acme@1.0.0; ' +
        'host fapi.acme.test is signed by "acme" by plugin acme@1.0.0. Pass { replace: true } to replace them',
    );
    expect(r.hasFeed('NEW___SPOT')).toBe(false);
    expect(r.getSigner('sneaky')).toBeUndefined();

    r.use(intruder, { replace: true });
    expect(r.hasFeed('NEW___SPOT')).toBe(true);
    expect(r.signerForHost('fapi.acme.test')?.name).toBe('sneaky');
    expect(r.getSigner('acme')?.hosts).toEqual([]);
    expect(r.signerForHost('api.acme.test')).toBeUndefined();
    expect(r.hasFeed('ACME___PERP')).toBe(true);
  });
});

describe('ExchangeRegistry signers', () => {
  it('finds a signer by exact host, case-insensitively, never by suffix', () => {
    const r = ExchangeRegistry.createIsolated().use(acmePlugin());
    r.registerSigner(signer('local', ['127.0.0.1:8080']));
    expect(r.signerForHost('api.acme.test')?.name).toBe('acme');
    expect(r.signerForHost('API.Acme.Test')?.name).toBe('acme');
    expect(r.signerForHost('evil.api.acme.test')).toBeUndefined();
    expect(r.signerForHost('acme.test')).toBeUndefined();
    expect(r.signerForHost('127.0.0.1:8080')?.name).toBe('local');
    expect(r.signerForHost('127.0.0.1')).toBeUndefined();
  });

  it('gets signers by name; requireSigner explains a miss', () => {
    const r = ExchangeRegistry.createIsolated().use(acmePlugin());
    expect(r.getSigner('acme')?.hosts).toEqual(['api.acme.test', 'fapi.acme.test']);
    expect(r.getSigner('acne')).toBeUndefined();
    expect(r.requireSigner('acme').name).toBe('acme');
    expect(() => r.requireSigner('acne')).toThrow(
      'No signer named "acne". Closest: "acme". Known signers: acme',
    );
    expect(() => ExchangeRegistry.createIsolated().requireSigner('acme')).toThrow(
      /no signers are registered/,
    );
  });

  it('registerSigner validates and refuses clashes unless replace', () => {
    const r = ExchangeRegistry.createIsolated().use(acmePlugin());
    expect(() => r.registerSigner(signer('bad host', ['x']))).toThrow(/^Invalid signer "bad host": name: /);
    expect(() => r.registerSigner(signer('x', ['https://api.x.test']))).toThrow(
      /hosts\[0\]: expected a bare lower-case host/,
    );
    expect(() => r.registerSigner(signer('acme', ['other.test']))).toThrow(
      'Cannot register signer "acme": signer "acme" is already registered. Pass { replace: true } to replace',
    );
    expect(() => r.registerSigner(signer('mirror', ['api.acme.test']))).toThrow(
      /host api\.acme\.test is signed by "acme"/,
    );
    const replacement = signer('acme', ['other.test']);
    r.registerSigner(replacement, { replace: true });
    expect(r.signerForHost('other.test')).toBe(replacement);
    expect(r.signerForHost('api.acme.test')).toBeUndefined();
    r.registerSigner(replacement);
    expect(r.listSigners()).toEqual(['acme']);
  });
});
