// Order bodies and order parsing: the spot market-buy trap (marketUnit), exact decimal text on the
// instrument's grid, PostOnly, trigger directions, orderLinkId rules, reduce-only, and Bybit's
// order statuses; a property test that formatted quantities stay on the step grid.
import { ValidationError } from '@venuekit/base';
import { buildOrderBody, orderStatus, parseOrder } from '@venuekit/bybit/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const grid = { tickSize: 0.01, stepSize: 0.000001 };

describe('buildOrderBody', () => {
  it('sizes spot market orders in the base coin unless asked otherwise', () => {
    expect(
      buildOrderBody('spot', { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.01 }),
    ).toEqual({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      qty: '0.01',
      marketUnit: 'baseCoin',
    });
    expect(
      buildOrderBody(
        'spot',
        { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 50 },
        { marketUnit: 'quoteCoin' },
      ),
    ).toMatchObject({
      qty: '50',
      marketUnit: 'quoteCoin',
    });
    expect(
      buildOrderBody('linear', { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.01 }),
    ).not.toHaveProperty('marketUnit');
  });

  it('formats limit orders on the grid, with PostOnly as the time in force', () => {
    expect(
      buildOrderBody(
        'spot',
        {
          symbol: 'BTCUSDT',
          side: 'sell',
          type: 'limit',
          quantity: 0.1 + 0.2,
          price: 65000.123,
          postOnly: true,
          clientOrderId: 'my-order_1',
        },
        { instrument: grid },
      ),
    ).toEqual({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Sell',
      orderType: 'Limit',
      qty: '0.300000',
      price: '65000.12',
      timeInForce: 'PostOnly',
      orderLinkId: 'my-order_1',
    });
  });

  it('sets triggerDirection: stops trigger against the position, take-profits with it', () => {
    const stopSell = buildOrderBody('linear', {
      symbol: 'BTCUSDT',
      side: 'sell',
      type: 'stop_market',
      quantity: 1,
      triggerPrice: 60000,
    });
    expect(stopSell).toMatchObject({ triggerPrice: '60000', triggerDirection: 2, orderType: 'Market' });
    const stopBuy = buildOrderBody('linear', {
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'stop_limit',
      quantity: 1,
      price: 70100,
      triggerPrice: 70000,
    });
    expect(stopBuy).toMatchObject({ triggerDirection: 1, orderType: 'Limit', timeInForce: 'GTC' });
    const tpSell = buildOrderBody('spot', {
      symbol: 'BTCUSDT',
      side: 'sell',
      type: 'take_profit_market',
      quantity: 1,
      triggerPrice: 80000,
    });
    expect(tpSell).toMatchObject({ triggerDirection: 1, orderFilter: 'StopOrder' });
  });

  it('refuses what Bybit cannot take, naming the field', () => {
    expect(() =>
      buildOrderBody('spot', {
        symbol: 'BTCUSDT',
        side: 'buy',
        type: 'limit',
        quantity: 1,
        price: 1,
        clientOrderId: 'has.dot',
      }),
    ).toThrow(/clientOrderId/);
    expect(() =>
      buildOrderBody('spot', {
        symbol: 'BTCUSDT',
        side: 'buy',
        type: 'market',
        quantity: 1,
        reduceOnly: true,
      }),
    ).toThrow(ValidationError);
    expect(
      buildOrderBody('linear', {
        symbol: 'BTCUSDT',
        side: 'sell',
        type: 'market',
        quantity: 1,
        reduceOnly: true,
      }),
    ).toMatchObject({ reduceOnly: true });
    expect(() =>
      buildOrderBody('spot', { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1 } as never),
    ).toThrow(/price/);
  });

  it('property: quantities are exact decimal text on the step grid', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.000001, max: 1000, noNaN: true }), (q) => {
        const { qty } = buildOrderBody(
          'spot',
          { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: q, price: 1 },
          { instrument: grid },
        );
        expect(String(qty)).toMatch(/^\d+(\.\d{1,6})?$/);
        expect(Number(qty)).toBeLessThanOrEqual(q + 1e-9);
      }),
    );
  });
});

describe('parseOrder', () => {
  const item = {
    orderId: '1321003749386327552',
    orderLinkId: 'spot-test-postonly',
    symbol: 'BTCUSDT',
    side: 'Buy' as const,
    orderType: 'Limit',
    price: '15600',
    qty: '0.1',
    orderStatus: 'PartiallyFilled',
    timeInForce: 'PostOnly',
    avgPrice: '15600',
    cumExecQty: '0.05',
    cumExecValue: '780',
    triggerPrice: '0',
    createdTime: '1684738540559',
    updatedTime: '1684738540561',
  };
  it('parses an order of /v5/order/realtime', () => {
    expect(parseOrder(item, { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' })).toEqual({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      id: '1321003749386327552',
      clientOrderId: 'spot-test-postonly',
      side: 'buy',
      type: 'limit',
      status: 'partially_filled',
      price: 15600,
      quantity: 0.1,
      filledQuantity: 0.05,
      averagePrice: 15600,
      timeInForce: 'GTC',
      postOnly: true,
      reduceOnly: false,
      createdAt: 1684738540559,
      updatedAt: 1684738540561,
    });
  });
  it('derives the average price when avgPrice is empty, and maps stop orders', () => {
    const o = parseOrder(
      { ...item, avgPrice: '', orderType: 'Market', triggerPrice: '15000', stopOrderType: 'StopLoss' },
      { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' },
    );
    expect(o.averagePrice).toBe(15600);
    expect(o.type).toBe('stop_market');
    expect(o.price).toBeUndefined();
  });
  it('maps every Bybit status and refuses unknown ones', () => {
    expect(
      [
        'New',
        'PartiallyFilled',
        'Untriggered',
        'Rejected',
        'PartiallyFilledCanceled',
        'Filled',
        'Cancelled',
        'Triggered',
        'Deactivated',
      ].map(orderStatus),
    ).toEqual([
      'open',
      'partially_filled',
      'open',
      'rejected',
      'canceled',
      'filled',
      'canceled',
      'open',
      'canceled',
    ]);
    expect(() => orderStatus('Weird')).toThrow(ValidationError);
  });
});
