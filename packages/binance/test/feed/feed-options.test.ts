// Feed options and request checks, without sockets: the Binance-only options (demo environment,
// the three endpoints, the limiter, orderTransport) fail at creation with a ConfigError naming
// the field; depths round up to what Binance serves (property-tested); order ids of digits are
// Binance's, anything else is a client order id; the plugin registers both feeds, and importing
// the package registers them into the global registry.
import {
  ConfigError,
  ExchangeRegistry,
  FakeClock,
  RateLimiter,
  registry,
  silentLogger,
  ValidationError,
} from '@venuekit/base';
import {
  BinanceRequestLimiter,
  BinanceRestClient,
  BinanceSpotFeed,
  BinanceUsdmFeed,
  binancePlugin,
  resolveBinanceFeedOptions,
} from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depthRequestLimit, klinesQuery, orderRef } from '../../src/feed/feed-queries.js';

describe('Binance feed options', () => {
  it('resolves endpoints per market and environment, overrides included', () => {
    const spot = resolveBinanceFeedOptions('spot', {}).settings;
    expect(spot.urls).toEqual({
      rest: 'https://api.binance.com',
      stream: 'wss://stream.binance.com:9443',
      wsApi: 'wss://ws-api.binance.com:443/ws-api/v3',
    });
    const demo = resolveBinanceFeedOptions('usdm', {
      environment: 'demo',
      urls: { rest: 'http://127.0.0.1:9/' },
    });
    expect(demo.settings.environment).toBe('demo');
    expect(demo.settings.urls.rest).toBe('http://127.0.0.1:9');
    expect(demo.settings.urls.stream).toBe('wss://fstream.binancefuture.com');
    expect(demo.common.environment).toBeUndefined(); // base knows prod and testnet only
    const feed = new BinanceSpotFeed({ environment: 'demo', logger: silentLogger });
    expect(feed.environment).toBe('demo');
  });

  it('refuses what it cannot use, naming the field', () => {
    const bad = (options: object) => () => new BinanceSpotFeed({ logger: silentLogger, ...options });
    expect(bad({ environment: 'live' })).toThrow(/options\.environment.*'prod', 'testnet' or 'demo'/);
    expect(bad({ urls: { ws: 'ws://127.0.0.1:1' } })).toThrow(
      /options\.urls\.ws.*urls\.rest, urls\.stream and urls\.wsApi/,
    );
    expect(bad({ urls: { rest: 'localhost:80' } })).toThrow(ConfigError);
    expect(bad({ orderTransport: 'fix' })).toThrow(/orderTransport.*'rest' or 'wsApi'/);
    expect(bad({ limiter: { acquire() {}, tryAcquire() {} } })).toThrow(/BinanceRequestLimiter/);
    expect(bad({ limiter: new BinanceRequestLimiter('usdm') })).toThrow(/usdm market, not spot/);
    expect(bad({ session: {} })).toThrow(/HttpSession/);
    expect(bad({ recvWindow: -1 })).toThrow(/recvWindow/);
    expect(bad({ credentials: { apiKey: '' } })).toThrow(ConfigError);
  });

  it('takes a base Limiter as a pacer and joins the limits of its route and account', async () => {
    const clock = new FakeClock();
    const rest = 'http://127.0.0.1:9';
    const credentials = { apiKey: 'feed-key', secret: 'feed-secret' };
    const budget = new RateLimiter([{ name: 'mine', kind: 'slidingWindow', intervalMs: 1000, limit: 10 }], {
      clock,
    });
    const paced = new BinanceSpotFeed({
      limiter: budget,
      urls: { rest },
      credentials,
      clock,
      logger: silentLogger,
    });
    expect(paced.limiter).toBeInstanceOf(BinanceRequestLimiter);
    expect(paced.limiter.pacer).toBe(budget);
    const plain = new BinanceSpotFeed({ urls: { rest }, credentials, clock, logger: silentLogger });
    expect(plain.limiter.pacer).toBeUndefined();
    expect(plain.limiter.route).toBe(paced.limiter.route);
    expect(plain.limiter.account).toBe(paced.limiter.account);
    const client = new BinanceRestClient({ baseUrl: rest, clock, logger: silentLogger });
    expect(client.limiter.route).toBe(paced.limiter.route);
    expect(client.limiter.account).not.toBe(paced.limiter.account); // no key: orders of its own
    const futures = new BinanceUsdmFeed({ urls: { rest }, clock, logger: silentLogger });
    expect(futures.limiter.route).not.toBe(paced.limiter.route); // Spot and USD-M count apart
    await client.close();
  });

  it('keeps a shared limiter', () => {
    const limiter = new BinanceRequestLimiter('usdm');
    expect(new BinanceUsdmFeed({ limiter, logger: silentLogger }).limiter).toBe(limiter);
  });
});

describe('Binance feed request checks', () => {
  it('asks USD-M for the smallest depth it serves that covers the levels wanted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (limit) => {
        const asked = depthRequestLimit('usdm', limit)!;
        expect([5, 10, 20, 50, 100, 500, 1000]).toContain(asked);
        expect(asked).toBeGreaterThanOrEqual(limit);
        expect([5, 10, 20, 50, 100, 500, 1000].filter((d) => d >= limit)[0]).toBe(asked);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (limit) => depthRequestLimit('spot', limit) === limit),
    );
    expect(depthRequestLimit('spot', undefined)).toBeUndefined();
    for (const limit of [0, -1, 1.5, 5001, Number.NaN])
      expect(() => depthRequestLimit('spot', limit)).toThrow(ValidationError);
  });

  it('checks kline ranges', () => {
    expect(klinesQuery('usdm', { limit: 1500, start: 1, end: 2 })).toEqual({
      limit: 1500,
      startTime: 1,
      endTime: 2,
    });
    expect(() => klinesQuery('spot', { limit: 1500 })).toThrow(/limit: expected an integer from 1 to 1000/);
    expect(() => klinesQuery('spot', { start: -5 })).toThrow(/start/);
  });

  it("takes ids of digits as Binance's order id and anything else as a client order id", () => {
    expect(orderRef('BTCUSDT', '12345')).toEqual({ symbol: 'BTCUSDT', orderId: '12345' });
    expect(orderRef('BTCUSDT', 'my-order-1')).toEqual({ symbol: 'BTCUSDT', origClientOrderId: 'my-order-1' });
    expect(() => orderRef('BTCUSDT', '')).toThrow(ValidationError);
  });
});

describe('binancePlugin feeds', () => {
  it('registers BINANCE___SPOT and BINANCE___USDM into an isolated registry', () => {
    const isolated = ExchangeRegistry.createIsolated().use(binancePlugin);
    expect(isolated.listFeeds().sort()).toEqual(['BINANCE___SPOT', 'BINANCE___USDM']);
    expect(isolated.createFeed('BINANCE___USDM', { logger: silentLogger })).toBeInstanceOf(BinanceUsdmFeed);
  });

  it('is in the global registry once the package is imported', async () => {
    await import('@venuekit/binance');
    await import('@venuekit/binance'); // a second import registers nothing twice
    expect(registry.hasFeed('BINANCE___SPOT')).toBe(true);
    expect(registry.createFeed('BINANCE___SPOT', { logger: silentLogger })).toBeInstanceOf(BinanceSpotFeed);
  });
});
