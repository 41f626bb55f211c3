// Instruments (spot, perpetual, dated future) and account state (unified wallet coins, positions)
// from protocol-file fixtures.
import {
  parseInstrument,
  parseInstruments,
  parsePosition,
  parseWalletBalances,
} from '@venuekit/bybit/plugin';
import { describe, expect, it } from 'vitest';

describe('instruments', () => {
  it('spot: step from basePrecision, minimum amount as minNotional', () => {
    const i = parseInstrument(
      {
        symbol: 'BTCUSDT',
        status: 'Trading',
        baseCoin: 'BTC',
        quoteCoin: 'USDT',
        lotSizeFilter: {
          basePrecision: '0.000001',
          quotePrecision: '0.00000001',
          minOrderQty: '0.000048',
          maxOrderQty: '71.73956',
          minOrderAmt: '1',
          maxOrderAmt: '2000000',
        },
        priceFilter: { tickSize: '0.01' },
      },
      'spot',
    );
    expect(i).toMatchObject({
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      type: 'spot',
      tickSize: 0.01,
      stepSize: 0.000001,
      minQty: 0.000048,
      maxQty: 71.73956,
      minNotional: 1,
      active: true,
      tickSizeText: '0.01',
      category: 'spot',
    });
  });
  it('linear: perpetual and dated future', () => {
    const base = {
      status: 'Trading',
      baseCoin: 'BTC',
      quoteCoin: 'USDT',
      settleCoin: 'USDT',
      lotSizeFilter: { qtyStep: '0.001', minOrderQty: '0.001', maxOrderQty: '1190', minNotionalValue: '5' },
      priceFilter: { tickSize: '0.10' },
    };
    expect(
      parseInstrument(
        { ...base, symbol: 'BTCUSDT', contractType: 'LinearPerpetual', deliveryTime: '0' },
        'linear',
      ),
    ).toMatchObject({
      unifiedSymbol: 'BTC/USDT:USDT',
      type: 'perp',
      settle: 'USDT',
      stepSize: 0.001,
      minNotional: 5,
    });
    const future = parseInstrument(
      {
        ...base,
        symbol: 'BTCUSDT-27JUN25',
        contractType: 'LinearFutures',
        deliveryTime: String(Date.UTC(2025, 5, 27, 8)),
      },
      'linear',
    );
    expect(future).toMatchObject({ type: 'future', unifiedSymbol: 'BTC/USDT:USDT-250627' });
  });
  it('skips and reports items that cannot be instruments', () => {
    const bad: string[] = [];
    const list = parseInstruments(
      [
        {
          symbol: 'BAD',
          status: 'Trading',
          baseCoin: 'B',
          quoteCoin: 'A',
          lotSizeFilter: {},
          priceFilter: { tickSize: '0.1' },
        },
      ],
      'spot',
      (s) => bad.push(s),
    );
    expect(list).toEqual([]);
    expect(bad).toEqual(['BAD']);
  });
});

describe('account', () => {
  it('wallet coins: total = walletBalance, locked = spot locks + order margin', () => {
    expect(
      parseWalletBalances([
        {
          accountType: 'UNIFIED',
          coin: [
            { coin: 'USDT', walletBalance: '1000', locked: '100', totalOrderIM: '50' },
            { coin: 'BTC', walletBalance: '0.5', locked: '' },
          ],
        },
      ]),
    ).toEqual([
      { venue: 'bybit', asset: 'USDT', free: 850, locked: 150, total: 1000 },
      { venue: 'bybit', asset: 'BTC', free: 0.5, locked: 0, total: 0.5 },
    ]);
  });
  it('positions: empty slots are skipped; sides and modes mapped', () => {
    const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' };
    expect(
      parsePosition({ symbol: 'BTCUSDT', side: '', size: '0', avgPrice: '0' }, names, 1),
    ).toBeUndefined();
    expect(
      parsePosition(
        {
          symbol: 'BTCUSDT',
          side: 'Sell',
          size: '0.5',
          avgPrice: '60000',
          markPrice: '59000',
          liqPrice: '',
          leverage: '10',
          unrealisedPnl: '500',
          cumRealisedPnl: '-3',
          tradeMode: 1,
          updatedTime: '1700000000000',
        },
        names,
        1,
      ),
    ).toEqual({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT:USDT',
      side: 'short',
      size: 0.5,
      entryPrice: 60000,
      markPrice: 59000,
      unrealizedPnl: 500,
      realizedPnl: -3,
      leverage: 10,
      marginMode: 'isolated',
      updatedAt: 1700000000000,
    });
  });
});
