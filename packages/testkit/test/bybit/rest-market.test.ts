// Public REST: envelope, instruments with paging, errors on HTTP 200, order book with the
// 1000-level u, recent trades and tickers, klines newest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import { get, manualClock } from './helpers.js';

const START = Date.UTC(2026, 2, 4, 10, 30, 15);

describe('Bybit simulator market REST', () => {
  const clock = manualClock(START);
  let sim: BybitSim;
  beforeAll(async () => {
    sim = await startBybitSim({
      clock,
      symbols: [{ symbol: 'BTCUSDT', levels: 80 }, { symbol: 'ETHUSDT', levels: 40 }, 'SOLUSDT'],
    });
  });
  afterAll(() => sim.close());

  it('serves the v5 envelope with server time in seconds and nanoseconds', async () => {
    const { status, body } = await get(sim.httpUrl, '/v5/market/time');
    expect(status).toBe(200);
    expect(body).toEqual({
      retCode: 0,
      retMsg: 'OK',
      result: { timeSecond: String(Math.floor(START / 1000)), timeNano: `${START}000000` },
      retExtInfo: {},
      time: START,
    });
  });

  it('lists instruments per category, filters by status and pages linear with nextPageCursor', async () => {
    const spot = (await get(sim.httpUrl, '/v5/market/instruments-info', 'category=spot')).body.result;
    expect(spot.category).toBe('spot');
    expect(spot.list.map((i: { symbol: string }) => i.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(spot.list[0]).toMatchObject({
      baseCoin: 'BTC',
      quoteCoin: 'USDT',
      status: 'Trading',
      lotSizeFilter: { basePrecision: '0.000001', minOrderQty: '0.000048', minOrderAmt: '1' },
      priceFilter: { tickSize: '0.01' },
    });
    const linear = (await get(sim.httpUrl, '/v5/market/instruments-info', 'category=linear&limit=2')).body
      .result;
    expect(linear.list).toHaveLength(2);
    expect(linear.list[0]).toMatchObject({
      symbol: 'BTCUSDT',
      contractType: 'LinearPerpetual',
      settleCoin: 'USDT',
      priceScale: '2',
      priceFilter: { tickSize: '0.10' },
      lotSizeFilter: { qtyStep: '0.001', minNotionalValue: '5' },
    });
    expect(linear.nextPageCursor).toBe('2');
    const rest = (
      await get(
        sim.httpUrl,
        '/v5/market/instruments-info',
        `category=linear&limit=2&cursor=${linear.nextPageCursor}`,
      )
    ).body.result;
    expect(rest.list.map((i: { symbol: string }) => i.symbol)).toEqual(['SOLUSDT']);
    expect(rest.nextPageCursor).toBe('');
    const preLaunch = (
      await get(sim.httpUrl, '/v5/market/instruments-info', 'category=linear&status=PreLaunch')
    ).body.result;
    expect(preLaunch.list).toEqual([]);
  });

  it('answers bad categories, symbols and parameters with 10001 on HTTP 200', async () => {
    const cases = [
      ['/v5/market/tickers', 'category=option'],
      ['/v5/market/tickers', ''],
      ['/v5/market/orderbook', 'category=spot&symbol=DOGEUSDT'],
      ['/v5/market/orderbook', 'category=spot&symbol=BTCUSDT&limit=1001'],
      ['/v5/market/kline', 'category=spot&symbol=BTCUSDT&interval=2'],
      ['/v5/market/recent-trade', 'category=spot&symbol=BTCUSDT&limit=61'],
    ] as const;
    for (const [path, query] of cases) {
      const r = await get(sim.httpUrl, path, query);
      expect(r.status, `${path}?${query}`).toBe(200);
      expect(r.body.retCode, `${path}?${query}`).toBe(10001);
    }
    expect((await get(sim.httpUrl, '/v5/market/tickers', 'category=spot&symbol=NOPE')).body.retMsg).toBe(
      'Not supported symbols',
    );
  });

  it('serves the book best first with the 1000-level u; spot defaults to 1 level, linear to 25', async () => {
    sim.market.step(25);
    const truth = sim.bookSnapshot('spot', 'BTCUSDT', 50);
    const book = (await get(sim.httpUrl, '/v5/market/orderbook', 'category=spot&symbol=BTCUSDT&limit=50'))
      .body.result;
    expect(book).toMatchObject({ s: 'BTCUSDT', u: truth.u, seq: truth.seq, ts: START });
    expect(book.b).toEqual(truth.bids);
    expect(book.a).toEqual(truth.asks);
    expect(Number(book.b[0][0])).toBeLessThan(Number(book.a[0][0]));
    const spotDefault = (await get(sim.httpUrl, '/v5/market/orderbook', 'category=spot&symbol=BTCUSDT')).body
      .result;
    expect([spotDefault.b.length, spotDefault.a.length]).toEqual([1, 1]);
    const linearDefault = (await get(sim.httpUrl, '/v5/market/orderbook', 'category=linear&symbol=BTCUSDT'))
      .body.result;
    expect([linearDefault.b.length, linearDefault.a.length]).toEqual([25, 25]);
    expect(linearDefault.b[0][0]).toMatch(/^\d+\.\d0$/);
  });

  it('lists recent trades newest first and tickers that agree with the book', async () => {
    sim.market.step(60, 'ETHUSDT', 'spot');
    const trades = (
      await get(sim.httpUrl, '/v5/market/recent-trade', 'category=spot&symbol=ETHUSDT&limit=20')
    ).body.result;
    expect(trades.list.length).toBeGreaterThan(1);
    const seqs = trades.list.map((t: { seq: string }) => Number(t.seq));
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    expect(trades.list[0]).toMatchObject({
      symbol: 'ETHUSDT',
      isBlockTrade: false,
      side: expect.stringMatching(/^(Buy|Sell)$/),
    });
    const ticker = (await get(sim.httpUrl, '/v5/market/tickers', 'category=spot&symbol=ETHUSDT')).body.result
      .list[0];
    const top = sim.bookSnapshot('spot', 'ETHUSDT', 1);
    expect(ticker).toMatchObject({
      symbol: 'ETHUSDT',
      bid1Price: top.bids[0]![0],
      ask1Price: top.asks[0]![0],
      lastPrice: trades.list[0].price,
    });
    expect(ticker.markPrice).toBeUndefined();
    const linear = (await get(sim.httpUrl, '/v5/market/tickers', 'category=linear')).body.result;
    expect(linear.list.map((t: { symbol: string }) => t.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(linear.list[0]).toMatchObject({
      fundingRate: '0.0001',
      nextFundingTime: String(Date.UTC(2026, 2, 4, 16)),
    });
  });

  it('serves klines newest first, within start/end, continuous from one candle to the next', async () => {
    const all = (
      await get(sim.httpUrl, '/v5/market/kline', 'category=spot&symbol=BTCUSDT&interval=60&limit=5')
    ).body.result;
    expect(all).toMatchObject({ symbol: 'BTCUSDT', category: 'spot' });
    const starts = all.list.map((row: string[]) => Number(row[0]));
    expect(starts).toEqual([0, 1, 2, 3, 4].map((i) => Date.UTC(2026, 2, 4, 10 - i)));
    for (let i = 0; i + 1 < all.list.length; i++) expect(all.list[i + 1][4]).toBe(all.list[i][1]);
    for (const [, open, high, low, close] of all.list) {
      expect(Number(high)).toBeGreaterThanOrEqual(Math.max(Number(open), Number(close)));
      expect(Number(low)).toBeLessThanOrEqual(Math.min(Number(open), Number(close)));
    }
    const start = Date.UTC(2026, 2, 1);
    const end = Date.UTC(2026, 2, 3);
    const days = (
      await get(
        sim.httpUrl,
        '/v5/market/kline',
        `category=linear&symbol=ETHUSDT&interval=D&start=${start}&end=${end}`,
      )
    ).body.result.list;
    expect(days.map((r: string[]) => Number(r[0]))).toEqual([end, Date.UTC(2026, 2, 2), start]);
    const week = (
      await get(sim.httpUrl, '/v5/market/kline', 'category=linear&symbol=ETHUSDT&interval=W&limit=1')
    ).body.result.list;
    expect(new Date(Number(week[0][0])).getUTCDay()).toBe(1);
    const month = (await get(sim.httpUrl, '/v5/market/kline', 'symbol=ETHUSDT&interval=M&limit=1')).body
      .result;
    expect(month.category).toBe('linear');
    expect(Number(month.list[0][0])).toBe(Date.UTC(2026, 2, 1));
  });
});
