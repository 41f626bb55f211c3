// Balances and positions from Binance's documented account payloads (Spot and USD-M).
import { balanceSchema, positionSchema } from '@venuekit/base';
import {
  parseFuturesBalances,
  parseInstrument,
  parsePositions,
  parseSpotBalances,
} from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';

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
  ],
});

describe('account', () => {
  it('parses Spot balances, leaving zero ones out by default', () => {
    const account = {
      canTrade: true,
      updateTime: 123456789,
      accountType: 'SPOT',
      balances: [
        { asset: 'BTC', free: '4723846.89208129', locked: '0.00000000' },
        { asset: 'LTC', free: '4763368.68006011', locked: '1.00000000' },
        { asset: 'ETH', free: '0.00000000', locked: '0.00000000' },
      ],
    };
    const balances = parseSpotBalances(account);
    expect(balances.map((b) => [b.asset, b.total])).toEqual([
      ['BTC', 4723846.89208129],
      ['LTC', 4763369.68006011],
    ]);
    expect(parseSpotBalances(account, { includeZero: true })).toHaveLength(3);
    for (const b of balances) expect(balanceSchema.safeParse(b).success).toBe(true);
  });

  it('parses USD-M balances: wallet balance as total, availableBalance as free', () => {
    const [usdt] = parseFuturesBalances([
      {
        accountAlias: 'SgsR',
        asset: 'USDT',
        balance: '122607.35137903',
        crossWalletBalance: '23.72469206',
        crossUnPnl: '0.00000000',
        availableBalance: '23.72469206',
        maxWithdrawAmount: '23.72469206',
        marginAvailable: true,
        updateTime: 1617939110373,
      },
    ]);
    expect(usdt).toMatchObject({ asset: 'USDT', total: 122607.35137903, free: 23.72469206 });
    expect(usdt!.locked).toBeCloseTo(122607.35137903 - 23.72469206, 6);
  });

  it('parses positions: sign or positionSide gives the side; flat ones are left out', () => {
    const base = {
      entryPrice: '6563.66500',
      breakEvenPrice: '6570',
      markPrice: '6500.1',
      unRealizedProfit: '-1.5',
      liquidationPrice: '0',
      isolatedMargin: '0',
      notional: '0',
      marginAsset: 'USDT',
      isolatedWallet: '0',
      updateTime: 1625474304765,
    };
    const positions = parsePositions(
      [
        { symbol: 'BTCUSDT', positionSide: 'BOTH', positionAmt: '-0.010', ...base },
        {
          symbol: 'ETHUSDT',
          positionSide: 'LONG',
          positionAmt: '0.5',
          leverage: '10',
          marginType: 'isolated',
          ...base,
        },
        { symbol: 'BNBUSDT', positionSide: 'BOTH', positionAmt: '0.000', ...base },
      ],
      (symbol) => (symbol === 'BTCUSDT' ? perp : undefined),
    );
    expect(
      positions.map((p) => [p.unifiedSymbol, p.side, p.size, p.liquidationPrice, p.leverage, p.marginMode]),
    ).toEqual([
      ['BTC/USDT:USDT', 'short', 0.01, undefined, undefined, undefined],
      ['ETHUSDT', 'long', 0.5, undefined, 10, 'isolated'],
    ]);
    for (const p of positions) expect(positionSchema.safeParse(p).success).toBe(true);
  });
});
