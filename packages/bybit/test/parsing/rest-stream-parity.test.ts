// One parser per model (review P1-6, P2-12): an order or wallet item reads the same whether it
// came from REST (`/v5/order/realtime`, `/v5/account/wallet-balance`) or from the private stream
// (`order`, `wallet`), whose items carry the same fields plus `category` / `feeCurrency`
// (bybit.md §7). Fixed cases for the known disagreements, then a property over generated items.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrder, parseWalletBalances } from '../../src/parsing/index.js';
import { balancesFromWire, orderFromWire } from '../../src/private/index.js';
import type { OrderWire, WalletWire } from '../../src/rest/wire-types.js';

const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' };
const streamNames = () => names;

const restOrder: OrderWire = {
  orderId: '1321003749386327552',
  orderLinkId: 'tp-1',
  symbol: 'BTCUSDT',
  side: 'Sell',
  orderType: 'Market',
  price: '30500.5',
  qty: '0.2',
  orderStatus: 'Untriggered',
  timeInForce: 'IOC',
  avgPrice: '',
  cumExecQty: '0',
  cumExecValue: '0',
  triggerPrice: '31000',
  stopOrderType: 'TakeProfit',
  reduceOnly: true,
  createdTime: '1672364262444',
  updatedTime: '1672364262457',
};
const streamOrder = (item: OrderWire) => ({ ...item, category: 'linear', feeCurrency: '', closedPnl: '0' });

describe('REST and stream parse alike', () => {
  it('a take-profit market order: same type, no price (Bybit fills market orders at its slippage cap)', () => {
    const fromRest = parseOrder(restOrder, names);
    expect(fromRest).toMatchObject({ type: 'take_profit_market', triggerPrice: 31000, reduceOnly: true });
    expect(fromRest.price).toBeUndefined();
    expect(orderFromWire(streamOrder(restOrder), streamNames)).toEqual(fromRest);
  });

  it('a filled market order without avgPrice: the average from cumExecValue on both paths', () => {
    const filled = {
      ...restOrder,
      orderStatus: 'Filled',
      stopOrderType: '',
      triggerPrice: '0',
      cumExecQty: '0.2',
      cumExecValue: '6100',
    };
    expect(parseOrder(filled, names).averagePrice).toBe(30500);
    expect(orderFromWire(streamOrder(filled), streamNames)).toEqual(parseOrder(filled, names));
  });

  it('a wallet item: locked counts open orders’ margin (totalOrderIM) on both paths', () => {
    const wallet: WalletWire = {
      accountType: 'UNIFIED',
      coin: [{ coin: 'USDT', walletBalance: '1000', locked: '100', totalOrderIM: '50' }],
    };
    expect(parseWalletBalances([wallet])).toEqual([
      { venue: 'bybit', asset: 'USDT', free: 850, locked: 150, total: 1000 },
    ]);
    expect(balancesFromWire({ ...wallet })).toEqual(parseWalletBalances([wallet]));
  });

  it('property: any order item gives the same Order from REST and from the stream', () => {
    const decimal = fc.oneof(
      fc.constant(''),
      fc.constant('0'),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => String(n / 1000)),
    );
    const item = fc.record({
      orderId: fc.stringMatching(/^[0-9]{1,19}$/),
      orderLinkId: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9_-]{1,36}$/)),
      symbol: fc.constant('BTCUSDT'),
      side: fc.constantFrom('Buy' as const, 'Sell' as const),
      orderType: fc.constantFrom('Market', 'Limit'),
      price: decimal,
      qty: fc.integer({ min: 1, max: 1_000_000 }).map((n) => String(n / 1000)),
      orderStatus: fc.constantFrom(
        'New',
        'PartiallyFilled',
        'Filled',
        'Cancelled',
        'Untriggered',
        'Rejected',
      ),
      timeInForce: fc.constantFrom('GTC', 'IOC', 'FOK', 'PostOnly'),
      avgPrice: decimal,
      cumExecQty: decimal,
      cumExecValue: decimal,
      triggerPrice: decimal,
      stopOrderType: fc.constantFrom('', 'TakeProfit', 'StopLoss', 'Stop', 'PartialTakeProfit', 'tpslOrder'),
      reduceOnly: fc.boolean(),
      createdTime: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map(String),
      updatedTime: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map(String),
    });
    fc.assert(
      fc.property(item, (wire) => {
        expect(orderFromWire(streamOrder(wire), streamNames)).toEqual(parseOrder(wire, names));
      }),
      { numRuns: 300 },
    );
  });
});
