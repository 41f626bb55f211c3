// Private event normalizers on Bybit's documented item shapes (bybit.md §7): status and
// time-in-force mapping, stop orders, funding executions skipped, wallet coins as balances,
// flat positions (a hedge-mode close keeps its side), and a clear ValidationError for a broken item
// (an execution's numbers are read like every other parser's: no Infinity, no garbage).
import { describe, expect, it } from 'vitest';
import { balancesFromWire, fillFromWire, orderFromWire, positionFromWire } from '../../src/private/index.js';

const order = {
  category: 'spot',
  symbol: 'BTCUSDT',
  orderId: '1321003749386327552',
  orderLinkId: 'spot-test-postonly',
  side: 'Buy',
  orderType: 'Limit',
  price: '15600',
  qty: '0.1',
  timeInForce: 'PostOnly',
  orderStatus: 'PartiallyFilled',
  avgPrice: '15600',
  cumExecQty: '0.04',
  triggerPrice: '0',
  reduceOnly: false,
  createdTime: '1672364262444',
  updatedTime: '1672364262457',
};

describe('private event normalizers', () => {
  it('orders: status, post-only, amounts as numbers', () => {
    expect(orderFromWire(order)).toMatchObject({
      venue: 'bybit',
      id: '1321003749386327552',
      clientOrderId: 'spot-test-postonly',
      side: 'buy',
      type: 'limit',
      status: 'partially_filled',
      price: 15600,
      quantity: 0.1,
      filledQuantity: 0.04,
      timeInForce: 'GTC',
      postOnly: true,
      createdAt: 1672364262444,
    });
    for (const [wire, status] of [
      ['New', 'open'],
      ['Untriggered', 'open'],
      ['Filled', 'filled'],
      ['Cancelled', 'canceled'],
      ['PartiallyFilledCanceled', 'canceled'],
      ['Deactivated', 'canceled'],
      ['Rejected', 'rejected'],
    ])
      expect(orderFromWire({ ...order, orderStatus: wire }).status).toBe(status);
    expect(orderFromWire(order).triggerPrice).toBeUndefined();
    expect(orderFromWire({ ...order, orderType: 'Market', triggerPrice: '16000' }).type).toBe('stop_market');
    expect(() => orderFromWire({ ...order, side: 'buy' })).toThrow(/side/);
    expect(() => orderFromWire({ ...order, orderStatus: 'Odd' })).toThrow(/orderStatus/);
    expect(() => orderFromWire({ ...order, orderId: '' })).toThrow(/orderId/);
  });

  it('executions: fills with maker / taker, funding skipped', () => {
    const exec = {
      category: 'linear',
      symbol: 'BTCUSDT',
      execId: 'e1',
      execPrice: '16000.5',
      execQty: '0.01',
      execType: 'Trade',
      execFee: '0.096',
      feeCurrency: 'USDT',
      orderId: 'o1',
      orderLinkId: '',
      side: 'Sell',
      execTime: '1672364262474',
      isMaker: true,
    };
    expect(fillFromWire(exec)).toMatchObject({
      id: 'e1',
      price: 16000.5,
      quantity: 0.01,
      fee: 0.096,
      side: 'sell',
      liquidity: 'maker',
      clientOrderId: undefined,
    });
    expect(fillFromWire({ ...exec, execType: 'Funding' })).toBeUndefined();
  });

  it('wallet coins as balances; positions including a flat one', () => {
    const balances = balancesFromWire({
      accountType: 'UNIFIED',
      coin: [
        { coin: 'USDT', walletBalance: '1000', locked: '250' },
        { coin: 'BTC', walletBalance: '0.5', locked: '' },
      ],
    });
    expect(balances).toEqual([
      { venue: 'bybit', asset: 'USDT', free: 750, locked: 250, total: 1000 },
      { venue: 'bybit', asset: 'BTC', free: 0.5, locked: 0, total: 0.5 },
    ]);
    const position = {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Sell',
      size: '0.2',
      avgPrice: '16000',
      markPrice: '15990',
      liqPrice: '',
      unrealisedPnl: '2',
      cumRealisedPnl: '-1',
      leverage: '10',
      tradeMode: 0,
      updatedTime: '1672364262474',
    };
    const parsed = positionFromWire(position);
    expect(parsed.liquidationPrice).toBeUndefined();
    // The stream's items name the entry price `entryPrice` (REST: `avgPrice`); both are read.
    const { avgPrice: _rest, ...wsShape } = position;
    expect(positionFromWire({ ...wsShape, entryPrice: '16000' }).entryPrice).toBe(16000);
    expect(parsed).toMatchObject({
      side: 'short',
      size: 0.2,
      entryPrice: 16000,
      markPrice: 15990,
      unrealizedPnl: 2,
      realizedPnl: -1,
      leverage: 10,
      marginMode: 'cross',
    });
    expect(positionFromWire({ ...position, side: '', size: '0', avgPrice: '0' })).toMatchObject({
      side: 'long',
      size: 0,
      entryPrice: 0,
    });
  });

  it('hedge mode: a closed position keeps its side from positionIdx (1 long, 2 short; 0 one-way)', () => {
    const flat = {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: '',
      size: '0',
      avgPrice: '0',
      positionValue: '',
      unrealisedPnl: '0',
      updatedTime: '1672364262474',
    };
    expect(positionFromWire({ ...flat, positionIdx: 2 })).toMatchObject({ side: 'short', size: 0 });
    expect(positionFromWire({ ...flat, positionIdx: 1 })).toMatchObject({ side: 'long', size: 0 });
    expect(positionFromWire({ ...flat, positionIdx: 0 })).toMatchObject({ side: 'long', size: 0 });
    // An open hedge-mode short reads its side from `side`, as before.
    expect(
      positionFromWire({ ...flat, positionIdx: 2, side: 'Sell', size: '0.1', avgPrice: '16000' }),
    ).toMatchObject({ side: 'short', size: 0.1 });
  });

  it('executions: a non-finite or garbled number is a ValidationError naming the field', () => {
    const exec = {
      category: 'linear',
      symbol: 'BTCUSDT',
      execId: 'e2',
      execPrice: '16000.5',
      execQty: '0.01',
      execType: 'Trade',
      execFee: '0.096',
      orderId: 'o1',
      side: 'Buy',
      execTime: '1672364262474',
    };
    expect(fillFromWire(exec)?.timestamp).toBe(1672364262474);
    expect(() => fillFromWire({ ...exec, execPrice: 'Infinity' })).toThrow(/execPrice/);
    expect(() => fillFromWire({ ...exec, execFee: '1e999' })).toThrow(/execFee/);
    expect(() => fillFromWire({ ...exec, execQty: 'Infinity' })).toThrow(/execQty/);
    expect(() => fillFromWire({ ...exec, execTime: '16723.5' })).toThrow(/execTime/);
    expect(() => fillFromWire({ ...exec, execPrice: '' })).toThrow(/execPrice/);
  });
});
