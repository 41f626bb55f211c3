// The user-data event parsers on Binance-shaped fixtures (protocols/binance.md §7,
// binance-usdm.md §6) and as properties over generated decimal fields; and the stream's tolerance
// of malformed events (reported as errors, the next event still handled).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountUpdateWire,
  type ExecutionReportWire,
  type OrderTradeUpdateWire,
  parseAccountPosition,
  parseExecutionReport,
  parseFuturesAccountBalances,
  parseFuturesAccountPositions,
  parseOrderTradeUpdate,
  type UserDataEventWire,
  UserDataStream,
} from '../../src/user-data/index.js';

const BTC = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };

function executionReport(overrides: Partial<ExecutionReportWire> = {}): ExecutionReportWire {
  return {
    e: 'executionReport',
    E: 1499405658658,
    s: 'BTCUSDT',
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
    l: '0.40000000',
    z: '0.40000000',
    L: '0.10264400',
    n: '0.00040000',
    N: 'BTC',
    T: 1499405658657,
    t: 718,
    I: 8641984,
    w: true,
    m: true,
    M: false,
    O: 1499405658600,
    Z: '0.04105760',
    Y: '0.04105760',
    Q: '0.00000000',
    ...overrides,
  };
}

const orderTradeUpdate: OrderTradeUpdateWire = {
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
    ap: '9910',
    sp: '0',
    x: 'TRADE',
    X: 'FILLED',
    i: 8886774,
    l: '0.001',
    z: '0.001',
    L: '9910',
    N: 'USDT',
    n: '-0.00198200',
    T: 1568879465650,
    t: 1568879,
    m: true,
    R: true,
    ps: 'BOTH',
    rp: '0',
  },
};

const accountUpdate: AccountUpdateWire = {
  e: 'ACCOUNT_UPDATE',
  E: 1564745798939,
  T: 1564745798938,
  a: {
    m: 'ORDER',
    B: [{ a: 'USDT', wb: '122624.12345678', cw: '100.12345678', bc: '50.12345678' }],
    P: [
      {
        s: 'BTCUSDT',
        pa: '0',
        ep: '0.00000',
        bep: '0',
        cr: '200',
        up: '0',
        mt: 'isolated',
        iw: '0.00000000',
        ps: 'BOTH',
      },
      {
        s: 'BTCUSDT',
        pa: '20',
        ep: '6563.66500',
        bep: '6563.6',
        cr: '0',
        up: '2850.21200',
        mt: 'isolated',
        iw: '13200.70726908',
        ps: 'LONG',
      },
      {
        s: 'BTCUSDT',
        pa: '-10',
        ep: '6563.86000',
        bep: '6563.6',
        cr: '-45.04000000',
        up: '-1423.15600',
        mt: 'isolated',
        iw: '6570.42511771',
        ps: 'SHORT',
      },
    ],
  },
};

describe('user-data event parsing', () => {
  it('turns an executionReport trade into the order state and its fill', () => {
    const { order, fill, execType } = parseExecutionReport(executionReport(), BTC);
    expect(execType).toBe('TRADE');
    expect(order).toEqual({
      venue: 'binance',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      id: '4293153',
      clientOrderId: 'mUvoqJxFIILMdfAW5iGSOW',
      side: 'buy',
      type: 'limit',
      status: 'partially_filled',
      price: 0.1026441,
      triggerPrice: undefined,
      quantity: 1,
      filledQuantity: 0.4,
      averagePrice: 0.0410576 / 0.4,
      timeInForce: 'GTC',
      postOnly: false,
      reduceOnly: false,
      createdAt: 1499405658600,
      updatedAt: 1499405658657,
    });
    expect(fill).toEqual({
      venue: 'binance',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      id: '718',
      orderId: '4293153',
      clientOrderId: 'mUvoqJxFIILMdfAW5iGSOW',
      side: 'buy',
      price: 0.102644,
      quantity: 0.4,
      fee: 0.0004,
      feeAsset: 'BTC',
      liquidity: 'maker',
      timestamp: 1499405658657,
    });
  });

  it('keeps the original client id on a cancel, and reports no fill for non-trades', () => {
    const { order, fill } = parseExecutionReport(
      executionReport({
        x: 'CANCELED',
        X: 'CANCELED',
        c: 'cancel-req',
        C: 'original',
        l: '0.00000000',
        t: -1,
      }),
      BTC,
    );
    expect(order).toMatchObject({ status: 'canceled', clientOrderId: 'original' });
    expect(fill).toBeUndefined();
  });

  it('turns ORDER_TRADE_UPDATE into a post-only reduce-only order and a maker fill with a rebate', () => {
    const { order, fill } = parseOrderTradeUpdate(orderTradeUpdate, BTC);
    expect(order).toMatchObject({
      id: '8886774',
      side: 'sell',
      status: 'filled',
      price: 9910,
      averagePrice: 9910,
      postOnly: true,
      reduceOnly: true,
      timeInForce: 'GTC',
    });
    expect(order.triggerPrice).toBeUndefined();
    expect(fill).toMatchObject({
      id: '1568879',
      price: 9910,
      quantity: 0.001,
      fee: -0.001982,
      feeAsset: 'USDT',
      liquidity: 'maker',
    });
  });

  it('turns ACCOUNT_UPDATE into wallet balances and hedge-mode positions (flat ones with size 0)', () => {
    expect(parseFuturesAccountBalances(accountUpdate)).toEqual([
      {
        venue: 'binance',
        asset: 'USDT',
        total: 122624.12345678,
        free: 100.12345678,
        locked: 122624.12345678 - 100.12345678,
      },
    ]);
    const positions = parseFuturesAccountPositions(accountUpdate, () => BTC);
    expect(positions.map((p) => [p.side, p.size, p.marginMode])).toEqual([
      ['long', 0, 'isolated'],
      ['long', 20, 'isolated'],
      ['short', 10, 'isolated'],
    ]);
    expect(positions[2]).toMatchObject({
      entryPrice: 6563.86,
      unrealizedPnl: -1423.156,
      realizedPnl: -45.04,
      updatedAt: 1564745798938,
    });
  });

  it('parses any well-formed decimal fields exactly as Number() reads them (property)', () => {
    const decimal = fc
      .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 8 }))
      .map(([units, scale]) => (units / 10 ** scale).toFixed(scale));
    fc.assert(
      fc.property(decimal, decimal, decimal, decimal, (q, z, Z, f) => {
        const { order } = parseExecutionReport(executionReport({ q, z, Z, x: 'NEW', X: 'NEW' }), BTC);
        expect(order.quantity).toBe(Number(q));
        expect(order.filledQuantity).toBe(Number(z));
        if (Number(z) > 0 && Number(Z) > 0) expect(order.averagePrice).toBe(Number(Z) / Number(z));
        else expect(order.averagePrice).toBeUndefined();
        const [balance] = parseAccountPosition({
          e: 'outboundAccountPosition',
          u: 1,
          B: [{ a: 'BTC', f, l: q }],
        });
        expect(balance).toEqual({
          venue: 'binance',
          asset: 'BTC',
          free: Number(f),
          locked: Number(q),
          total: Number(f) + Number(q),
        });
      }),
    );
  });
});

class Probe extends UserDataStream {
  feed(event: UserDataEventWire): string {
    return this.handleEvent(event);
  }
}

describe('UserDataStream', () => {
  it('reports a malformed event as an error and handles the next one', () => {
    const stream = new Probe();
    const errors: Error[] = [];
    const raw: string[] = [];
    const statuses: string[] = [];
    stream.on('error', (e) => errors.push(e));
    stream.on('event', (e) => raw.push(e.e));
    stream.on('order', ({ order }) => statuses.push(order.status));
    stream.feed({ ...executionReport(), X: 'SOMETHING_NEW' } as UserDataEventWire);
    stream.feed({ ...executionReport(), q: 'garbage' } as UserDataEventWire);
    stream.feed(executionReport() as UserDataEventWire);
    expect(raw).toEqual(['executionReport', 'executionReport', 'executionReport']);
    expect(errors.map((e) => e.name)).toEqual(['ValidationError', 'ValidationError']);
    expect(errors[1]?.message).toContain('executionReport.q');
    expect(statuses).toEqual(['partially_filled']);
  });

  it('keeps one one-way position per symbol (a flip replaces it) and hedge sides apart', () => {
    const stream = new Probe();
    const update = (P: AccountUpdateWire['a']['P']): AccountUpdateWire => ({
      e: 'ACCOUNT_UPDATE',
      E: 1,
      T: 1,
      a: { m: 'ORDER', B: [], P },
    });
    stream.feed(update([{ s: 'BTCUSDT', pa: '0.5', ep: '100', up: '0', ps: 'BOTH' }]));
    stream.feed(update([{ s: 'BTCUSDT', pa: '-0.2', ep: '101', up: '0', ps: 'BOTH' }]));
    expect(stream.positions().map((p) => [p.side, p.size])).toEqual([['short', 0.2]]);
    stream.feed(update([{ s: 'BTCUSDT', pa: '0', ep: '0', up: '0', ps: 'BOTH' }]));
    expect(stream.positions()).toEqual([]);
    stream.feed(
      update([
        { s: 'ETHUSDT', pa: '1', ep: '10', up: '0', ps: 'LONG' },
        { s: 'ETHUSDT', pa: '-2', ep: '11', up: '0', ps: 'SHORT' },
      ]),
    );
    expect(stream.positions().map((p) => [p.side, p.size])).toEqual([
      ['long', 1],
      ['short', 2],
    ]);
  });

  it('applies a balanceUpdate delta to a known balance', () => {
    const stream = new Probe();
    stream.seedBalances([{ venue: 'binance', asset: 'USDT', free: 100, locked: 5, total: 105 }]);
    const changes: unknown[] = [];
    stream.on('balances', (b) => changes.push(b));
    stream.feed({ e: 'balanceUpdate', E: 1, a: 'USDT', d: '-40.5', T: 2 });
    stream.feed({ e: 'balanceUpdate', E: 1, a: 'DOGE', d: '7', T: 2 }); // unknown asset: only the delta event
    expect(changes).toEqual([[{ venue: 'binance', asset: 'USDT', free: 59.5, locked: 5, total: 64.5 }]]);
  });
});
