// `import '@venuekit/bybit'` registers bybitPlugin into the global registry (feeds and the
// per-environment signers); `@venuekit/bybit/plugin` registers nothing and exports the plugin for
// isolated registries; registering twice is idempotent.
import { ExchangeRegistry, registry } from '@venuekit/base';
import { bybitPlugin } from '@venuekit/bybit';
import { BYBIT_SIGNER_NAMES, bybitPlugin as sameFromEntry } from '@venuekit/bybit/plugin';
import { describe, expect, it } from 'vitest';

describe('bybitPlugin', () => {
  it('is registered globally by the package entry, with both feeds and every environment’s signer', () => {
    expect(sameFromEntry).toBe(bybitPlugin);
    expect(registry.hasFeed('BYBIT___SPOT')).toBe(true);
    expect(registry.hasFeed('BYBIT___LINEAR')).toBe(true);
    expect(registry.signerForHost('api.bybit.com')?.name).toBe(BYBIT_SIGNER_NAMES.prod);
    expect(registry.signerForHost('api.bytick.com')?.name).toBe(BYBIT_SIGNER_NAMES.prod);
    expect(registry.signerForHost('api-testnet.bybit.com')?.name).toBe(BYBIT_SIGNER_NAMES.testnet);
    expect(registry.signerForHost('api-demo.bybit.com')?.name).toBe(BYBIT_SIGNER_NAMES.demo);
  });

  it('registers into an isolated registry, idempotently', () => {
    const isolated = ExchangeRegistry.createIsolated();
    expect(isolated.hasFeed('BYBIT___SPOT')).toBe(false);
    isolated.use(bybitPlugin);
    isolated.use(bybitPlugin);
    expect(isolated.listFeeds()).toEqual(expect.arrayContaining(['BYBIT___SPOT', 'BYBIT___LINEAR']));
  });
});
