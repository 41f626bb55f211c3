// Spot public REST endpoints (`/api/v3/…`): ping, time, exchangeInfo, depth, trades, aggTrades,
// klines, avgPrice and the tickers, with Binance's weights (depth and ticker weights depend on
// the parameters).
import { BinanceApiError, BinanceErrors } from '../errors.js';
import { spotExchangeInfo } from '../exchange-info.js';
import { isKlineInterval } from '../market/kline-intervals.js';
import {
  aggTradeJson,
  avgPriceJson,
  bookTickerJson,
  depthJson,
  klineRow,
  priceTickerJson,
  ticker24hJson,
  tradeJson,
} from '../market/market-json.js';
import type { RequestParams } from '../params.js';
import type { VenueContext } from '../venue-context.js';
import type { Endpoint } from './endpoint.js';
import { requireSymbolMarket, selectedSymbols, symbolCount } from './symbol-params.js';

/** Spot depth weight by `limit`: 5 (≤100), 25 (≤500), 50 (≤1000), 250 (≤5000). */
export function spotDepthWeight(limit: number): number {
  return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
}

/** Spot 24hr ticker weight: 2 per symbol; 80 for all; `symbols` 1-20: 2, 21-100: 40, 101+: 80. */
export function spotTicker24hWeight(p: RequestParams): number {
  const n = symbolCount(p);
  if (n === 0) return 80;
  if (p.get('symbol') !== undefined) return 2;
  return n <= 20 ? 2 : n <= 100 ? 40 : 80;
}

/** The Spot market-data endpoints of `venue`. */
export function spotMarketEndpoints(venue: VenueContext): Endpoint[] {
  const each = (p: RequestParams, fn: (m: NonNullable<ReturnType<typeof venue.market.get>>) => unknown) => {
    const selected = selectedSymbols(venue, p);
    if (selected !== undefined && p.get('symbol') !== undefined) return fn(selected[0]!);
    const list = selected ?? venue.market.symbols.map((s) => venue.market.get(s.symbol)!);
    return list.map(fn);
  };
  return [
    { method: 'GET', path: '/api/v3/ping', security: 'NONE', weight: 1, handle: () => ({}) },
    {
      method: 'GET',
      path: '/api/v3/time',
      security: 'NONE',
      weight: 1,
      handle: ({ now }) => ({ serverTime: now }),
    },
    {
      method: 'GET',
      path: '/api/v3/exchangeInfo',
      security: 'NONE',
      weight: 20,
      handle: ({ params, now }) => {
        const selected = selectedSymbols(venue, params);
        const cfgs = selected === undefined ? venue.market.symbols : selected.map((m) => m.cfg);
        return spotExchangeInfo(cfgs, venue.limits, now);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/depth',
      security: 'NONE',
      weight: (p) => spotDepthWeight(p.int('limit', 100, 1, 5000)),
      handle: ({ params, now }) => {
        const m = requireSymbolMarket(venue, params);
        return depthJson(m, params.int('limit', 100, 1, 5000), now);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/trades',
      security: 'NONE',
      weight: 25,
      handle: ({ params }) => {
        const m = requireSymbolMarket(venue, params);
        const limit = params.int('limit', 500, 1, 1000);
        return m.trades.slice(-limit).map(tradeJson);
      },
    },
    {
      method: 'GET',
      path: '/api/v3/aggTrades',
      security: 'NONE',
      weight: 4,
      handle: ({ params }) => {
        const m = requireSymbolMarket(venue, params);
        const limit = params.int('limit', 500, 1, 1000);
        const fromId = params.optionalInt('fromId');
        const list =
          fromId === undefined
            ? m.trades.slice(-limit)
            : m.trades.filter((t) => t.aggId >= fromId).slice(0, limit);
        return list.map(aggTradeJson);
      },
    },
    klinesEndpoint(venue, '/api/v3/klines'),
    klinesEndpoint(venue, '/api/v3/uiKlines'),
    {
      method: 'GET',
      path: '/api/v3/avgPrice',
      security: 'NONE',
      weight: 2,
      handle: ({ params, now }) => avgPriceJson(requireSymbolMarket(venue, params), now),
    },
    {
      method: 'GET',
      path: '/api/v3/ticker/24hr',
      security: 'NONE',
      weight: spotTicker24hWeight,
      handle: ({ params, now }) => {
        const type = params.oneOf(
          'type',
          ['FULL', 'MINI'],
          'FULL',
          () => new BinanceApiError(-1139, 'Invalid ticker type.'),
        )!;
        return each(params, (m) => ticker24hJson(m, now, type === 'MINI'));
      },
    },
    {
      method: 'GET',
      path: '/api/v3/ticker/price',
      security: 'NONE',
      weight: (p) => (symbolCount(p) === 0 ? 4 : 2),
      handle: ({ params, now }) => each(params, (m) => priceTickerJson(m, now)),
    },
    {
      method: 'GET',
      path: '/api/v3/ticker/bookTicker',
      security: 'NONE',
      weight: (p) => (symbolCount(p) === 0 ? 4 : 2),
      handle: ({ params, now }) => each(params, (m) => bookTickerJson(m, now)),
    },
  ];
}

/** GET klines (Spot and futures share the shape; futures allow 1500 rows). */
export function klinesEndpoint(venue: VenueContext, path: string, weight: Endpoint['weight'] = 2): Endpoint {
  const maxLimit = venue.kind === 'spot' ? 1000 : 1500;
  return {
    method: 'GET',
    path,
    security: 'NONE',
    weight,
    handle: ({ params, now }) => {
      const m = requireSymbolMarket(venue, params);
      const interval = params.required('interval');
      if (!isKlineInterval(interval) || (venue.kind === 'usdm' && interval === '1s'))
        throw BinanceErrors.badInterval();
      const limit = params.int('limit', 500, 1, maxLimit);
      const start = params.optionalInt('startTime');
      const end = params.optionalInt('endTime');
      return m.klines.query(interval, now, limit, start, end).map((k) => klineRow(m.cfg, k));
    },
  };
}
