// User-data events into models, on the payloads Binance documents (binance.md §7,
// binance-usdm.md §6), and BinanceDataStore's routing of them and of REST answers.
import { InitializeError, orderSchema, positionSchema, ValidationError } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import {
  BinanceDataStore,
  balancesFromAccountPosition,
  orderFromExecutionReport,
  orderFromOrderTradeUpdate,
  positionsFromAccountUpdate,
} from '../../src/store/index.js';

const names = { symbol: 'ETHBTC', unifiedSymbol: 'ETH/BTC' };

const executionReport = {
  e: 'executionReport',
  E: 1499405658658,
  s: 'ETHBTC',
  c: 'mUvoqJxFIILMdfAW5iGSOW',
  S: 'BUY',
  o: 'LIMIT',
  f: 'GTC',
  q: '1.00000000',
  p: '0.10264410',
  P: '0.00000000',
  F: '0.00000000',
  g: -1,
  C: '',
  x: 'TRADE',
  X: 'PARTIALLY_FILLED',
  r: 'NONE',
  i: 4293153,
  l: '0.25000000',
  z: '0.25000000',
  L: '0.10264410',
  n: '0',
  N: null,
  T: 1499405658657,
  t: 12,
  I: 8641984,
  w: true,
  m: false,
  M: false,
  O: 1499405658657,
  Z: '0.02566102',
  Y: '0.02566102',
  Q: '0.00000000',
};

describe('user-data events', () => {
  it('turns an executionReport into the order’s state (average price from Z / z)', () => {
    const order = orderFromExecutionReport(executionReport, names);
    expect(orderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      id: '4293153',
      clientOrderId: 'mUvoqJxFIILMdfAW5iGSOW',
      side: 'buy',
      type: 'limit',
      status: 'partially_filled',
      price: 0.1026441,
      quantity: 1,
      filledQuantity: 0.25,
      timeInForce: 'GTC',
      createdAt: 1499405658657,
      updatedAt: 1499405658658,
    });
    expect(order.averagePrice).toBeCloseTo(0.10264408, 8);
    expect(order.triggerPrice).toBeUndefined();
  });

  it('keeps the order’s own client id on a cancel (c is the cancel request’s)', () => {
    const canceled = orderFromExecutionReport(
      { ...executionReport, x: 'CANCELED', X: 'CANCELED', c: 'cancel-req', C: 'mUvoqJxFIILMdfAW5iGSOW' },
      names,
    );
    expect(canceled).toMatchObject({ status: 'canceled', clientOrderId: 'mUvoqJxFIILMdfAW5iGSOW' });
  });

  it('turns ORDER_TRADE_UPDATE into an order (GTX is post-only, R reduce-only)', () => {
    const order = orderFromOrderTradeUpdate(
      {
        e: 'ORDER_TRADE_UPDATE',
        E: 1568879465651,
        T: 1568879465650,
        o: {
          s: 'BTCUSDT',
          c: 'TEST',
          S: 'SELL',
          o: 'LIMIT',
          f: 'GTX',
          q: '0.001',
          p: '9910',
          ap: '0',
          sp: '0',
          x: 'NEW',
          X: 'NEW',
          i: 8886774,
          l: '0',
          z: '0',
          L: '0',
          T: 1568879465650,
          t: 0,
          R: true,
          ps: 'BOTH',
        },
      },
      { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' },
    );
    expect(orderSchema.parse(order)).toEqual(order);
    expect(order).toMatchObject({
      id: '8886774',
      side: 'sell',
      status: 'open',
      postOnly: true,
      reduceOnly: true,
      price: 9910,
    });
    expect(order.averagePrice).toBeUndefined();
  });

  it('reads balances and positions, and refuses garbled amounts', () => {
    expect(
      balancesFromAccountPosition({
        e: 'outboundAccountPosition',
        B: [{ a: 'ETH', f: '10000.000000', l: '1.5' }],
      }),
    ).toEqual([{ venue: 'binance', asset: 'ETH', free: 10_000, locked: 1.5, total: 10_001.5 }]);
    const changes = positionsFromAccountUpdate(
      {
        e: 'ACCOUNT_UPDATE',
        E: 1,
        T: 2,
        a: {
          m: 'ORDER',
          B: [],
          P: [
            { s: 'BTCUSDT', pa: '-0.5', ep: '30000', cr: '1', up: '-2', mt: 'isolated', iw: '5', ps: 'BOTH' },
            { s: 'ETHUSDT', pa: '0', ep: '0', cr: '0', up: '0', mt: 'cross', iw: '0', ps: 'LONG' },
          ],
        },
      },
      (symbol) => ({ symbol, unifiedSymbol: symbol }),
    );
    expect(changes[0]).toMatchObject({
      open: true,
      position: { side: 'short', size: 0.5, entryPrice: 30000, marginMode: 'isolated', updatedAt: 2 },
    });
    if (changes[0]!.open) expect(positionSchema.parse(changes[0]!.position)).toEqual(changes[0]!.position);
    expect(changes[1]).toEqual({ open: false, symbol: 'ETHUSDT', positionSide: 'LONG' });
    expect(() => orderFromExecutionReport({ ...executionReport, q: 'lots' }, names)).toThrow(ValidationError);
  });
});

describe('BinanceDataStore routing', () => {
  it('takes wrapped and bare messages, and removes an order once it is final', () => {
    const store = new BinanceDataStore();
    store.onmessage({ subscriptionId: 0, event: { ...executionReport, x: 'NEW', X: 'NEW', z: '0', Z: '0' } });
    expect(store.orders.get({ symbol: 'ETHBTC', id: '4293153' })?.status).toBe('open');
    store.onmessage({ ...executionReport, x: 'TRADE', X: 'FILLED', z: '1', Z: '0.1' });
    expect(store.orders.size).toBe(0);
    store.onmessage({
      stream: 'ethbtc@bookTicker',
      data: { u: 1, s: 'ETHBTC', b: '0.1', B: '2', a: '0.2', A: '3' },
    });
    expect(store.ticker.get({ symbol: 'ETHBTC' })).toMatchObject({ bid: 0.1, ask: 0.2, askSize: 3 });
    store.onmessage({ id: 7, status: 200, result: {} }); // WS API answers are ignored
    store.onmessage('not an object');
  });

  it('initialize reports responses it cannot route, and a depth answer without its URL', async () => {
    const store = new BinanceDataStore();
    const error = await store
      .initialize(
        { path: '/api/v3/ticker/price', data: {} },
        { path: '/api/v3/depth', data: { lastUpdateId: 1, bids: [], asks: [] } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InitializeError);
    expect((error as InitializeError).failures.map((f) => f.path)).toEqual([
      '/api/v3/ticker/price',
      '/api/v3/depth',
    ]);
  });
});
