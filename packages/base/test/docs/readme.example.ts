import { BaseFeed, ExchangeRegistry, type FeedOptions, type Ticker, definePlugin } from '@venuekit/base';

// A venue of your own is a plugin, registered exactly the way @venuekit/binance registers.
class MyVenueFeed extends BaseFeed {
  constructor(options: FeedOptions) {
    super({ id: 'MYVENUE___SPOT', venue: 'myvenue', options });
  }
  override async getTicker(symbol: string): Promise<Ticker> {
    return { venue: 'myvenue', symbol, unifiedSymbol: 'BTC/USD', bid: 99.5, ask: 100, timestamp: Date.now() };
  }
}

const registry = ExchangeRegistry.createIsolated(); // tests never share the global registry
registry.use(
  definePlugin({ name: 'myvenue', version: '1.0.0', feeds: { MYVENUE___SPOT: (o) => new MyVenueFeed(o) } }),
);

const feed = registry.createFeed('MYVENUE___SPOT', {});
export const ticker = await feed.getTicker('BTCUSD'); // { bid: 99.5, ask: 100, … }
export const canTrade = feed.capabilities.placeOrder; // false: this feed does not trade (NotSupportedError)
