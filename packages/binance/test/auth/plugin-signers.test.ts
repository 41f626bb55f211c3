// The signers binancePlugin registers: one per environment, picked by exact host; registering is
// idempotent; importing the package registers into the global registry; and base's generic Client
// signs with them (the simulator checks the signatures).
import { Client, createCredentials, ExchangeRegistry, registry, silentLogger } from '@venuekit/base';
import { BINANCE_SIGNER_NAMES, binancePlugin } from '@venuekit/binance/plugin';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';

describe('binancePlugin signers', () => {
  it('picks the signer of each environment by exact host', () => {
    const isolated = ExchangeRegistry.createIsolated().use(binancePlugin).use(binancePlugin);
    const nameFor = (host: string) => isolated.signerForHost(host)?.name;
    expect(nameFor('api.binance.com')).toBe(BINANCE_SIGNER_NAMES.prod);
    expect(nameFor('api-gcp.binance.com')).toBe('binance');
    expect(nameFor('api4.binance.com')).toBe('binance');
    expect(nameFor('fapi.binance.com')).toBe('binance');
    expect(nameFor('testnet.binance.vision')).toBe('binance_testnet');
    expect(nameFor('testnet.binancefuture.com')).toBe('binance_futures_testnet');
    expect(nameFor('demo-api.binance.com')).toBe('binance_demo');
    expect(nameFor('demo-fapi.binance.com')).toBe('binance_demo');
    expect(nameFor('data-api.binance.vision')).toBeUndefined();
    expect(nameFor('binance.com')).toBeUndefined();
    for (const signer of binancePlugin.signers) expect(signer.bodyEncoding).toBe('form');
  });

  it('importing the package registers the plugin into the global registry', async () => {
    await import('@venuekit/binance');
    expect(registry.signerForHost('api.binance.com')?.name).toBe('binance');
    expect(registry.listPlugins().map((p) => p.name)).toContain('@venuekit/binance');
  });

  it("base's generic Client signs with the plugin's signer", async () => {
    const sim = await startBinanceSim();
    const client = new Client({
      baseUrl: sim.httpUrl,
      apis: {
        binance: createCredentials({
          apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
          secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
        }),
      },
      signers: ExchangeRegistry.createIsolated().use(binancePlugin),
      logger: silentLogger,
    });
    try {
      const account = await client.fetch<{ balances: unknown[] }>('GET', '/api/v3/account', {
        auth: 'binance',
      });
      expect(account.data.balances.length).toBeGreaterThan(0);
      const order = await client.fetch<{ status: string }>('POST', '/api/v3/order', {
        auth: 'binance',
        data: { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.001' },
      });
      expect(order.data.status).toBe('FILLED');
      const key = await client.fetch<{ listenKey: string }>('POST', '/fapi/v1/listenKey', {
        auth: 'binance',
      });
      expect(key.data.listenKey.length).toBeGreaterThan(0);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
