// Instrument, order and market-data schemas: defaults, derived fields, and the messages a user
// gets for bad input (each naming the field and the expected form).
import {
  InvalidOrderError,
  ValidationError,
  balanceSchema,
  barSchema,
  checkOrderMinimums,
  createInstrument,
  fillSchema,
  formatPrice,
  formatQuantity,
  orderBookSchema,
  orderSchema,
  parseOrderRequest,
  positionSchema,
  tickerSchema,
  tradeSchema,
  unifiedSymbol,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';

const btc = createInstrument({
  venue: 'acme',
  symbol: 'BTCUSDT',
  unifiedSymbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  type: 'spot',
  tickSize: 0.01,
  stepSize: 0.00001,
  minQty: 0.0001,
  minNotional: 5,
});

describe('Instrument', () => {
  it('fills defaults and derives precisions from the steps', () => {
    expect(btc.pricePrecision).toBe(2);
    expect(btc.qtyPrecision).toBe(5);
    expect(btc.active).toBe(true);
    expect(btc.contractSize).toBe(1);
    const perp = createInstrument({
      ...btc,
      symbol: 'BTC-PERP',
      unifiedSymbol: 'BTC/USDT:USDT',
      type: 'perp',
      tickSize: 0.5,
      stepSize: 1e-8,
    });
    expect([perp.pricePrecision, perp.qtyPrecision]).toEqual([1, 8]);
  });

  it('names the bad field', () => {
    expect(() => createInstrument({ ...btc, tickSize: 0 })).toThrow(ValidationError);
    expect(() => createInstrument({ ...btc, tickSize: 0 })).toThrow(
      /^Invalid instrument "BTCUSDT": tickSize: /,
    );
    expect(() => createInstrument({ ...btc, unifiedSymbol: 'BTCUSDT' })).toThrow(
      /unifiedSymbol: expected a unified symbol such as "BTC\/USDT"/,
    );
    expect(() => createInstrument({ ...btc, type: 'option' as 'spot' })).toThrow(/type: /);
  });

  it('builds unified symbols ccxt style', () => {
    expect(unifiedSymbol({ base: 'BTC', quote: 'USDT', type: 'spot' })).toBe('BTC/USDT');
    expect(unifiedSymbol({ base: 'BTC', quote: 'USDT', type: 'perp' })).toBe('BTC/USDT:USDT');
    expect(unifiedSymbol({ base: 'BTC', quote: 'USD', settle: 'BTC', type: 'perp' })).toBe('BTC/USD:BTC');
    expect(
      unifiedSymbol({
        base: 'BTC',
        quote: 'USD',
        settle: 'BTC',
        type: 'future',
        expiry: Date.UTC(2025, 2, 28, 8),
      }),
    ).toBe('BTC/USD:BTC-250328');
  });

  it('formats prices (round) and quantities (floor) on the instrument grid', () => {
    expect(formatPrice(btc, 43123.456)).toBe('43123.46');
    expect(formatPrice(btc, 43123.456, 'floor')).toBe('43123.45');
    expect(formatQuantity(btc, 0.123456789)).toBe('0.12345');
    expect(formatQuantity(btc, 0.1 + 0.2)).toBe('0.30000');
  });

  it('refuses orders below the minimums before the venue does', () => {
    expect(() => checkOrderMinimums(btc, '0.00005', '43000')).toThrow(InvalidOrderError);
    expect(() => checkOrderMinimums(btc, '0.00005', '43000')).toThrow(
      /quantity 0.00005 is below the minimum 0.0001/,
    );
    expect(() => checkOrderMinimums(btc, '0.0001', '43000')).toThrow(
      /order value 4.3 is below the minimum notional 5/,
    );
    expect(() => checkOrderMinimums(btc, formatQuantity(btc, 0.000001), 43000)).toThrow(/must be positive/);
    expect(() => checkOrderMinimums({ ...btc, maxQty: 10 }, 11, 1)).toThrow(/above the maximum 10/);
    expect(() => checkOrderMinimums(btc, '0.001', '43000')).not.toThrow();
    expect(() => checkOrderMinimums(btc, '0.001')).not.toThrow();
  });
});

describe('OrderRequest', () => {
  it('accepts consistent orders, numbers or decimal text', () => {
    expect(
      parseOrderRequest({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: '0.001',
        price: 43000,
        postOnly: true,
      }),
    ).toMatchObject({
      quantity: '0.001',
      price: 43000,
    });
    expect(
      parseOrderRequest({ symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: 1, timeInForce: 'IOC' })
        .type,
    ).toBe('market');
    expect(
      parseOrderRequest({
        symbol: 'BTCUSDT',
        side: 'sell',
        type: 'stop_limit',
        quantity: 1,
        price: 1,
        triggerPrice: 2,
        reduceOnly: true,
      }),
    ).toMatchObject({ triggerPrice: 2 });
  });

  it.each([
    [{ symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1 }, /price: required for limit orders/],
    [
      { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 1, price: 5 },
      /price: not allowed for market orders/,
    ],
    [
      { symbol: 'BTCUSDT', side: 'buy', type: 'stop_market', quantity: 1 },
      /triggerPrice: required for stop_market orders/,
    ],
    [
      { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1, price: 1, triggerPrice: 1 },
      /triggerPrice: not allowed for limit/,
    ],
    [
      { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: -1, price: 1 },
      /quantity: expected a positive number or decimal text such as "0.01", got -1/,
    ],
    [{ symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: '1,5', price: 1 }, /quantity: .* got "1,5"/],
    [{ symbol: 'BTCUSDT', side: 'long', type: 'limit', quantity: 1, price: 1 }, /side: /],
    [{ symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: 1, price: 1 }, /qty/],
    [
      {
        symbol: 'BTCUSDT',
        side: 'buy',
        type: 'limit',
        quantity: 1,
        price: 1,
        postOnly: true,
        timeInForce: 'IOC',
      },
      /postOnly: cannot be combined with timeInForce 'IOC'/,
    ],
    [
      { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 1, postOnly: true },
      /postOnly: not allowed for market orders/,
    ],
    [
      { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1, price: 1, clientOrderId: 'has space' },
      /clientOrderId: expected 1–64 printable ASCII/,
    ],
    [{ symbol: '', side: 'buy', type: 'market', quantity: 1 }, /symbol: expected a symbol/],
  ])('refuses %j', (input, message) => {
    expect(() => parseOrderRequest(input)).toThrow(ValidationError);
    expect(() => parseOrderRequest(input)).toThrow(message);
    expect(() => parseOrderRequest(input)).toThrow(/^Invalid order: /);
  });

  it('lists the fields at fault in details', () => {
    try {
      parseOrderRequest({ symbol: 'X', side: 'buy', type: 'limit', quantity: 0 });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).details).toEqual({ fields: ['quantity', 'price'] });
    }
  });
});

describe('market data and account schemas', () => {
  const ids = { venue: 'acme', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };

  it('accepts well-formed values', () => {
    expect(tickerSchema.parse({ ...ids, bid: 1, ask: 2, last: 1.5, timestamp: 1 }).bid).toBe(1);
    expect(
      tradeSchema.parse({ ...ids, id: '1', price: 1, quantity: 2, side: 'buy', timestamp: 1 }).side,
    ).toBe('buy');
    expect(
      barSchema.parse({
        ...ids,
        interval: '1m',
        openTime: 0,
        open: 1,
        high: 2,
        low: 1,
        close: 2,
        volume: 3,
        closed: true,
      }).closed,
    ).toBe(true);
    expect(balanceSchema.parse({ venue: 'acme', asset: 'BTC', free: 1, locked: 0, total: 1 }).total).toBe(1);
    expect(
      positionSchema.parse({ ...ids, side: 'long', size: 1, entryPrice: 10, unrealizedPnl: -1, updatedAt: 1 })
        .side,
    ).toBe('long');
    const order = orderSchema.parse({
      ...ids,
      id: '9',
      side: 'buy',
      type: 'limit',
      status: 'open',
      price: 1,
      quantity: 1,
      filledQuantity: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    expect([order.postOnly, order.reduceOnly]).toEqual([false, false]);
    expect(
      fillSchema.parse({
        ...ids,
        id: 't',
        orderId: '9',
        side: 'buy',
        price: 1,
        quantity: 1,
        fee: -0.01,
        timestamp: 1,
      }).fee,
    ).toBe(-0.01);
  });

  it('checks order book sides are sorted best first', () => {
    const book = {
      ...ids,
      timestamp: 1,
      bids: [
        [101, 1],
        [100, 2],
      ],
      asks: [
        [102, 1],
        [103, 1],
      ],
    };
    expect(orderBookSchema.parse(book).bids[0]).toEqual([101, 1]);
    const badBids = orderBookSchema.safeParse({
      ...book,
      bids: [
        [100, 1],
        [101, 1],
      ],
    });
    expect(badBids.success).toBe(false);
    expect(badBids.error?.issues[0]?.message).toMatch(/bids must be sorted best first \(descending/);
    expect(badBids.error?.issues[0]?.path).toEqual(['bids', 1, 0]);
    expect(
      orderBookSchema.safeParse({
        ...book,
        asks: [
          [103, 1],
          [102, 1],
        ],
      }).success,
    ).toBe(false);
    expect(orderBookSchema.safeParse({ ...book, asks: [[102, -1]] }).success).toBe(false);
    expect(tickerSchema.safeParse({ ...ids, bid: Number.NaN, timestamp: 1 }).success).toBe(false);
  });
});
