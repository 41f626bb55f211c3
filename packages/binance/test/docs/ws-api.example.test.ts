// The examples of docs/binance-ws-api.md, run as tests so they cannot rot. Keep them in step.
import { generateKeyPairSync } from 'node:crypto';
import { RateLimitError } from '@venuekit/base';
import { BinanceWsApi, SpotUserDataStream } from '@venuekit/binance';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';

describe('docs/binance-ws-api.md examples', () => {
  it('trades over the WS API session and follows the orders on the user-data stream', async () => {
    const log: string[] = [];
    // --- example start ---
    // An Ed25519 API key: Binance recommends them, and only they can `session.logon`.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const apiKey = 'DocsEd25519Key0000000000000000000000000000000000000000000000000001';
    const secret = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

    // A local Binance that knows the key; in production, drop `url` (or set `environment`).
    const ed25519PublicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await using sim = await startBinanceSim({ market: 'spot', apiKeys: [{ apiKey, ed25519PublicKeyPem }] });

    await using api = new BinanceWsApi({ url: `${sim.wsUrl}/ws-api/v3`, credentials: { apiKey, secret } });
    api.on('status', (s) => log.push(`status: operational=${s.operational} orders=${s.orderHandling}`));
    await api.start(); // connect, sync the clock with `time`, session.logon
    log.push(`logged on: ${api.loggedOn}`);

    // The account's events arrive on the same connection; read before placing orders.
    await using userData = new SpotUserDataStream(api);
    await userData.start();
    const updates = (async () => {
      for await (const order of userData.orders()) {
        log.push(`order ${order.clientOrderId}: ${order.status}`);
        if (order.status === 'canceled') break;
      }
    })();

    const order = await api.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.1',
      price: '1000',
      newClientOrderId: 'docs-1',
    });
    await api.cancelOrder({ symbol: 'BTCUSDT', orderId: order.orderId });
    await updates;

    // Any other method: the session adds timestamp and signature (none needed after logon).
    const fees = await api.request<{ commissionRates: { maker: string } }>('account.status');
    log.push(`maker fee: ${fees.commissionRates.maker}`);
    // --- example end ---
    expect(log).toEqual([
      'status: operational=true orders=true',
      'logged on: true',
      'order docs-1: open',
      'order docs-1: canceled',
      `maker fee: ${fees.commissionRates.maker}`,
    ]);
  });

  it('goes out of service before a limit would be exceeded', async () => {
    const log: string[] = [];
    await using sim = await startBinanceSim({ market: 'spot', limits: { ordersPerDay: 3 } });
    const credentials = {
      apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
      secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
    };
    // --- example start ---
    await using api = new BinanceWsApi({ url: `${sim.wsUrl}/ws-api/v3`, credentials });
    await api.start();
    const limit = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '1000',
    } as const;
    for (let i = 1; i <= 4; i++) {
      try {
        await api.placeOrder({ ...limit, quantity: '0.1' });
        log.push(`order ${i}: placed, orderHandling=${api.orderHandling}`);
      } catch (error) {
        if (!(error instanceof RateLimitError)) throw error;
        // Refused before sending: nothing reached Binance. Wait `retryAfterMs` (or the status event).
        log.push(`order ${i}: refused (${api.status.ordersReason}, ${api.status.limit})`);
      }
    }
    // --- example end ---
    expect(log).toEqual([
      'order 1: placed, orderHandling=true',
      'order 2: placed, orderHandling=true',
      'order 3: placed, orderHandling=false',
      'order 4: refused (order-limit, ORDERS:1D)',
    ]);
    expect(sim.violations).toBe(0);
  });
});
