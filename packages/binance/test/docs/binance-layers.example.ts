import { Client, type Trade } from '@venuekit/base';
import {
  BinanceBookManager,
  BinanceMarketStreams,
  BinanceRestClient,
  createBinanceSigner,
  restSnapshotFetcher,
  tradeFromEvent,
  tradeStreamName,
} from '@venuekit/binance/plugin';
import { BINANCE_DOCS_HMAC_KEY, startBinanceSim } from '@venuekit/testkit';

await using sim = await startBinanceSim({ market: 'spot' });
sim.startStreaming({ intervalMs: 10 });
const credentials = { apiKey: BINANCE_DOCS_HMAC_KEY.apiKey, secret: BINANCE_DOCS_HMAC_KEY.secret };
const btc = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };

// 1. The REST client: typed endpoints; weights charged before sending, usage re-synced from
//    Binance's headers, 429 pauses and 418 bans obeyed, errors typed by Binance's code.
const rest = new BinanceRestClient({ market: 'spot', baseUrl: sim.httpUrl, credentials });
export const offsetMs = await rest.syncClock(); // signatures use the server's time from now on
export const depth = await rest.depth('BTCUSDT', 5); // weight 5

// 2. Any other endpoint: the client knows which ones need a signature (override with { signed }).
export const avgPrice = await rest.request<{ mins: number; price: string }>('GET', '/api/v3/avgPrice', {
  symbol: 'BTCUSDT',
});
export const allOrders = await rest.request<unknown[]>('GET', '/api/v3/allOrders', { symbol: 'BTCUSDT' });

// 3. Base's generic Client with Binance's signer for another host (a testnet, a simulator).
const signer = createBinanceSigner({ name: 'binance_sim', hosts: [new URL(sim.httpUrl).host] });
const client = new Client({ baseUrl: sim.httpUrl, apis: { binance_sim: credentials }, signers: [signer] });
export const account = await client.fetch<{ balances: unknown[] }>('GET', '/api/v3/account', {
  auth: 'binance_sim',
});

// 4. Market streams: combined connections, SUBSCRIBE acknowledged, the 5 messages/s budget kept.
const streams = new BinanceMarketStreams({ market: 'spot', baseUrl: sim.wsUrl });
export const trades: Trade[] = [];
let thirdTrade = (): void => {};
const three = new Promise<void>((resolve) => {
  thirdTrade = resolve;
});
const subscription = await streams.subscribe(tradeStreamName('BTCUSDT'), (data) => {
  if (trades.push(tradeFromEvent(data, btc)) === 3) thirdTrade();
});
await three;
await subscription.unsubscribe();

// 5. Local order books for any number of symbols; snapshots go through the REST limiter.
const books = new BinanceBookManager({ market: 'spot', streams, fetchSnapshot: restSnapshotFetcher(rest) });
export const tops: Array<[bid: number, ask: number]> = [];
for await (const book of books.watchOrderBook('BTCUSDT', { limit: 1 })) {
  tops.push([book.bids[0]![0], book.asks[0]![0]]);
  if (tops.length === 2) break;
}

await books.close();
await streams.close();
await client.close();
await rest.close();
