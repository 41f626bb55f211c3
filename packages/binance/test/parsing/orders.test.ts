// Orders and fills from Binance's documented payloads, and user orders into Binance order
// parameters on the instrument's grid.
import {
  fillSchema,
  InvalidOrderError,
  NotSupportedError,
  orderSchema,
  ValidationError,
} from '@venuekit/base';
import {
  buildOrderParams,
  type OrderWire,
  orderStatus,
  parseAccountTrade,
  parseInstrument,
  parseOrder,
  parseOrderFills,
} from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';

const btcusdt = parseInstrument('spot', {
  symbol: 'BTCUSDT',
  status: 'TRADING',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  filters: [
    { filterType: 'PRICE_FILTER', tickSize: '0.01000000' },
    { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
    { filterType: 'NOTIONAL', minNotional: '5.00000000' },
  ],
});
const perp = parseInstrument('usdm', {
  symbol: 'BTCUSDT',
  status: 'TRADING',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  marginAsset: 'USDT',
  contractType: 'PERPETUAL',
  filters: [
    { filterType: 'PRICE_FILTER', tickSize: '0.10' },
    { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
    { filterType: 'MIN_NOTIONAL', notional: '100' },
  ],
});

const fullAnswer: OrderWire = {
  symbol: 'BTCUSDT',
  orderId: 28,
  orderListId: -1,
  clientOrderId: '6gCrw2kRUAF9CvJDGP16IP',
  transactTime: 1507725176595,
  price: '0.00000000',
  origQty: '10.00000000',
  executedQty: '10.00000000',
  origQuoteOrderQty: '0.000000',
  cummulativeQuoteQty: '10.00000000',
  status: 'FILLED',
  timeInForce: 'GTC',
  type: 'MARKET',
  side: 'SELL',
  workingTime: 1507725176595,
  selfTradePreventionMode: 'NONE',
  fills: [
    {
      price: '4000.00000000',
      qty: '1.00000000',
      commission: '4.00000000',
      commissionAsset: 'USDT',
      tradeId: 56,
    },
    {
      price: '3999.00000000',
      qty: '5.00000000',
      commission: '19.99500000',
      commissionAsset: 'USDT',
      tradeId: 57,
    },
  ],
};

describe('orders in', () => {
  it('parses a Spot FULL answer and its fills', () => {
    const order = parseOrder(fullAnswer, btcusdt, 'spot');
    expect(order).toMatchObject({
      id: '28',
      side: 'sell',
      type: 'market',
      status: 'filled',
      price: undefined,
      quantity: 10,
      filledQuantity: 10,
      averagePrice: 1,
      createdAt: 1507725176595,
      updatedAt: 1507725176595,
    });
    expect(orderSchema.safeParse(order).success).toBe(true);
    const fills = parseOrderFills(fullAnswer, btcusdt);
    expect(fills.map((f) => [f.id, f.price, f.quantity, f.fee, f.liquidity])).toEqual([
      ['56', 4000, 1, 4, 'taker'],
      ['57', 3999, 5, 19.995, 'taker'],
    ]);
    for (const f of fills) expect(fillSchema.safeParse(f).success).toBe(true);
  });

  it('reads a hedge-mode closing order (SELL on LONG, BUY on SHORT) as reduce-only', () => {
    const hedge = (side: 'BUY' | 'SELL', positionSide: string) =>
      parseOrder(
        {
          symbol: 'BTCUSDT',
          orderId: 7,
          clientOrderId: 'h',
          price: '50000',
          origQty: '0.01',
          executedQty: '0',
          cumQuote: '0',
          avgPrice: '0',
          status: 'NEW',
          timeInForce: 'GTC',
          type: 'LIMIT',
          side,
          reduceOnly: false, // what Binance reports in hedge mode
          positionSide,
          time: 1579276756075,
          updateTime: 1579276756075,
        },
        perp,
        'usdm',
      ).reduceOnly;
    expect([hedge('SELL', 'LONG'), hedge('BUY', 'SHORT')]).toEqual([true, true]);
    expect([hedge('BUY', 'LONG'), hedge('SELL', 'SHORT'), hedge('SELL', 'BOTH')]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('parses a USD-M order with avgPrice, GTX as post-only and reduceOnly', () => {
    const order = parseOrder(
      {
        symbol: 'BTCUSDT',
        orderId: 1917641,
        clientOrderId: 'abc',
        price: '0.10',
        origQty: '10',
        executedQty: '2',
        cumQuote: '0.2',
        avgPrice: '0.10000',
        status: 'PARTIALLY_FILLED',
        timeInForce: 'GTX',
        type: 'LIMIT',
        side: 'BUY',
        reduceOnly: true,
        stopPrice: '0',
        time: 1579276756075,
        updateTime: 1579276756080,
      },
      perp,
      'usdm',
    );
    expect(order).toMatchObject({
      status: 'partially_filled',
      averagePrice: 0.1,
      postOnly: true,
      reduceOnly: true,
      timeInForce: 'GTC',
      triggerPrice: undefined,
    });
    expect(order.updatedAt).toBe(1579276756080);
  });

  it('maps every documented status and refuses an unknown one', () => {
    expect(
      [
        'NEW',
        'PENDING_NEW',
        'PARTIALLY_FILLED',
        'FILLED',
        'CANCELED',
        'REJECTED',
        'EXPIRED',
        'EXPIRED_IN_MATCH',
      ].map(orderStatus),
    ).toEqual(['open', 'open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'expired']);
    expect(() => orderStatus('HALF_DONE')).toThrow(ValidationError);
  });

  it('parses account trades of both markets as fills', () => {
    const spot = parseAccountTrade(
      {
        symbol: 'BNBBTC',
        id: 28457,
        orderId: 100234,
        orderListId: -1,
        price: '4.00000100',
        qty: '12.00000000',
        quoteQty: '48.000012',
        commission: '10.10000000',
        commissionAsset: 'BNB',
        time: 1499865549590,
        isBuyer: true,
        isMaker: false,
        isBestMatch: true,
      },
      btcusdt,
    );
    expect(spot).toMatchObject({ side: 'buy', liquidity: 'taker', fee: 10.1, orderId: '100234' });
    const futures = parseAccountTrade(
      {
        symbol: 'BTCUSDT',
        id: 698759,
        orderId: 25851813,
        price: '7819.01',
        qty: '0.002',
        quoteQty: '15.63802',
        commission: '-0.07819010',
        commissionAsset: 'USDT',
        time: 1569514978020,
        buyer: false,
        maker: true,
        side: 'SELL',
        positionSide: 'SHORT',
        realizedPnl: '-0.91539999',
      },
      perp,
    );
    expect(futures).toMatchObject({ side: 'sell', liquidity: 'maker', fee: -0.0781901 });
    expect(fillSchema.safeParse(futures).success).toBe(true);
  });
});

describe('orders out', () => {
  it('puts a limit buy on the grid, rounding the price down and the quantity down', () => {
    expect(
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.123456789, price: 65000.129 },
        btcusdt,
      ),
    ).toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.12345',
      price: '65000.12',
      newOrderRespType: 'FULL',
    });
    const sell = buildOrderParams(
      {
        symbol: 'BTCUSDT',
        side: 'sell',
        type: 'limit',
        quantity: '0.1',
        price: 0.1 + 0.2 + 65000,
        clientOrderId: 'my-1',
      },
      btcusdt,
    );
    expect(sell).toMatchObject({ price: '65000.30', quantity: '0.10000', newClientOrderId: 'my-1' });
    const up = buildOrderParams(
      { symbol: 'BTCUSDT', side: 'sell', type: 'limit', quantity: 1, price: 65000.301 },
      btcusdt,
    );
    expect(up.price).toBe('65000.31');
  });

  it('uses LIMIT_MAKER for Spot post-only and GTX for USD-M post-only', () => {
    expect(
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1, price: 100, postOnly: true },
        btcusdt,
      ),
    ).toMatchObject({ type: 'LIMIT_MAKER' });
    expect(
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1, price: 100, postOnly: true },
        btcusdt,
      ).timeInForce,
    ).toBeUndefined();
    expect(
      buildOrderParams(
        {
          symbol: 'BTCUSDT',
          side: 'sell',
          type: 'limit',
          quantity: 1,
          price: 100,
          postOnly: true,
          reduceOnly: true,
        },
        perp,
      ),
    ).toMatchObject({
      type: 'LIMIT',
      timeInForce: 'GTX',
      reduceOnly: 'true',
      newOrderRespType: 'RESULT',
    });
  });

  it('maps Spot stop orders and refuses USD-M conditional ones', () => {
    expect(
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'sell', type: 'stop_limit', quantity: 1, price: 90, triggerPrice: 91.004 },
        btcusdt,
      ),
    ).toMatchObject({
      type: 'STOP_LOSS_LIMIT',
      stopPrice: '91.00',
      price: '90.00',
      timeInForce: 'GTC',
    });
    expect(() =>
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'sell', type: 'stop_market', quantity: 1, triggerPrice: 91 },
        perp,
      ),
    ).toThrow(NotSupportedError);
  });

  it('refuses orders Binance would reject, before sending them', () => {
    expect(() =>
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.000001, price: 100 },
        btcusdt,
      ),
    ).toThrow(InvalidOrderError);
    expect(() =>
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 0.001, price: 100 },
        btcusdt,
      ),
    ).toThrow(/minimum notional/);
    expect(() =>
      buildOrderParams(
        { symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1, price: 100, reduceOnly: true },
        btcusdt,
      ),
    ).toThrow(/reduce-only/);
    expect(() =>
      buildOrderParams(
        {
          symbol: 'BTCUSDT',
          side: 'buy',
          type: 'limit',
          quantity: 1,
          price: 100,
          clientOrderId: 'has space?' as never,
        },
        btcusdt,
      ),
    ).toThrow(ValidationError);
    expect(() =>
      buildOrderParams({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: 1 } as never, btcusdt),
    ).toThrow(/price/);
  });
});
