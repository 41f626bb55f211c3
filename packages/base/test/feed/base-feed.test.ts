// BaseFeed: capabilities derived from overrides, NotSupportedError for the rest, validated
// options with defaults, endpoint selection, idempotent connect/disconnect, and streams that
// disconnect() ends.
import '../setup/secret-guard.js';
import {
  BaseFeed,
  type BaseFeedInit,
  ConfigError,
  FEED_OPERATIONS,
  type FeedOptions,
  NotSupportedError,
  type Ticker,
  type WatchOptions,
  defineCapabilities,
  isRedactedCredentials,
  silentLogger,
  systemClock,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_SECRET } from '../setup/test-secrets.js';

class TickerOnlyFeed extends BaseFeed {
  opens = 0;
  closes = 0;
  openFails = 0;
  push: ((t: Ticker) => void) | undefined;
  constructor(options?: FeedOptions, init: Partial<BaseFeedInit> = {}) {
    super({ id: 'ACME___SPOT', venue: 'acme', options, ...init });
  }
  protected override async open(): Promise<void> {
    this.opens++;
    await new Promise((r) => setImmediate(r));
    if (this.openFails > 0) {
      this.openFails--;
      throw new Error('handshake failed');
    }
  }
  protected override async close(): Promise<void> {
    this.closes++;
  }
  override async getTicker(symbol: string): Promise<Ticker> {
    return { venue: 'acme', symbol, unifiedSymbol: 'BTC/USDT', bid: 1, ask: 2, timestamp: 0 };
  }
  override watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    return this.stream<Ticker>(
      `watchTicker ${symbol}`,
      (push) => {
        this.push = push;
        return () => {
          this.push = undefined;
        };
      },
      options,
    );
  }
  endpointFor(name: string) {
    return this.endpoint(name, { prod: 'https://api.acme.test', testnet: 'https://testnet.acme.test' });
  }
  credentialsFor(op: string) {
    return this.requireCredentials(op);
  }
  get resolved() {
    return this.options;
  }
  get streamsOpen() {
    return this.openStreams;
  }
}

describe('BaseFeed', () => {
  it('derives capabilities from the methods a subclass overrides', () => {
    const feed = new TickerOnlyFeed();
    const supported = FEED_OPERATIONS.filter((op) => feed.capabilities[op]);
    expect(supported).toEqual(['getTicker', 'watchTicker']);
    expect(Object.isFrozen(feed.capabilities)).toBe(true);
    const forced = new TickerOnlyFeed({}, { capabilities: { watchTicker: false, getBalances: true } });
    expect(forced.capabilities.watchTicker).toBe(false);
    expect(forced.capabilities.getBalances).toBe(true);
  });

  it('throws NotSupportedError naming the venue and the operation', async () => {
    const feed = new TickerOnlyFeed();
    const error = await feed
      .placeOrder({ symbol: 'X', side: 'buy', type: 'market', quantity: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotSupportedError);
    expect((error as NotSupportedError).venue).toBe('acme');
    expect((error as NotSupportedError).message).toBe(
      'acme (ACME___SPOT) does not support placeOrder; check feed.capabilities.placeOrder before calling it',
    );
    expect(() => feed.watchOrders()).toThrow(NotSupportedError);
    for (const op of ['getInstruments', 'getBalances', 'getOpenOrders', 'getPositions'] as const)
      await expect(feed[op]()).rejects.toThrow(`does not support ${op}`);
    await expect(feed.getOrderBook('X')).rejects.toThrow(NotSupportedError);
    await expect(feed.getTrades('X')).rejects.toThrow(NotSupportedError);
    await expect(feed.getKlines('X', '1m')).rejects.toThrow(NotSupportedError);
    await expect(feed.cancelOrder('X', '1')).rejects.toThrow(NotSupportedError);
    await expect(feed.getOrder('X', '1')).rejects.toThrow(NotSupportedError);
    expect(() => feed.watchOrderBook('X')).toThrow(NotSupportedError);
    expect(() => feed.watchTrades('X')).toThrow(NotSupportedError);
    expect(() => feed.watchKlines('X', '1m')).toThrow(NotSupportedError);
    expect(() => feed.watchBalances()).toThrow(NotSupportedError);
    expect((await feed.getTicker('BTCUSDT')).bid).toBe(1);
  });

  it('fills option defaults and wraps plain credentials so they print redacted', () => {
    const feed = new TickerOnlyFeed({ credentials: { apiKey: TEST_API_KEY, secret: TEST_SECRET } });
    const o = feed.resolved;
    expect(o.environment).toBe('prod');
    expect(o.clock).toBe(systemClock);
    expect(o.urls).toEqual({});
    expect(isRedactedCredentials(o.credentials)).toBe(true);
    expect(String(o.credentials)).not.toContain(TEST_SECRET);
    expect(JSON.stringify(o)).not.toContain(TEST_SECRET);
    expect(feed.credentialsFor('placeOrder').secret === TEST_SECRET).toBe(true);
    const logger = silentLogger;
    expect(new TickerOnlyFeed({ logger }).resolved.logger).toBe(logger);
  });

  it('refuses bad options with ConfigError naming each field', () => {
    const bad: [unknown, RegExp][] = [
      [{ environment: 'test' }, /^Invalid options for the acme feed: environment: /],
      [
        { urls: { rest: 'api.acme.test' } },
        /urls\.rest: expected an absolute http\(s\):\/\/ or ws\(s\):\/\/ URL, got "api.acme.test"/,
      ],
      [{ urls: { ws: 'ftp://x' } }, /urls\.ws: /],
      [{ clock: Date }, /clock: expected an object with now\(\), setTimeout\(\), clearTimeout\(\)/],
      [{ limiter: {} }, /limiter: expected an object with acquire\(\), tryAcquire\(\)/],
      [{ logger: console.log }, /logger: /],
      [{ credentials: { apiKey: TEST_API_KEY, secret: '' } }, /secret must be a non-empty string/],
    ];
    for (const [options, message] of bad) {
      expect(() => new TickerOnlyFeed(options as FeedOptions)).toThrow(ConfigError);
      expect(() => new TickerOnlyFeed(options as FeedOptions)).toThrow(message);
    }
  });

  it('says when an operation needs credentials', () => {
    expect(() => new TickerOnlyFeed().credentialsFor('getBalances')).toThrow(
      /^acme getBalances needs API credentials: pass \{ credentials: \{ apiKey, secret \} \}/,
    );
  });

  it('picks endpoints: override, then the environment default, else a ConfigError', () => {
    expect(new TickerOnlyFeed().endpointFor('rest')).toBe('https://api.acme.test');
    expect(new TickerOnlyFeed({ environment: 'testnet' }).endpointFor('rest')).toBe(
      'https://testnet.acme.test',
    );
    expect(new TickerOnlyFeed({ urls: { rest: 'http://127.0.0.1:9' } }).endpointFor('rest')).toBe(
      'http://127.0.0.1:9',
    );
    class NoTestnet extends TickerOnlyFeed {
      wsUrl() {
        return this.endpoint('ws', { prod: 'wss://ws.acme.test' });
      }
    }
    expect(() => new NoTestnet({ environment: 'testnet' }).wsUrl()).toThrow(
      /acme has no testnet URL for "ws"; pass urls: \{ ws: '…' \}/,
    );
  });

  it('connects once for concurrent callers, retries after a failure, disconnects idempotently', async () => {
    const feed = new TickerOnlyFeed();
    feed.openFails = 1;
    await expect(feed.connect()).rejects.toThrow('handshake failed');
    expect(feed.isConnected).toBe(false);
    await Promise.all([feed.connect(), feed.connect(), feed.connect()]);
    expect(feed.opens).toBe(2);
    expect(feed.isConnected).toBe(true);
    await feed.connect();
    expect(feed.opens).toBe(2);
    await feed.disconnect();
    await feed.disconnect();
    expect(feed.closes).toBe(1);
    expect(feed.isConnected).toBe(false);
  });

  it('disconnect() ends open streams cleanly and releases them', async () => {
    const feed = new TickerOnlyFeed();
    await feed.connect();
    const seen: number[] = [];
    const loop = (async () => {
      for await (const t of feed.watchTicker('BTCUSDT')) seen.push(t.bid ?? 0);
      return 'ended';
    })();
    await new Promise((r) => setImmediate(r));
    expect(feed.streamsOpen).toBe(1);
    feed.push?.({ venue: 'acme', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT', bid: 5, timestamp: 1 });
    await new Promise((r) => setImmediate(r));
    await feed.disconnect();
    expect(await loop).toBe('ended');
    expect(seen).toEqual([5]);
    expect(feed.push).toBeUndefined();
    expect(feed.streamsOpen).toBe(0);
  });

  it('forgets a stream the user broke out of', async () => {
    const feed = new TickerOnlyFeed();
    const stream = feed.watchTicker('BTCUSDT')[Symbol.asyncIterator]();
    const next = stream.next();
    feed.push?.({ venue: 'acme', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT', timestamp: 1 });
    await next;
    await stream.return?.();
    expect(feed.streamsOpen).toBe(0);
    expect(feed.watchTicker('X', { signal: AbortSignal.abort() })).toBeDefined();
    expect(feed.streamsOpen).toBe(0);
  });

  it('works with await using', async () => {
    let feed: TickerOnlyFeed | undefined;
    {
      await using f = new TickerOnlyFeed();
      feed = f;
      await f.connect();
    }
    expect(feed.closes).toBe(1);
  });
});

describe('defineCapabilities', () => {
  it('makes a full, frozen record with false by default', () => {
    const caps = defineCapabilities({ getTicker: true, watchTrades: true });
    expect(Object.keys(caps)).toEqual([...FEED_OPERATIONS]);
    expect(caps.getTicker && caps.watchTrades && !caps.placeOrder).toBe(true);
    expect(Object.isFrozen(caps)).toBe(true);
  });
});
