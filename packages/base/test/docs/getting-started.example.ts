import {
  BaseFeed,
  ExchangeRegistry,
  type FeedOptions,
  type Ticker,
  type WatchOptions,
  createInstrument,
  definePlugin,
  formatPrice,
  formatQuantity,
  parseOrderRequest,
} from '@venuekit/base';

// 1. A feed. Venue packages ship real ones; this paper feed quotes whatever it is told.
class PaperFeed extends BaseFeed {
  readonly #listeners = new Set<(ticker: Ticker) => void>();
  #bid = 100;

  constructor(options: FeedOptions) {
    super({ id: 'PAPER___SPOT', venue: 'paper', options });
  }
  override async getTicker(symbol: string): Promise<Ticker> {
    return this.#ticker(symbol);
  }
  override watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    return this.stream<Ticker>(
      `watchTicker ${symbol}`,
      (push) => {
        const listener = (ticker: Ticker) => push(ticker);
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener); // runs on break, abort or disconnect()
      },
      options,
    );
  }
  /** Moves the paper market: every open watchTicker stream gets the new quote. */
  quote(bid: number): void {
    this.#bid = bid;
    for (const listener of this.#listeners) listener(this.#ticker('BTCUSDT'));
  }
  #ticker(symbol: string): Ticker {
    const now = this.options.clock.now();
    return {
      venue: 'paper',
      symbol,
      unifiedSymbol: 'BTC/USDT',
      bid: this.#bid,
      ask: this.#bid + 0.5,
      timestamp: now,
    };
  }
}

// 2. Register it in an isolated registry (tests never share state through the global one).
const registry = ExchangeRegistry.createIsolated();
registry.use(
  definePlugin({
    name: 'paper',
    version: '1.0.0',
    feeds: { PAPER___SPOT: (options) => new PaperFeed(options) },
  }),
);

// 3. Create a feed by id, connect, ask. Unsupported operations are false in capabilities.
const feed = registry.createFeed<PaperFeed>('PAPER___SPOT', { environment: 'testnet' });
await feed.connect();
export const ticker = await feed.getTicker('BTCUSDT');
export const canPlaceOrders = feed.capabilities.placeOrder; // false: PaperFeed does not trade

// 4. Stream with for await; break ends the stream and unsubscribes.
export const bids: number[] = [];
const watching = (async () => {
  for await (const t of feed.watchTicker('BTCUSDT')) {
    bids.push(t.bid ?? Number.NaN);
    if (bids.length === 3) break;
  }
})();
feed.quote(101);
feed.quote(102);
feed.quote(103);
await watching;

// 5. Orders: validate the user's input, then format exact decimals on the instrument's grid.
const btc = createInstrument({
  venue: 'paper',
  symbol: 'BTCUSDT',
  unifiedSymbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  type: 'spot',
  tickSize: 0.01,
  stepSize: 0.00001,
});
const order = parseOrderRequest({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: 0.1 + 0.2,
  price: 43123.456,
});
export const wire = {
  price: formatPrice(btc, order.price ?? 0, 'floor'), // '43123.45': a buy never pays more
  quantity: formatQuantity(btc, order.quantity), // '0.30000', not 0.30000000000000004
};

await feed.disconnect();
