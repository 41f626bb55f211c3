// USD-M order modification through @venuekit/binance against the simulator. The adapter has no
// named modify call: REST goes through `BinanceRestClient.request('PUT', '/fapi/v1/order')` and
// the WS API through `BinanceWsApi.request('order.modify')`, both of which already know the
// endpoint counts on the ORDERS limits. Checked here: the modified order comes back, the ORDERS
// usage moves, Binance's refusals arrive as typed errors with their code, and the listenKey user
// data reports the AMENDMENT as an order event with the new price and quantity. Everything runs
// on one FakeClock that never advances, so the ORDERS windows cannot roll over mid-test.
import { FakeClock, OrderNotFoundError, type Order, silentLogger } from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinanceRestClient, type OrderWire } from '../../src/rest/index.js';
import { type OrderEvent, UsdmUserDataStream } from '../../src/user-data/index.js';
import { BinanceWsApi } from '../../src/ws-api/index.js';
import {
  type BinanceSim,
  DOC_CREDENTIALS,
  nextEvent,
  rejectionOf,
  startBinanceSim,
} from '../ws-api/ws-api-helpers.js';

describe('USD-M order modify via @venuekit/binance (PUT /fapi/v1/order, order.modify)', () => {
  let sim: BinanceSim;
  let rest: BinanceRestClient;
  let stream: UsdmUserDataStream;
  let farBid: string;
  const clock = new FakeClock(1_700_000_001_000);

  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'usdm', clock, symbols: [{ symbol: 'BTCUSDT', levels: 100 }] });
    rest = new BinanceRestClient({
      market: 'usdm',
      baseUrl: sim.httpUrl,
      credentials: DOC_CREDENTIALS,
      clock,
      logger: silentLogger,
    });
    stream = new UsdmUserDataStream({
      rest,
      streamUrl: sim.wsUrl,
      heartbeat: false,
      reconnect: { initialDelayMs: 10, jitter: 0 },
      logger: silentLogger,
    });
    await stream.start();
    farBid = (Number(sim.bookSnapshot('BTCUSDT', 'usdm').bids[0]![0]) - 800).toFixed(1);
  });
  afterAll(async () => {
    await stream?.stop();
    await rest?.close();
    await sim?.close();
  });

  const resting = (clientId: string) =>
    rest.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.010',
      price: farBid,
      newClientOrderId: clientId,
    });

  it('REST: modifies by origClientOrderId, counts on ORDERS, and the user stream reports AMENDMENT', async () => {
    const placed = await resting('adapter-mod-1');
    const ordersBefore = rest.limiter.state()['ORDERS:10S']?.used ?? 0;
    const amended = nextEvent<[OrderEvent]>(stream, 'order', (e) => e.execType === 'AMENDMENT');
    const newPrice = (Number(farBid) - 10).toFixed(1);
    const wire = await rest.request<OrderWire>('PUT', '/fapi/v1/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: 'adapter-mod-1',
      side: 'BUY',
      quantity: '0.020',
      price: newPrice,
    });
    expect(wire).toMatchObject({
      orderId: placed.orderId,
      clientOrderId: 'adapter-mod-1',
      status: 'NEW',
      origQty: '0.020',
      price: `${newPrice}0`,
    });
    expect(rest.limiter.state()['ORDERS:10S']?.used).toBe(ordersBefore + 1);
    const [event] = await amended;
    expect(event.order).toMatchObject<Partial<Order>>({
      id: String(placed.orderId),
      clientOrderId: 'adapter-mod-1',
      status: 'open',
      price: Number(newPrice),
      quantity: 0.02,
      filledQuantity: 0,
    });
    expect(event.fill).toBeUndefined();
  });

  it("REST: Binance's refusals keep their code (-5027 nothing to change, -2013 unknown order)", async () => {
    const placed = await resting('adapter-mod-2');
    const same = {
      symbol: 'BTCUSDT',
      orderId: placed.orderId,
      side: 'BUY',
      quantity: '0.010',
      price: farBid,
    };
    const noop = await rejectionOf(rest.request('PUT', '/fapi/v1/order', same));
    expect(noop).toMatchObject({ code: -5027, venue: 'binance' });
    const gone = await rejectionOf(rest.request('PUT', '/fapi/v1/order', { ...same, orderId: 1 }));
    expect(gone).toBeInstanceOf(OrderNotFoundError);
    expect(gone).toMatchObject({ code: -2013 });
  });

  it('WS API: order.modify (HMAC-signed per request) modifies and updates the ORDERS usage from rateLimits', async () => {
    const placed = await resting('adapter-mod-3');
    await using api = new BinanceWsApi({
      market: 'usdm',
      url: `${sim.wsUrl}/ws-fapi/v1`,
      credentials: DOC_CREDENTIALS,
      clock,
      logger: silentLogger,
      reconnect: { initialDelayMs: 10, maxDelayMs: 100, jitter: 0 },
    });
    await api.start();
    const [askPrice, askQty] = sim.bookSnapshot('BTCUSDT', 'usdm').asks[0]!;
    // At most what the best ask holds (and above the 100 USDT minimum), so the fill is complete.
    const quantity = Math.max(0.002, Math.min(0.01, Number(askQty))).toFixed(3);
    const fills = nextEvent<[OrderEvent]>(stream, 'order', (e) => e.fill !== undefined);
    const result = await api.request<OrderWire>('order.modify', {
      symbol: 'BTCUSDT',
      orderId: placed.orderId,
      side: 'BUY',
      quantity,
      price: askPrice,
    });
    // The new price crosses the best ask: the order takes liquidity like a new one.
    expect(result).toMatchObject({ orderId: placed.orderId, status: 'FILLED', executedQty: quantity });
    const [fill] = await fills;
    expect(fill.fill).toMatchObject({ orderId: String(placed.orderId), liquidity: 'taker' });
    const usage = Object.fromEntries(api.rateLimitUsage().map((u) => [u.rule, u]));
    // This file's 3 placements and 4 modifications so far, as the server counted them.
    expect(usage['ORDERS:10S']?.used).toBe(7);
    const again = await rejectionOf(
      api.request('order.modify', {
        symbol: 'BTCUSDT',
        orderId: placed.orderId,
        side: 'BUY',
        quantity,
        price: farBid,
      }),
    );
    expect(again).toBeInstanceOf(OrderNotFoundError);
    expect(again).toMatchObject({ code: -2013 });
  });
});
