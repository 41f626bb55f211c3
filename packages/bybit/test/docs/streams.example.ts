import type { OrderBook, Ticker, Trade } from '@venuekit/base';
import { BybitBookManager, BybitMarketWatchers, BybitPublicStreams } from '@venuekit/bybit/plugin';
import { startBybitSim } from '@venuekit/testkit';

await using sim = await startBybitSim({
  categories: ['linear'],
  symbols: [{ symbol: 'BTCUSDT', levels: 100 }],
});
sim.startStreaming({ intervalMs: 10 });

// 1. The public streams of one category, pooled: topics fill a connection before another opens,
//    every subscribe is acknowledged by req_id, `{"op":"ping"}` goes out every 20 s.
await using streams = new BybitPublicStreams({
  category: 'linear', // or 'spot' (at most 10 args per subscribe request there)
  url: sim.urls.publicLinear, // in production: leave `url` out (wss://stream.bybit.com/v5/public/linear)
});
const seen = new Set<string>();
const subscription = await streams.subscribe(['publicTrade.BTCUSDT', 'tickers.BTCUSDT'], (message) => {
  seen.add(`${message.topic} ${message.type}`); // raw { topic, type, ts, data }: read it, do not keep it
});
const acknowledged = subscription.topics; // resolves once Bybit acknowledged every topic
await subscription.unsubscribe();

// 2. The same streams as venuekit models: trades, tickers (linear deltas merged), candles.
const watchers = new BybitMarketWatchers(streams);
let ticker: Ticker | undefined;
for await (ticker of watchers.watchTicker('BTCUSDT')) break;
let trade: Trade | undefined;
for await (trade of watchers.watchTrades('BTCUSDT', { overflow: 'dropOldest' })) break;

// 3. Local order books: snapshot, then deltas that must follow `u` by one.
await using books = new BybitBookManager({ streams, depth: 200 }); // 1, 50, 200 or 1000 levels
const events: string[] = [];
books.on('live', ({ reset }) => events.push(reset ? 'live after a u = 1 reset' : 'live'));
books.on('resync', ({ reason }) => events.push(`resync: ${reason}`));
const handle = await books.track('BTCUSDT'); // keeps the book (and its topic) until released
let top: OrderBook | undefined;
for await (top of books.watchOrderBook('BTCUSDT', { limit: 5 })) break; // the first live book

// A skipped `u` discards the book and resubscribes the topic; Bybit answers with a fresh snapshot.
const relive = () => new Promise((resolve) => books.events.once('live', resolve));
let back = relive();
sim.injectSequenceJump('BTCUSDT'); // the simulator hides a change: the next delta skips a `u`
await back;
// A snapshot — or a message with u = 1, which a Bybit service restart sends — replaces the book.
back = relive();
sim.injectReset('BTCUSDT');
await back;
const stats = books.stats('BTCUSDT')!;
await handle.release(); // the last holder: the topic is unsubscribed
sim.stopStreaming();

export { acknowledged, events, seen, stats, ticker, top, trade };
