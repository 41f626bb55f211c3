// The USD-M example of docs/binance-ws-api.md ("USD-M futures"), run as a test so it cannot rot.
// Keep the two in step.
import { generateKeyPairSync } from 'node:crypto';
import { BinanceWsApi } from '@venuekit/binance';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';

describe('docs/binance-ws-api.md USD-M example', () => {
  it('trades USD-M futures over ws-fapi/v1 with a logged-on session', async () => {
    const log: string[] = [];
    // --- example start ---
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const apiKey = 'DocsUsdmEd25519Key00000000000000000000000000000000000000000000001';
    const secret = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ed25519PublicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await using sim = await startBinanceSim({ market: 'usdm', apiKeys: [{ apiKey, ed25519PublicKeyPem }] });

    // In production: drop `url`; `market: 'usdm'` picks wss://ws-fapi.binance.com/ws-fapi/v1.
    await using api = new BinanceWsApi({
      market: 'usdm',
      url: `${sim.wsUrl}/ws-fapi/v1`,
      credentials: { apiKey, secret },
    });
    await api.start(); // connect and session.logon (Ed25519); USD-M has no `time`: no clock sync here
    log.push(`logged on: ${api.loggedOn}`);

    const order = await api.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.010',
      price: '20000',
      newClientOrderId: 'docs-usdm-1',
    });
    const status = await api.orderStatus({ symbol: 'BTCUSDT', origClientOrderId: 'docs-usdm-1' });
    log.push(`order ${status.clientOrderId}: ${status.status}`);
    const canceled = await api.cancelOrder({ symbol: 'BTCUSDT', orderId: order.orderId });
    log.push(`order ${canceled.clientOrderId}: ${canceled.status}`);

    const usdt = (await api.accountBalance()).find((b) => b.asset === 'USDT');
    log.push(`USDT available: ${usdt?.availableBalance}`);
    for (const u of api.rateLimitUsage()) log.push(`${u.rule}: ${u.used}/${u.limit}`);
    // --- example end ---
    expect(log).toEqual([
      'logged on: true',
      'order docs-usdm-1: NEW',
      'order docs-usdm-1: CANCELED',
      expect.stringMatching(/^USDT available: \d+(\.\d+)?$/),
      // handshake 5 + logon 2 + order.place 0 + order.status 1 + order.cancel 1 + account.balance 5
      'REQUEST_WEIGHT:1M: 14/2400',
      'ORDERS:1M: 1/1200',
      'ORDERS:10S: 1/300',
    ]);
  });
});
