// Market data parsing from Binance's documented REST payloads, checked against base's schemas.
import { barSchema, orderBookSchema, tickerSchema, tradeSchema, ValidationError } from '@venuekit/base';
import {
  type KlineWire,
  parseBookTicker,
  parseDepth,
  parseKlines,
  parseLevels,
  parseTicker24hr,
  parseTrades,
} from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const names = { symbol: 'BNBBTC', unifiedSymbol: 'BNB/BTC' };

describe('market data parsing', () => {
  it('parses a depth snapshot (lastUpdateId as the sequence)', () => {
    const book = parseDepth(
      {
        lastUpdateId: 1027024,
        bids: [['4.00000000', '431.00000000']],
        asks: [['4.00000200', '12.00000000']],
      },
      names,
      1_700_000_000_000,
    );
    expect(book).toEqual({
      venue: 'binance',
      ...names,
      bids: [[4, 431]],
      asks: [[4.000002, 12]],
      timestamp: 1_700_000_000_000,
      sequence: 1027024,
    });
    expect(orderBookSchema.safeParse(book).success).toBe(true);
    const futures = parseDepth(
      { lastUpdateId: 5, E: 1589436922972, T: 1589436922959, bids: [], asks: [] },
      names,
      0,
    );
    expect(futures.timestamp).toBe(1589436922959);
  });

  it('refuses a garbled level with a ValidationError naming it', () => {
    expect(() =>
      parseLevels(
        [
          ['1', '2'],
          ['x', '1'],
        ],
        'bids',
      ),
    ).toThrow(/bids\[1\]\.price/);
    expect(() => parseLevels([['1', '']], 'asks')).toThrow(ValidationError);
  });

  it('reads any decimal text Binance sends exactly as Number() does', () => {
    const decimal = fc
      .tuple(fc.nat({ max: 10_000_000 }), fc.nat({ max: 99_999_999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(8, '0')}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(decimal, decimal), { maxLength: 20 }), (levels) => {
        const parsed = parseLevels(levels.map(([p, q]) => [p === '0.00000000' ? '1' : p, q]));
        parsed.forEach(([p, q], i) => {
          expect(q).toBe(Number(levels[i]![1]));
          if (levels[i]![0] !== '0.00000000') expect(p).toBe(Number(levels[i]![0]));
        });
      }),
    );
  });

  it('parses the Spot 24h ticker including the best bid and ask', () => {
    const t = parseTicker24hr(
      {
        symbol: 'BNBBTC',
        priceChange: '-94.99999800',
        priceChangePercent: '-95.960',
        weightedAvgPrice: '0.29628482',
        prevClosePrice: '0.10002000',
        lastPrice: '4.00000200',
        lastQty: '200.00000000',
        bidPrice: '4.00000000',
        bidQty: '100.00000000',
        askPrice: '4.00000200',
        askQty: '100.00000000',
        openPrice: '99.00000000',
        highPrice: '100.00000000',
        lowPrice: '0.10000000',
        volume: '8913.30000000',
        quoteVolume: '15.30000000',
        openTime: 1499783499040,
        closeTime: 1499869899040,
        firstId: 28385,
        lastId: 28460,
        count: 76,
      },
      names,
    );
    expect(t).toMatchObject({
      bid: 4,
      ask: 4.000002,
      last: 4.000002,
      open: 99,
      baseVolume: 8913.3,
      timestamp: 1499869899040,
    });
    expect(tickerSchema.safeParse(t).success).toBe(true);
  });

  it('leaves USD-M ticker bid/ask and zero placeholders undefined', () => {
    const t = parseTicker24hr(
      {
        symbol: 'BTCUSDT',
        priceChange: '0',
        priceChangePercent: '0',
        weightedAvgPrice: '0',
        lastPrice: '0.00',
        lastQty: '0',
        openPrice: '0',
        highPrice: '0',
        lowPrice: '0',
        volume: '0',
        quoteVolume: '0',
        openTime: 1,
        closeTime: 2,
        firstId: -1,
        lastId: -1,
        count: 0,
      },
      { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' },
    );
    expect(t.bid).toBeUndefined();
    expect(t.last).toBeUndefined();
    expect(tickerSchema.safeParse(t).success).toBe(true);
  });

  it('parses a book ticker (Spot has no time: `now` stamps it)', () => {
    const spot = parseBookTicker(
      {
        symbol: 'LTCBTC',
        bidPrice: '4.00000000',
        bidQty: '431.00000000',
        askPrice: '4.00000200',
        askQty: '9.00000000',
      },
      names,
      77,
    );
    expect(spot).toMatchObject({ bid: 4, bidSize: 431, ask: 4.000002, askSize: 9, timestamp: 77 });
    const futures = parseBookTicker(
      {
        symbol: 'BTCUSDT',
        bidPrice: '4.00000000',
        bidQty: '431.00000000',
        askPrice: '4.00000200',
        askQty: '9.00000000',
        time: 1589437530011,
      },
      names,
      77,
    );
    expect(futures.timestamp).toBe(1589437530011);
  });

  it('parses trades with the taker side', () => {
    const trades = parseTrades(
      [
        {
          id: 28457,
          price: '4.00000100',
          qty: '12.00000000',
          quoteQty: '48.000012',
          time: 1499865549590,
          isBuyerMaker: true,
          isBestMatch: true,
        },
        {
          id: 28458,
          price: '4.00000200',
          qty: '1.00000000',
          quoteQty: '4.000002',
          time: 1499865549591,
          isBuyerMaker: false,
        },
      ],
      names,
    );
    expect(trades.map((t) => [t.id, t.side, t.price, t.quantity])).toEqual([
      ['28457', 'sell', 4.000001, 12],
      ['28458', 'buy', 4.000002, 1],
    ]);
    for (const t of trades) expect(tradeSchema.safeParse(t).success).toBe(true);
  });

  it('parses klines and marks the running one open', () => {
    const k = (open: number): KlineWire => [
      open,
      '0.01634790',
      '0.80000000',
      '0.01575800',
      '0.01577100',
      '148976.11427815',
      open + 59_999,
      '2434.19055334',
      308,
      '1756.87402397',
      '28.46694368',
      '0',
    ];
    const bars = parseKlines([k(1499040000000), k(1499040060000)], names, '1m', 1499040100000);
    expect(bars.map((b) => b.closed)).toEqual([true, false]);
    expect(bars[0]).toMatchObject({
      interval: '1m',
      open: 0.0163479,
      high: 0.8,
      volume: 148976.11427815,
      quoteVolume: 2434.19055334,
    });
    for (const b of bars) expect(barSchema.safeParse(b).success).toBe(true);
  });
});
