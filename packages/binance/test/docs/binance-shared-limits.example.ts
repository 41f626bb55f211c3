import { RateLimiter, silentLogger } from '@venuekit/base';
import { BinanceRestClient, BinanceSpotFeed } from '@venuekit/binance/plugin';
import { BINANCE_DOCS_HMAC_KEY, startBinanceSim } from '@venuekit/testkit';

await using sim = await startBinanceSim({ market: 'spot', limits: { requestWeightPerMinute: 200 } });
const credentials = { apiKey: BINANCE_DOCS_HMAC_KEY.apiKey, secret: BINANCE_DOCS_HMAC_KEY.secret };
const urls = { rest: sim.httpUrl, stream: sim.wsUrl };

// Clients and feeds of one route (market + REST host + session egress) share one IP budget and
// one ban; clients of one API key share its ORDERS windows (kept under a digest tag, not the key).
const quotes = new BinanceRestClient({ baseUrl: sim.httpUrl, logger: silentLogger });
const trader = new BinanceRestClient({ baseUrl: sim.httpUrl, credentials, logger: silentLogger });
export const sameRoute = quotes.limiter.route === trader.limiter.route; // true
export const accountTag = trader.accountTag; // 12 hex digits

await quotes.exchangeInfo(); // the simulator's 200 weight / minute now applies to both clients
export const limit = trader.limiter.state()['REQUEST_WEIGHT:1M']?.limit; // 200

// A base RateLimiter of your own (say, one budget for all your venues) paces a feed on top of it.
const budget = new RateLimiter([{ name: 'all venues', kind: 'slidingWindow', intervalMs: 1000, limit: 50 }]);
const feed = new BinanceSpotFeed({ urls, limiter: budget, logger: silentLogger });
export const feedShares = feed.limiter.route === quotes.limiter.route; // true
export const ticker = await feed.getTicker('BTCUSDT');

await Promise.all([feed.disconnect(), quotes.close(), trader.close()]);
export const violations = sim.violations; // 0
