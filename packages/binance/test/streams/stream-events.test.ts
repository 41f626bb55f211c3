// Stream payloads into models: the documented payloads of binance.md §5 and binance-usdm.md §5,
// numbers where Binance sends decimal strings, the taker side, and a ValidationError naming the
// field for anything else.
import { barSchema, tickerSchema, tradeSchema, ValidationError } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barFromKline,
  streamKind,
  streamRoute,
  tickerFromBookTicker,
  tickerFromEvent,
  tradeFromEvent,
} from '../../src/streams/index.js';

const names = { symbol: 'BNBBTC', unifiedSymbol: 'BNB/BTC' };

describe('stream payloads into models', () => {
  it('parses a Spot trade: taker side from m, id as text, numbers from decimal strings', () => {
    const trade = tradeFromEvent(
      {
        e: 'trade',
        E: 1672515782136,
        s: 'BNBBTC',
        t: 12345,
        p: '0.001',
        q: '100',
        T: 1672515782136,
        m: true,
        M: true,
      },
      names,
    );
    expect(trade).toEqual({
      venue: 'binance',
      symbol: 'BNBBTC',
      unifiedSymbol: 'BNB/BTC',
      id: '12345',
      price: 0.001,
      quantity: 100,
      side: 'sell',
      timestamp: 1672515782136,
    });
    expect(tradeSchema.parse(trade)).toEqual(trade);
  });

  it('parses an aggTrade (USD-M with nq) by its aggregate id', () => {
    const trade = tradeFromEvent(
      {
        e: 'aggTrade',
        E: 1,
        s: 'BTCUSDT',
        a: 5933014,
        p: '0.001',
        q: '100',
        nq: '100',
        f: 100,
        l: 105,
        T: 2,
        m: false,
      },
      names,
    );
    expect(trade).toMatchObject({ id: '5933014', side: 'buy', price: 0.001, quantity: 100, timestamp: 2 });
  });

  it('parses a kline into a Bar, closed or running', () => {
    const bar = barFromKline(
      {
        e: 'kline',
        E: 1672515782136,
        s: 'BNBBTC',
        k: {
          t: 1672515780000,
          T: 1672515839999,
          s: 'BNBBTC',
          i: '1m',
          f: 100,
          L: 200,
          o: '0.0010',
          c: '0.0020',
          h: '0.0025',
          l: '0.0015',
          v: '1000',
          n: 100,
          x: false,
          q: '1.0000',
          V: '500',
          Q: '0.500',
          B: '123456',
        },
      },
      names,
    );
    expect(barSchema.parse(bar)).toEqual(bar);
    expect(bar).toMatchObject({
      interval: '1m',
      open: 0.001,
      close: 0.002,
      high: 0.0025,
      low: 0.0015,
      volume: 1000,
      quoteVolume: 1,
      closed: false,
    });
  });

  it('parses a Spot 24hrTicker with its best bid and ask, and a USD-M one without', () => {
    const spot = tickerFromEvent(
      {
        e: '24hrTicker',
        E: 123456789,
        s: 'BNBBTC',
        p: '0.0015',
        P: '250.00',
        w: '0.0018',
        x: '0.0009',
        c: '0.0025',
        Q: '10',
        b: '0.0024',
        B: '10',
        a: '0.0026',
        A: '100',
        o: '0.0010',
        h: '0.0025',
        l: '0.0010',
        v: '10000',
        q: '18',
        O: 0,
        C: 86400000,
        F: 0,
        L: 18150,
        n: 18151,
      },
      names,
    );
    expect(tickerSchema.parse(spot)).toEqual(spot);
    expect(spot).toMatchObject({
      bid: 0.0024,
      bidSize: 10,
      ask: 0.0026,
      askSize: 100,
      last: 0.0025,
      baseVolume: 10000,
      quoteVolume: 18,
      timestamp: 123456789,
    });
    const usdm = tickerFromEvent(
      {
        e: '24hrTicker',
        E: 1,
        s: 'BTCUSDT',
        c: '0.0025',
        o: '0.001',
        h: '0.003',
        l: '0.001',
        v: '1',
        q: '2',
      },
      names,
    );
    expect(usdm.bid).toBeUndefined();
    expect(usdm.last).toBe(0.0025);
  });

  it('parses book tickers (Spot has no event time: the clock stands in)', () => {
    const spot = tickerFromBookTicker(
      { u: 400900217, s: 'BNBUSDT', b: '25.35190000', B: '31.21000000', a: '25.36520000', A: '40.66000000' },
      names,
      1000.7,
    );
    expect(spot).toMatchObject({
      bid: 25.3519,
      bidSize: 31.21,
      ask: 25.3652,
      askSize: 40.66,
      timestamp: 1000,
    });
    const usdm = tickerFromBookTicker(
      { e: 'bookTicker', u: 1, E: 77, T: 76, s: 'BTCUSDT', b: '1', B: '2', a: '3', A: '4' },
      names,
      0,
    );
    expect(usdm.timestamp).toBe(77);
  });

  it('refuses payloads with missing or garbled fields, naming the field', () => {
    expect(() => tradeFromEvent({ e: 'trade', t: 1, p: 'abc', q: '1', T: 1 }, names)).toThrow(/field "p"/);
    expect(() => tradeFromEvent({ e: 'trade', t: 1, p: '1', q: '', T: 1 }, names)).toThrow(/field "q"/);
    expect(() => tradeFromEvent({ e: 'trade', p: '1', q: '1', T: 1 }, names)).toThrow(/field "t"/);
    expect(() => barFromKline({ e: 'kline', k: { i: '1m' } }, names)).toThrow(ValidationError);
    expect(() => tickerFromEvent(null, names)).toThrow(/field "data"/);
  });

  it('never lets a non-finite number through (any field value)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (p, q) => {
        try {
          const t = tradeFromEvent({ e: 'trade', t: 1, p, q, T: 1 }, names);
          expect(Number.isFinite(t.price) && Number.isFinite(t.quantity)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
    );
  });

  it('names stream kinds and USD-M routes', () => {
    expect(streamKind('btcusdt@depth@100ms')).toBe('depth');
    expect(streamKind('btcusdt@depth20@100ms')).toBe('partialDepth');
    expect(streamKind('btcusdt@kline_1m')).toBe('kline');
    expect(streamRoute('btcusdt@depth', 'usdm')).toBe('public');
    expect(streamRoute('btcusdt@bookTicker', 'usdm')).toBe('public');
    expect(streamRoute('btcusdt@aggTrade', 'usdm')).toBe('market');
    expect(streamRoute('btcusdt@aggTrade', 'spot')).toBe('spot');
  });
});
