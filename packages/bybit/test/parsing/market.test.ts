// Parsing of Bybit market data: fixtures from the protocol file, klines given oldest first with
// `closed` from the interval end (month candles included), malformed fields refused with the field
// named, and a property test that parsed levels keep Bybit's numbers and order.
import { ValidationError } from '@venuekit/base';
import {
  klineEnd,
  parseKlines,
  parseLevels,
  parseOrderbook,
  parseRecentTrade,
  parseTicker,
} from '@venuekit/bybit/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };

describe('Bybit market parsing', () => {
  it('parses a spot ticker; "" and "0" fields are absent, not zero prices', () => {
    const t = parseTicker(
      {
        symbol: 'BTCUSDT',
        bid1Price: '65485.47',
        bid1Size: '0.5',
        ask1Price: '65485.48',
        ask1Size: '1',
        lastPrice: '65485.47',
        prevPrice24h: '',
        highPrice24h: '66000',
        lowPrice24h: '0',
        volume24h: '123.4',
        turnover24h: '8000000',
      },
      names,
      1_700_000_000_000,
    );
    expect(t).toEqual({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      timestamp: 1_700_000_000_000,
      bid: 65485.47,
      bidSize: 0.5,
      ask: 65485.48,
      askSize: 1,
      last: 65485.47,
      high: 66000,
      baseVolume: 123.4,
      quoteVolume: 8_000_000,
    });
  });

  it('parses the order book with u as the sequence', () => {
    const book = parseOrderbook(
      {
        s: 'BTCUSDT',
        b: [
          ['65485.47', '47.081829'],
          ['65485.46', '1'],
        ],
        a: [['65485.48', '2']],
        ts: 1716863719031,
        u: 230704,
        seq: 1432604333,
        cts: 1716863718905,
      },
      names,
    );
    expect(book).toMatchObject({
      bids: [
        [65485.47, 47.081829],
        [65485.46, 1],
      ],
      asks: [[65485.48, 2]],
      timestamp: 1716863719031,
      sequence: 230704,
    });
  });

  it('parses a recent trade (the taker side)', () => {
    expect(
      parseRecentTrade(
        {
          execId: '2100000000007764263',
          symbol: 'BTCUSDT',
          price: '16618.49',
          size: '0.00012',
          side: 'Sell',
          time: '1672052955758',
        },
        names,
      ),
    ).toEqual({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      id: '2100000000007764263',
      price: 16618.49,
      quantity: 0.00012,
      side: 'sell',
      timestamp: 1672052955758,
    });
  });

  it('parses klines in the order given and marks only ended candles closed', () => {
    const rows: Array<[string, string, string, string, string, string, string]> = [
      ['1670601600000', '1', '2', '0.5', '1.5', '10', '15'],
      ['1670601900000', '1.5', '2', '1', '1.8', '5', '9'],
    ];
    const bars = parseKlines(rows, '5', names, 1670601900000 + 60_000);
    expect(bars.map((b) => [b.openTime, b.closeTime, b.closed])).toEqual([
      [1670601600000, 1670601899999, true],
      [1670601900000, 1670602199999, false],
    ]);
    expect(bars[1]).toMatchObject({
      open: 1.5,
      high: 2,
      low: 1,
      close: 1.8,
      volume: 5,
      quoteVolume: 9,
      interval: '5',
    });
  });

  it('month candles end at the next calendar month', () => {
    expect(klineEnd('M', Date.UTC(2024, 1, 1))).toBe(Date.UTC(2024, 2, 1));
    expect(klineEnd('M', Date.UTC(2024, 11, 1))).toBe(Date.UTC(2025, 0, 1));
    expect(klineEnd('W', 0)).toBe(7 * 86_400_000);
  });

  it('refuses malformed numbers and unknown intervals, naming the field', () => {
    expect(() => parseLevels([['abc', '1']], 'BTCUSDT.b')).toThrow(/BTCUSDT\.b/);
    expect(() => parseKlines([['x', '1', '1', '1', '1', '1', '1']], '1', names, 0)).toThrow(ValidationError);
    expect(() => parseKlines([], '2' as never, names, 0)).toThrow(/interval/);
  });

  it('property: parsed levels are Bybit’s numbers in Bybit’s order', () => {
    const level = fc.tuple(
      fc.double({ min: 1e-8, max: 1e7, noNaN: true }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(level, { maxLength: 50 }), (levels) => {
        const wire = levels.map(([p, q]) => [String(p), String(q)] as [string, string]);
        expect(parseLevels(wire, 'x')).toEqual(
          levels.map(([p, q]) => [Number(String(p)), Number(String(q))]),
        );
      }),
    );
  });
});
