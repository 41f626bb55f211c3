// DataStoreCollection end to end against the generic venue on loopback: seeded from REST through
// the real Client (initialize routes by URL path and reports every failure while applying the
// rest), then fed by a real WebSocketApp through `onmessage`, with `wait()` woken per message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  Client,
  ConfigError,
  DataStore,
  DataStoreCollection,
  InitializeError,
  OrderBookStore,
  WebSocketApp,
} from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';

interface Ticker {
  symbol: string;
  bid: number;
  ask: number;
  last?: number;
}
interface Trade {
  price: number;
  qty: number;
}
interface Depth {
  symbol: string;
  bids: [string, string][];
  asks: [string, string][];
}
interface Message {
  topic?: string;
  data?: unknown;
}

/** What a venue package writes: its stores, and how its messages and responses land in them. */
class GenericStores extends DataStoreCollection {
  readonly tickers = this.add('ticker', new DataStore<Ticker>({ keys: ['symbol'] }));
  readonly trades = this.add('trades', new DataStore<Trade>({ maxlen: 100 }));
  readonly book = this.add('book', new OrderBookStore());
  messages = 0;

  protected override handleMessage(msg: unknown): void {
    this.messages++;
    const { topic, data } = msg as Message;
    if (topic === 'ticker') this.tickers.update([data as Ticker]);
    else if (topic === 'trades.BTCUSD') this.trades.insert([data as Trade]);
    else if (topic === 'depth.BTCUSD') {
      const d = data as Depth;
      this.book.applyDelta(d.symbol, d.bids, d.asks);
    }
  }

  protected override handleResponse(path: string, data: unknown): boolean {
    if (path === '/api/ticker') this.tickers.insert([data as Ticker]);
    else if (path === '/api/depth') {
      const d = data as Depth;
      this.book.applySnapshot(d.symbol, d.bids, d.asks);
    } else if (path === '/api/broken') throw new Error('unexpected response shape');
    else return false;
    return true;
  }
}

let venue: GenericVenue;
let client: Client;

beforeAll(async () => {
  venue = await startGenericVenue();
  venue.route('GET', '/api/depth', () => ({
    json: {
      symbol: 'BTCUSD',
      bids: [
        ['50000', '1'],
        ['49999', '2'],
      ],
      asks: [
        ['50001', '3'],
        ['50002', '4'],
      ],
    },
  }));
  venue.route('GET', '/api/broken', () => ({ json: { nope: true } }));
  client = new Client({ baseUrl: venue.httpUrl, apis: {} });
});
afterAll(async () => {
  await client.close();
  await venue.close();
});

describe('DataStoreCollection.initialize', () => {
  it('routes fetch results by URL path into the stores', async () => {
    const stores = new GenericStores();
    await stores.initialize(
      client.fetch('GET', '/api/ticker', { params: { symbol: 'BTCUSD' } }),
      client.fetch('GET', '/api/ticker', { params: { symbol: 'ETHUSD' } }),
      client.fetch('GET', '/api/depth'),
    );
    expect(stores.tickers.get({ symbol: 'BTCUSD' })).toMatchObject({ bid: 50_000, ask: 50_001 });
    expect(stores.tickers.size).toBe(2);
    expect(stores.book.sorted({ symbol: 'BTCUSD', limit: 1 })).toEqual({
      bids: [[50_000, 1]],
      asks: [[50_001, 3]],
    });
    expect(stores.names()).toEqual(['ticker', 'trades', 'book']);
    expect(stores.has('trades')).toBe(true);
    expect(stores.has('nope')).toBe(false);
    expect(Object.fromEntries([...stores].map(([name, store]) => [name, store.size]))).toEqual({
      ticker: 2,
      trades: 0,
      book: 4,
    });
    expect(stores.get('book')).toBe(stores.book);
  });

  it('applies every good response and then reports each failed one', async () => {
    const stores = new GenericStores();
    const error = await stores
      .initialize(
        client.fetch('GET', '/api/ticker', { params: { symbol: 'BTCUSD' } }),
        client.fetch('GET', '/api/ticker', { params: { symbol: 'NOPE' } }),
        client.fetch('GET', '/api/time'),
        client.fetch('GET', '/api/broken'),
        client.fetch('GET', '/api/depth'),
        { response: { url: `${venue.httpUrl}/api/ticker`, status: 503 }, data: {} },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InitializeError);
    const failures = (error as InitializeError).failures;
    expect(failures.map((f) => f.index).sort()).toEqual([1, 2, 3, 5]);
    const byIndex = new Map(failures.map((f) => [f.index, f]));
    expect(byIndex.get(1)!.error).toBeInstanceOf(BadRequestError);
    expect(byIndex.get(2)).toMatchObject({ path: '/api/time' });
    expect(byIndex.get(2)!.error).toBeInstanceOf(ConfigError);
    expect(String(byIndex.get(3)!.error)).toContain('unexpected response shape');
    expect(String(byIndex.get(5)!.error)).toContain('HTTP 503');
    expect((error as Error).message).toMatch(/4 response\(s\) failed/);
    // The good ones landed.
    expect(stores.tickers.get({ symbol: 'BTCUSD' })).toBeDefined();
    expect(stores.book.depth('BTCUSD', 'ask')).toBe(2);
  });

  it('accepts bare { path, data } and { url, data } sources', async () => {
    const stores = new GenericStores();
    await stores.initialize(
      { path: '/api/ticker', data: { symbol: 'X', bid: 1, ask: 2 } },
      Promise.resolve({
        url: 'https://example.invalid/api/ticker?symbol=Y',
        data: { symbol: 'Y', bid: 3, ask: 4 },
      }),
    );
    expect(stores.tickers.find().map((t) => t.symbol)).toEqual(['X', 'Y']);
  });

  it('refuses two stores under one name', () => {
    const stores = new GenericStores();
    expect(() => stores.add('book', new OrderBookStore())).toThrow(ConfigError);
  });
});

describe('DataStoreCollection.onmessage', () => {
  it('is fed by a WebSocketApp and wakes wait() per message', async () => {
    const stores = new GenericStores();
    await stores.initialize(client.fetch('GET', '/api/depth'));
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`, {
      send: { op: 'subscribe', args: ['ticker', 'trades.BTCUSD', 'depth.BTCUSD'], id: 1 },
      onJson: stores.onmessage,
      reconnect: false,
    });
    await venue.waitForSubscriptions(3);

    const woke = stores.wait();
    venue.publish('ticker', { symbol: 'BTCUSD', bid: 1, ask: 2 });
    await woke;
    expect(stores.tickers.get({ symbol: 'BTCUSD' })).toEqual({ symbol: 'BTCUSD', bid: 1, ask: 2 });

    const bookChanged = stores.book.wait();
    venue.publish('depth.BTCUSD', { symbol: 'BTCUSD', bids: [['50000', '0']], asks: [['50000.5', '7']] });
    await bookChanged;
    expect(stores.book.best('BTCUSD')).toEqual({ bid: [49_999, 2], ask: [50_000.5, 7] });

    for (let i = 0; i < 150; i++) venue.publish('trades.BTCUSD', { price: i, qty: 1 });
    while (stores.trades.find().at(-1)?.price !== 149) await stores.trades.wait();
    expect(stores.trades.size).toBe(100);
    expect(stores.trades.find()[0]!.price).toBe(50);
    await app.close();
  });

  it('wakes waiters even when the handler throws, and rethrows to the caller', async () => {
    class Failing extends DataStoreCollection {
      protected override handleMessage(): void {
        throw new Error('bad message');
      }
    }
    const stores = new Failing();
    const woke = stores.wait();
    expect(() => stores.onmessage({})).toThrow('bad message');
    await woke;
  });
});
