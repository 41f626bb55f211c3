// USDⓈ-M public REST endpoints (`/fapi/v1/…`): ping, time, exchangeInfo, depth, trades,
// aggTrades, klines, premiumIndex and the tickers, with the futures weights.
import { usdmExchangeInfo } from '../exchange-info.js';
import {
  aggTradeJson,
  bookTickerJson,
  depthJson,
  premiumIndexJson,
  priceTickerJson,
  ticker24hJson,
  tradeJson,
} from '../market/market-json.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import type { RequestParams } from '../params.js';
import type { VenueContext } from '../venue-context.js';
import type { Endpoint } from './endpoint.js';
import { klinesEndpoint } from './spot-market-routes.js';
import { requireSymbolMarket } from './symbol-params.js';

/** Futures depth weight by `limit`: ≤50: 2, 100: 5, 500: 10, 1000: 20. */
export function futuresDepthWeight(limit: number): number {
  return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
}

/** Futures klines weight by `limit`: <100: 1, <500: 2, ≤1000: 5, more: 10. */
export function futuresKlinesWeight(p: RequestParams): number {
  const limit = p.int('limit', 500, 1, 1500);
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

/** The USDⓈ-M market-data endpoints of `venue`. */
export function futuresMarketEndpoints(venue: VenueContext): Endpoint[] {
  const oneOrAll = (p: RequestParams, fn: (m: SymbolMarket) => unknown) => {
    if (p.get('symbol') !== undefined) return fn(requireSymbolMarket(venue, p));
    return venue.market.symbols.map((s) => fn(venue.market.get(s.symbol)!));
  };
  return [
    { method: 'GET', path: '/fapi/v1/ping', security: 'NONE', weight: 1, handle: () => ({}) },
    {
      method: 'GET',
      path: '/fapi/v1/time',
      security: 'NONE',
      weight: 1,
      handle: ({ now }) => ({ serverTime: now }),
    },
    {
      method: 'GET',
      path: '/fapi/v1/exchangeInfo',
      security: 'NONE',
      weight: 1,
      handle: ({ now }) => usdmExchangeInfo(venue.market.symbols, venue.limits, now),
    },
    {
      method: 'GET',
      path: '/fapi/v1/depth',
      security: 'NONE',
      weight: (p) => futuresDepthWeight(p.int('limit', 500, 1, 1000)),
      handle: ({ params, now }) =>
        depthJson(requireSymbolMarket(venue, params), params.int('limit', 500, 1, 1000), now),
    },
    {
      method: 'GET',
      path: '/fapi/v1/trades',
      security: 'NONE',
      weight: 5,
      handle: ({ params }) =>
        requireSymbolMarket(venue, params)
          .trades.slice(-params.int('limit', 500, 1, 1000))
          .map(tradeJson),
    },
    {
      method: 'GET',
      path: '/fapi/v1/aggTrades',
      security: 'NONE',
      weight: 20,
      handle: ({ params }) =>
        requireSymbolMarket(venue, params)
          .trades.slice(-params.int('limit', 500, 1, 1000))
          .map(aggTradeJson),
    },
    klinesEndpoint(venue, '/fapi/v1/klines', futuresKlinesWeight),
    {
      method: 'GET',
      path: '/fapi/v1/premiumIndex',
      security: 'NONE',
      weight: (p) => (p.get('symbol') === undefined ? 10 : 1),
      handle: ({ params, now }) => oneOrAll(params, (m) => premiumIndexJson(m, now)),
    },
    {
      method: 'GET',
      path: '/fapi/v1/ticker/24hr',
      security: 'NONE',
      weight: (p) => (p.get('symbol') === undefined ? 40 : 1),
      handle: ({ params, now }) => oneOrAll(params, (m) => ticker24hJson(m, now)),
    },
    {
      method: 'GET',
      path: '/fapi/v1/ticker/price',
      security: 'NONE',
      weight: (p) => (p.get('symbol') === undefined ? 2 : 1),
      handle: ({ params, now }) => oneOrAll(params, (m) => priceTickerJson(m, now)),
    },
    {
      method: 'GET',
      path: '/fapi/v1/ticker/bookTicker',
      security: 'NONE',
      weight: (p) => (p.get('symbol') === undefined ? 5 : 2),
      handle: ({ params, now }) => oneOrAll(params, (m) => bookTickerJson(m, now)),
    },
  ];
}
