// BinanceRestClient against the Binance simulator over loopback: every public method on Spot and
// USD-M, parsed into models, with the usage headers re-syncing the limiter and exchangeInfo's
// rate limits adopted. Simulator and clients share a frozen clock in the middle of a minute, so
// the weight window never rolls over between a request and the check of its usage header.
import {
  FakeClock,
  barSchema,
  orderBookSchema,
  tickerSchema,
  tradeSchema,
  BadSymbolError,
  NotSupportedError,
} from '@venuekit/base';
import {
  type BinanceRestClient,
  parseBookTicker,
  parseDepth,
  parseInstruments,
  parseKlines,
  parseTicker24hr,
  parseTrades,
} from '@venuekit/binance/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simClient, startBinanceSim } from './sim-helpers.js';

let sim: BinanceSim;
let spot: BinanceRestClient;
let usdm: BinanceRestClient;

beforeAll(async () => {
  const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 30));
  sim = await startBinanceSim({ clock, limits: { spot: { requestWeightPerMinute: 100_000 } } });
  sim.market.step(50);
  spot = simClient(sim, 'spot', { clock });
  usdm = simClient(sim, 'usdm', { clock });
});
afterAll(async () => {
  await spot?.close();
  await usdm?.close();
  await sim?.close();
});

describe.each(['spot', 'usdm'] as const)('%s public endpoints', (market) => {
  const client = () => (market === 'spot' ? spot : usdm);

  it('time, ping and clock sync', async () => {
    const { serverTime } = await client().time();
    expect(Math.abs(serverTime - sim.now())).toBeLessThan(1000);
    await expect(client().ping()).resolves.toEqual({});
    const offset = await client().syncClock();
    expect(Math.abs(offset)).toBeLessThan(1000);
  });

  it('exchangeInfo → instruments, with its rate limits adopted by the limiter', async () => {
    const info = await client().exchangeInfo();
    const instruments = parseInstruments(market, info);
    const btc = instruments.find((i) => i.symbol === 'BTCUSDT');
    expect(btc?.unifiedSymbol).toBe(market === 'spot' ? 'BTC/USDT' : 'BTC/USDT:USDT');
    const state = client().limiter.state();
    for (const rl of info.rateLimits)
      expect(state[`${rl.rateLimitType}:${rl.intervalNum}${rl.interval[0]}`]?.limit).toBe(rl.limit);
  });

  it('depth, trades, klines, tickers parse into valid models', async () => {
    const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };
    const depth = parseDepth(await client().depth('BTCUSDT', 100), names, client().clock.now());
    expect(orderBookSchema.safeParse(depth).success).toBe(true);
    expect(depth.bids.length).toBeGreaterThan(0);
    expect(depth.bids[0]![0]).toBeLessThan(depth.asks[0]![0]);
    const trades = parseTrades(await client().trades('BTCUSDT', 10), names);
    for (const t of trades) expect(tradeSchema.safeParse(t).success).toBe(true);
    const bars = parseKlines(
      await client().klines('BTCUSDT', '1m', { limit: 5 }),
      names,
      '1m',
      client().clock.now(),
    );
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) expect(barSchema.safeParse(b).success).toBe(true);
    const ticker = parseTicker24hr(await client().ticker24hr('BTCUSDT'), names);
    expect(tickerSchema.safeParse(ticker).success).toBe(true);
    const book = parseBookTicker(await client().bookTicker('BTCUSDT'), names, client().clock.now());
    expect(book.bid).toBeLessThan(book.ask!);
    const many = await client().tickers24hr(['BTCUSDT', 'ETHUSDT']);
    expect(many.map((t) => t.symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect((await client().bookTickers(['ETHUSDT'])).map((t) => t.symbol)).toEqual(['ETHUSDT']);
  });

  it('counts weights as the server does (usage headers agree with the local count)', async () => {
    const before = client().limiter.state()['REQUEST_WEIGHT:1M']!.used;
    await client().depth('BTCUSDT', 1000);
    const after = client().limiter.state()['REQUEST_WEIGHT:1M']!.used;
    expect(after - before).toBe(market === 'spot' ? 50 : 20);
    const { response } = await client().http.fetch('GET', client().paths.time, { auth: false });
    expect(Number(response.header('x-mbx-used-weight-1m'))).toBe(
      client().limiter.state()['REQUEST_WEIGHT:1M']!.used + 1,
    );
  });

  it('an unknown symbol is a BadSymbolError with Binance’s code', async () => {
    const error = await client()
      .depth('NOPEUSDT')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadSymbolError);
    expect((error as BadSymbolError).code).toBe(-1121);
  });
});

describe('market-specific operations', () => {
  it('refuses operations the market does not have with NotSupportedError', async () => {
    await expect(spot.createListenKey()).rejects.toThrow(NotSupportedError);
    await expect(spot.positionRisk()).rejects.toThrow(/not available on this market/);
    await expect(usdm.spotAccount()).rejects.toThrow(NotSupportedError);
  });

  it('request() reaches endpoints without a typed method', async () => {
    const avg = await spot.request<{ mins: number; price: string }>('GET', '/api/v3/avgPrice', {
      symbol: 'BTCUSDT',
    });
    expect(Number(avg.price)).toBeGreaterThan(0);
    const premium = await usdm.request<{ markPrice: string }>('GET', '/fapi/v1/premiumIndex', {
      symbol: 'BTCUSDT',
    });
    expect(Number(premium.markPrice)).toBeGreaterThan(0);
  });
});
