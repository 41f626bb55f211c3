// The feed's two ways of reading REST market data: the lean default (depth snapshots read straight
// from the body text) and `strict: true` (JSON.parse and base's zod schemas on every result).
// Both give the same books and tickers; strict is checked as an option.
import { ConfigError, silentLogger } from '@venuekit/base';
import { type BinanceFeed, BinanceRestClient, scanDepth } from '@venuekit/binance/plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simFeed, startBinanceSim } from './feed-helpers.js';

let sim: BinanceSim;
let lean: BinanceFeed;
let strict: BinanceFeed;

beforeAll(async () => {
  sim = await startBinanceSim({ market: 'spot' });
  lean = simFeed(sim, 'BINANCE___SPOT');
  strict = simFeed(sim, 'BINANCE___SPOT', { strict: true });
});
afterAll(async () => {
  await lean?.disconnect();
  await strict?.disconnect();
  await sim?.close();
});

describe('strict and lean REST market data', () => {
  it('the simulator’s depth bodies are read by the scanner, not the JSON fallback', async () => {
    const rest = new BinanceRestClient({ baseUrl: sim.httpUrl, logger: silentLogger });
    const response = await rest.http
      .request('GET', '/api/v3/depth', { params: { symbol: 'BTCUSDT', limit: 1000 } })
      .finally(() => rest.close());
    const book = scanDepth(response.body, { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' }, 0);
    expect(book?.bids.length).toBeGreaterThan(0);
    expect(book?.asks.length).toBeGreaterThan(0);
  });

  it('gives the same order book (levels, sequence, names) either way', async () => {
    const a = await lean.getOrderBook('BTC/USDT', { limit: 50 });
    const b = await strict.getOrderBook('BTC/USDT', { limit: 50 });
    expect(a.sequence).toBe(b.sequence); // the simulator's book does not move by itself
    expect(a).toStrictEqual({ ...b, timestamp: a.timestamp });
    expect(a.bids).toHaveLength(50);
    const ticker = await strict.getTicker('BTCUSDT');
    expect(ticker.unifiedSymbol).toBe('BTC/USDT');
  });

  it('refuses a strict option that is not a boolean', () => {
    expect(() => simFeed(sim, 'BINANCE___SPOT', { strict: 'yes' as never })).toThrow(ConfigError);
  });
});
