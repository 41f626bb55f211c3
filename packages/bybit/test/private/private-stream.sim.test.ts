// BybitPrivateStream against the Bybit simulator over loopback: auth accepted and refused, order /
// execution / wallet / position events normalized to models after orders placed over REST,
// reconnect → re-auth → resubscribe, malformed frames tolerated.
import {
  type Balance,
  balanceSchema,
  FakeClock,
  fillSchema,
  type Order,
  orderSchema,
  positionSchema,
} from '@venuekit/base';
import { BYBIT_SIM_DEFAULT_KEY, startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { parseOrder, parseWalletBalances } from '../../src/parsing/index.js';
import { BybitPrivateStream, type BybitPrivateStreamEvents } from '../../src/private/index.js';
import type { OrderWire, WalletWire } from '../../src/rest/wire-types.js';
import { signedGet, signedPost } from './signed-rest.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const credentials = { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret };

async function setup(secret = credentials.secret) {
  const sim = await startBybitSim();
  cleanups.push(() => sim.close());
  const stream = new BybitPrivateStream({
    credentials: { apiKey: credentials.apiKey, secret },
    url: sim.urls.private,
    reconnect: { initialDelayMs: 5, maxDelayMs: 50, jitter: 0 },
    symbolNames: (symbol, category) => ({
      symbol,
      unifiedSymbol: category === 'linear' ? 'BTC/USDT:USDT' : 'BTC/USDT',
    }),
  });
  cleanups.push(() => stream.close());
  return { sim, stream };
}

describe('BybitPrivateStream', () => {
  it('authenticates, subscribes, and normalizes order / execution / wallet / position events', async () => {
    const { sim, stream } = await setup();
    const orders: unknown[] = [];
    const fills: unknown[] = [];
    const balances: unknown[][] = [];
    const positions: unknown[] = [];
    stream.on('order', (o) => orders.push(o));
    stream.on('fill', (f) => fills.push(f));
    stream.on('balances', (b) => balances.push(b));
    stream.on('position', (p) => positions.push(p));
    await stream.connect();
    expect(stream.isConnected).toBe(true);
    expect(stream.authentications).toBe(1);
    const ask = +sim.bookSnapshot('linear', 'BTCUSDT', 1).asks[0]![0];
    const placed = await signedPost(sim.httpUrl, '/v5/order/create', {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.01',
      price: String(ask),
      orderLinkId: 'take-1',
    });
    expect(placed.retCode).toBe(0);
    await until(() => fills.length > 0 && positions.length > 0 && balances.length > 0, 'the events');
    for (const o of orders) orderSchema.parse(o);
    for (const f of fills) fillSchema.parse(f);
    for (const b of balances.flat()) balanceSchema.parse(b);
    for (const p of positions) positionSchema.parse(p);
    expect(orders.at(-1)).toMatchObject({
      clientOrderId: 'take-1',
      side: 'buy',
      type: 'limit',
      unifiedSymbol: 'BTC/USDT:USDT',
    });
    expect(fills[0]).toMatchObject({ clientOrderId: 'take-1', side: 'buy', liquidity: 'taker' });
    expect(positions.at(-1)).toMatchObject({ side: 'long', size: 0.01 });
  });

  it('stream and REST give the same Order and the same balances for the same state (one parser each)', async () => {
    const { sim, stream } = await setup();
    const orders: Order[] = [];
    const balances: Balance[][] = [];
    stream.on('order', (o) => orders.push(o));
    stream.on('balances', (b) => balances.push(b));
    await stream.connect();
    // A resting linear buy: its initial margin is held (totalOrderIM), which REST and the stream
    // must both count as locked, or `free` jumps between the first (REST) and later (stream) items.
    const bid = +sim.bookSnapshot('linear', 'BTCUSDT', 1).bids[0]![0];
    const placed = await signedPost(sim.httpUrl, '/v5/order/create', {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.01',
      price: String(Math.floor(bid * 0.9)),
      orderLinkId: 'rest-vs-stream',
    });
    expect(placed.retCode).toBe(0);
    sim.flushOrders();
    await until(
      () => orders.some((o) => o.clientOrderId === 'rest-vs-stream') && balances.length > 0,
      'the order and wallet events',
    );
    const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' };
    const listed = await signedGet(
      sim.httpUrl,
      '/v5/order/realtime',
      'category=linear&symbol=BTCUSDT&orderLinkId=rest-vs-stream',
    );
    const wire = (listed.data as { result: { list: OrderWire[] } }).result.list[0]!;
    expect(orders.at(-1)).toEqual(parseOrder(wire, names));
    const wallet = await signedGet(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED');
    const fromRest = parseWalletBalances((wallet.data as { result: { list: WalletWire[] } }).result.list);
    const usdt = (list: Balance[]) => list.find((b) => b.asset === 'USDT');
    expect(usdt(fromRest)!.locked).toBeGreaterThan(0);
    expect(usdt(balances.at(-1)!)).toEqual(usdt(fromRest));
  });

  it('a refused key fails connect() with AuthenticationError and nothing keeps retrying', async () => {
    const { sim, stream } = await setup('wrong-secret');
    await expect(stream.connect()).rejects.toMatchObject({ name: 'AuthenticationError', venue: 'bybit' });
    expect(stream.isConnected).toBe(false);
    const opened = sim.stats.wsConnectionsOpened;
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.stats.wsConnectionsOpened).toBe(opened);
  });

  it('reconnect → re-auth → resubscribe; events flow again; malformed frames are tolerated', async () => {
    const { sim, stream } = await setup();
    const errors: Error[] = [];
    stream.on('error', (e) => errors.push(e));
    const orders: Array<{ clientOrderId?: string }> = [];
    stream.on('order', (o) => orders.push(o));
    await stream.connect();
    sim.faults.sendMalformed(2);
    sim.disconnectAll();
    await until(() => stream.authentications === 2 && stream.isConnected, 're-authentication');
    // The simulator only pushes to subscribed topics: an order event proves the resubscribe.
    let placed = false;
    await until(() => {
      if (!placed) {
        placed = true;
        void signedPost(sim.httpUrl, '/v5/order/create', {
          category: 'spot',
          symbol: 'BTCUSDT',
          side: 'Buy',
          orderType: 'Limit',
          qty: '0.001',
          price: '1000',
          orderLinkId: 'after-reconnect',
        });
      }
      return orders.some((o) => o.clientOrderId === 'after-reconnect');
    }, 'an order event after the reconnect');
  });

  it('restored after a dropped connection: re-auth, resubscribe, then the event with the downtime; an order placed while down is not pushed', async () => {
    const sim = await startBybitSim();
    cleanups.push(() => sim.close());
    const clock = new FakeClock(Date.now()); // holds the reconnect until the test moves time
    const stream = new BybitPrivateStream({
      credentials,
      url: sim.urls.private,
      clock,
      reconnect: { initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0 },
    });
    cleanups.push(() => stream.close());
    const log: string[] = [];
    const orders: string[] = [];
    stream.on('authenticated', ({ count }) => log.push(`authenticated ${count}`));
    stream.on('connectionClose', () => log.push('connectionClose'));
    stream.on('order', (o) => orders.push(o.clientOrderId ?? ''));
    const restored = new Promise<BybitPrivateStreamEvents['restored']>((resolve) =>
      stream.on('restored', (r) => {
        log.push('restored');
        resolve(r);
      }),
    );
    await stream.connect();
    const closed = new Promise((resolve) => stream.events.once('connectionClose', resolve));
    const downAt = clock.now();
    sim.faults.dropAll();
    await closed;
    expect(stream.isConnected).toBe(false);
    const placed = await signedPost(sim.httpUrl, '/v5/order/create', {
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: '1000',
      orderLinkId: 'while-down',
    });
    expect(placed.retCode).toBe(0);
    sim.flushOrders();
    clock.advance(1000); // the reconnect delay
    const r = await restored;
    expect(r).toEqual({
      connection: expect.any(Number),
      topics: expect.any(Array),
      topicCount: 4,
      downSince: downAt,
      downtimeMs: 1000,
    });
    expect([...r.topics].sort()).toEqual(['execution', 'order', 'position', 'wallet']);
    expect(log).toEqual(['authenticated 1', 'connectionClose', 'authenticated 2', 'restored']);
    expect(stream.isConnected).toBe(true);
    expect(orders).not.toContain('while-down'); // what REST reconciliation is for
  });

  it('watchOrders ends cleanly on abort', async () => {
    const { sim, stream } = await setup();
    const abort = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const o of stream.watchOrders({ signal: abort.signal })) {
        seen.push(o.status);
        if (o.status === 'open') abort.abort();
      }
    })();
    await until(() => stream.isConnected, 'connected');
    await signedPost(sim.httpUrl, '/v5/order/create', {
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: '1000',
    });
    await loop;
    expect(seen).toContain('open');
  });
});
