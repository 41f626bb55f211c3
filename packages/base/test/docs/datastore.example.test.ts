// The example of docs/datastore.md, kept as a test so the guide cannot rot: the test below runs
// the example, and the last test checks that every line of the guide's example block appears in
// this file, so the two cannot drift apart silently.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// example:start
import { Client, DataStore, DataStoreCollection, OrderBookStore, WebSocketApp } from '@venuekit/base';
import { startGenericVenue } from '@venuekit/testkit';

interface Ticker {
  symbol: string;
  bid: number;
  ask: number;
  last?: number;
}
interface Depth {
  bids: [string, string][];
  asks: [string, string][];
}

// A venue package (or your own plugin) groups its stores and says where messages land.
class GenericStores extends DataStoreCollection {
  readonly tickers = this.add('ticker', new DataStore<Ticker>({ keys: ['symbol'] }));
  readonly book = this.add('book', new OrderBookStore());

  protected override handleMessage(msg: unknown): void {
    const { topic, data } = msg as { topic?: string; data?: unknown };
    if (topic === 'ticker') this.tickers.update([data as Ticker]);
    else if (topic === 'depth.BTCUSD') {
      const { bids, asks } = data as Depth;
      this.book.applyDelta('BTCUSD', bids, asks); // the venue's own ["price", "size"] arrays
    }
  }

  protected override handleResponse(path: string, data: unknown): boolean {
    if (path === '/api/ticker') this.tickers.insert([data as Ticker]);
    else return false; // initialize() reports responses nobody handles
    return true;
  }
}
// example:end

describe('docs/datastore.md example', () => {
  it('seeds from REST, follows the socket, watches changes and reads a sorted book', async () => {
    // example:start
    await using venue = await startGenericVenue(); // a local simulator stands in for the venue
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    const stores = new GenericStores();

    // 1. Seed from REST: every response is routed by its URL path to handleResponse.
    await stores.initialize(client.fetch('GET', '/api/ticker', { params: { symbol: 'BTCUSD' } }));
    console.log(stores.tickers.get({ symbol: 'BTCUSD' })); // { symbol: 'BTCUSD', bid: 50000, ask: 50001, … }

    // 2. Keep the stores current from the socket: onmessage is bound, pass it as the handler.
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`, {
      send: { op: 'subscribe', args: ['ticker', 'depth.BTCUSD'], id: 1 },
      onJson: stores.onmessage,
    });
    await venue.waitForSubscriptions(2);

    // 3. Watch changes (only those made from now on); `using` detaches the watcher at scope end.
    using changes = stores.tickers.watch();
    venue.publish('ticker', { symbol: 'BTCUSD', bid: 50_010, ask: 50_011 }); // the venue speaks
    const { value: change } = await changes.next();
    console.log(change?.operation, change?.data); // update { symbol: 'BTCUSD', bid: 50010, ask: 50011, last: … }

    // 4. Books are sorted at all times: reading the top 2 levels costs no sort.
    venue.publish('depth.BTCUSD', {
      bids: [
        ['50009', '1.5'],
        ['50008', '3'],
      ],
      asks: [['50012', '2']],
    });
    await stores.book.wait();
    console.log(stores.book.sorted({ symbol: 'BTCUSD', limit: 2 }));
    // { asks: [[50012, 2]], bids: [[50009, 1.5], [50008, 3]] }
    // example:end

    expect(change).toEqual({
      operation: 'update',
      data: { symbol: 'BTCUSD', bid: 50_010, ask: 50_011, last: 50_000.5, ts: expect.any(Number) },
      source: { symbol: 'BTCUSD', bid: 50_010, ask: 50_011 },
    });
    expect(stores.book.sorted({ symbol: 'BTCUSD', limit: 2 })).toEqual({
      asks: [[50_012, 2]],
      bids: [
        [50_009, 1.5],
        [50_008, 3],
      ],
    });
    expect(stores.book.best('BTCUSD').bid).toEqual([50_009, 1.5]);
    expect(app.isOpen).toBe(true);
  });

  it('the guide shows exactly this example', () => {
    const here = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const guide = readFileSync(
      fileURLToPath(new URL('../../../../docs/datastore.md', import.meta.url)),
      'utf8',
    );
    const block = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(block, 'docs/datastore.md has a ```ts example block').toBeDefined();
    const exampleLines = [...here.matchAll(/\/\/ example:start\n([\s\S]*?)\/\/ example:end/g)]
      .flatMap((m) => m[1]!.split('\n'))
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const guideLines = block!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    expect(guideLines).toEqual(exampleLines);
  });
});
