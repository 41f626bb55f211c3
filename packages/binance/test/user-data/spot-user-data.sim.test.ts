// Spot user data over the WebSocket API against the simulator: events of orders placed over REST
// (HMAC key: userDataStream.subscribe.signature) and over the WS API (Ed25519 key: logon, then
// userDataStream.subscribe) normalized to Order / Fill / Balance, and the subscription renewed
// after a dropped connection before the session is back in service.
import { type Balance, type Fill, type Order, silentLogger, type StreamRestored } from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceRestClient } from '../../src/rest/index.js';
import { SpotUserDataStream, type UserDataResync } from '../../src/user-data/index.js';
import {
  type BinanceSim,
  DOC_CREDENTIALS,
  ed25519Credentials,
  nextEvent,
  simSession,
  startBinanceSim,
} from '../ws-api/ws-api-helpers.js';

/** Reads `iterator` until `done(value)`; the first read starts the subscription at once. */
async function readUntil<T>(iterator: AsyncIterator<T>, done: (value: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) throw new Error('the stream ended early');
    out.push(next.value);
    if (done(next.value)) return out;
  }
}

const names = (symbol: string) => (symbol === 'BTCUSDT' ? { symbol, unifiedSymbol: 'BTC/USDT' } : undefined);

describe('Spot user data over the WS API', () => {
  const ed = ed25519Credentials();
  let sim: BinanceSim;
  let rest: BinanceRestClient;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'spot', apiKeys: [DOC_CREDENTIALS, ed.simKey] });
    rest = new BinanceRestClient({
      baseUrl: sim.httpUrl,
      credentials: DOC_CREDENTIALS,
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await rest.close();
    await sim.close();
  });

  it('normalizes the events of an order placed and cancelled over REST (HMAC key)', async () => {
    await using api = simSession(sim);
    await api.start();
    await using stream = new SpotUserDataStream(api, { namesOf: names, logger: silentLogger });
    await stream.start();
    expect(stream.subscriptionId).toBe(0);
    const raw: string[] = [];
    stream.on('event', (e) => raw.push(e.e));
    const orders = readUntil<Order>(stream.orders(), (o) => o.status === 'canceled');
    const balances = readUntil<Balance[]>(stream.balanceUpdates(), (b) =>
      b.some((x) => x.asset === 'USDT' && x.locked === 0),
    );
    const placed = await rest.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.2',
      price: '1000',
      newClientOrderId: 'ud-rest-1',
    });
    await rest.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId });
    const seen = await orders;
    expect(seen.map((o) => o.status)).toEqual(['open', 'canceled']);
    expect(seen[0]).toMatchObject({
      venue: 'binance',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      id: String(placed.orderId),
      clientOrderId: 'ud-rest-1',
      side: 'buy',
      type: 'limit',
      price: 1000,
      quantity: 0.2,
      filledQuantity: 0,
      timeInForce: 'GTC',
    });
    expect(seen[1]?.clientOrderId).toBe('ud-rest-1'); // the original id, not the cancel's own
    const changes = await balances;
    expect(changes[0]?.find((b) => b.asset === 'USDT')?.locked).toBe(200);
    expect(stream.balances().find((b) => b.asset === 'USDT')?.locked).toBe(0);
    expect(raw).toContain('executionReport');
    expect(raw).toContain('outboundAccountPosition');
  });

  it('logs on (Ed25519), subscribes, and reports a WS API market order as an order, a fill and balances', async () => {
    await using api = simSession(sim, { credentials: ed.credentials });
    await api.start();
    expect(api.loggedOn).toBe(true);
    await using stream = new SpotUserDataStream(api, { namesOf: names, logger: silentLogger });
    await stream.start();
    const fills = readUntil<Fill>(stream.fills(), () => true);
    const filled = readUntil<Order>(stream.orders(), (o) => o.status === 'filled');
    const placed = await api.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.001',
    });
    expect(placed.status).toBe('FILLED');
    const [fill] = await fills;
    expect(fill).toMatchObject({
      orderId: String(placed.orderId),
      side: 'buy',
      quantity: expect.any(Number),
      feeAsset: 'BTC',
      liquidity: 'taker',
    });
    expect(fill!.price).toBeGreaterThan(0);
    const last = (await filled).at(-1)!;
    expect(last).toMatchObject({ status: 'filled', type: 'market', filledQuantity: 0.001 });
    expect(last.averagePrice).toBeGreaterThan(0);
  });

  it('renews the subscription after a drop, before the session is back in service', async () => {
    await using api = simSession(sim, { credentials: ed.credentials });
    await api.start();
    await using stream = new SpotUserDataStream(api, { logger: silentLogger });
    await stream.start();
    const resync = nextEvent<[UserDataResync]>(stream, 'resync');
    const restored = nextEvent<[StreamRestored]>(stream, 'restored');
    const back = nextEvent(api, 'open');
    const droppedAt = api.clock.now();
    sim.faults.dropAll();
    const [info] = await resync;
    expect(info.reason).toBe('reconnected');
    expect(api.operationalStatus).toBe(false); // the step ran before `open`
    // Base's common payload too, with the window nothing was pushed (the session's server clock).
    const [r] = await restored;
    expect(r).toMatchObject({ connection: 1, topics: ['userData'] });
    expect(r.downSince).toBeGreaterThanOrEqual(droppedAt);
    expect(r.downtimeMs).toBeGreaterThanOrEqual(0);
    expect(r.downSince! + r.downtimeMs!).toBeLessThanOrEqual(api.clock.now());
    await back;
    const orders = readUntil<Order>(stream.orders(), (o) => o.clientOrderId === 'after-drop');
    await api.placeOrder({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01',
      price: '900000',
      newClientOrderId: 'after-drop',
    });
    expect((await orders).at(-1)).toMatchObject({
      clientOrderId: 'after-drop',
      status: 'open',
      side: 'sell',
    });
    await stream.stop();
    expect((await api.sessionStatus()).userDataStream).toBe(false);
  });
});
