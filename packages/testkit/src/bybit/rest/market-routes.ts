// Public market endpoints of the Bybit simulator: server time, instruments (with status filter
// and cursor paging), tickers, the order book (its `u` is the 1000-level stream's), recent trades
// and klines (newest first, as Bybit answers).
import { BybitErrors } from '../errors.js';
import { isKlineInterval } from '../market/kline-intervals.js';
import { formatUnits } from '../decimal.js';
import { instrumentJson, klineRow, recentTradeJson, tickerFields } from '../market/market-json.js';
import { REST_BOOK_DEPTH } from '../market/symbol-market.js';
import type { BybitVenue } from '../venue-context.js';
import { categoryMarket, symbolMarket } from '../venue-context.js';
import type { BybitEndpoint } from './endpoint.js';

/** Ticker fields REST lists for spot (the rest of {@link tickerFields} is linear-only or stream-only). */
const SPOT_TICKER_FIELDS = [
  'symbol',
  'bid1Price',
  'bid1Size',
  'ask1Price',
  'ask1Size',
  'lastPrice',
  'prevPrice24h',
  'price24hPcnt',
  'highPrice24h',
  'lowPrice24h',
  'turnover24h',
  'volume24h',
  'usdIndexPrice',
] as const;

/** The market endpoints. */
export function marketEndpoints(venue: BybitVenue): BybitEndpoint[] {
  return [
    {
      method: 'GET',
      path: '/v5/market/time',
      auth: false,
      handle: ({ now }) => ({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }),
    },
    {
      method: 'GET',
      path: '/v5/market/instruments-info',
      auth: false,
      handle: ({ params, now }) => {
        const market = categoryMarket(venue, params.text('category'));
        const symbol = params.text('symbol');
        const status = params.text('status');
        const baseCoin = params.text('baseCoin');
        const limit = params.int('limit', 500, 1, 1000);
        const start = Number(params.text('cursor') ?? '0');
        if (!Number.isInteger(start) || start < 0)
          throw BybitErrors.params('params error: cursor is invalid');
        const all = market.symbols.filter(
          (c) =>
            (symbol === undefined || c.symbol === symbol) &&
            (status === undefined || c.status === status) &&
            (baseCoin === undefined || c.baseCoin === baseCoin),
        );
        const page = all.slice(start, start + limit);
        const launch = market.get(market.symbols[0]!.symbol)!.klines.historyStart;
        const list = page.map((c) => instrumentJson(c, Math.min(launch, now)));
        const result: Record<string, unknown> = { category: market.category, list };
        if (market.category !== 'spot')
          result.nextPageCursor = start + limit < all.length ? String(start + limit) : '';
        return result;
      },
    },
    {
      method: 'GET',
      path: '/v5/market/tickers',
      auth: false,
      handle: ({ params, now }) => {
        const market = categoryMarket(venue, params.text('category'));
        const symbol = params.text('symbol');
        const list = (
          symbol === undefined
            ? market.symbols.map((c) => market.get(c.symbol)!)
            : [symbolMarket(market, symbol)]
        ).map((m) => {
          const f = tickerFields(m, now);
          if (market.category !== 'spot') {
            delete f.tickDirection;
            return f;
          }
          const out: Record<string, string> = {};
          for (const k of SPOT_TICKER_FIELDS) out[k] = f[k] ?? '';
          return out;
        });
        return { category: market.category, list };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/orderbook',
      auth: false,
      handle: ({ params, now }) => {
        const market = categoryMarket(venue, params.text('category'));
        const m = symbolMarket(market, params.text('symbol'));
        const limit = params.int('limit', market.category === 'spot' ? 1 : 25, 1, 1000);
        const w = m.window(REST_BOOK_DEPTH);
        const cfg = m.cfg;
        const levels = (side: typeof m.bids) =>
          side
            .top(limit)
            .map(([p, q]) => [formatUnits(p, cfg.priceDecimals), formatUnits(q, cfg.qtyDecimals)]);
        return {
          s: cfg.symbol,
          b: levels(m.bids),
          a: levels(m.asks),
          ts: now,
          u: w.u,
          seq: m.seq,
          cts: m.lastTime,
        };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/recent-trade',
      auth: false,
      handle: ({ params }) => {
        const market = categoryMarket(venue, params.text('category'));
        const m = symbolMarket(market, params.text('symbol'));
        const spot = market.category === 'spot';
        const limit = params.int('limit', spot ? 60 : 500, 1, spot ? 60 : 1000);
        const list = [];
        for (let i = m.trades.length - 1; i >= 0 && list.length < limit; i--)
          list.push(recentTradeJson(m.trades[i]!));
        return { category: market.category, list };
      },
    },
    {
      method: 'GET',
      path: '/v5/market/kline',
      auth: false,
      handle: ({ params, now }) => {
        const market = categoryMarket(venue, params.text('category') ?? 'linear');
        const m = symbolMarket(market, params.text('symbol'));
        const interval = params.text('interval');
        if (interval === undefined || !isKlineInterval(interval)) {
          throw BybitErrors.params(
            `params error: interval must be one of 1 3 5 15 30 60 120 240 360 720 D W M, got '${interval ?? ''}'`,
          );
        }
        const limit = params.int('limit', 200, 1, 1000);
        const candles = m.klines.recent(
          interval,
          now,
          limit,
          params.optionalInt('start'),
          params.optionalInt('end'),
        );
        return {
          symbol: m.cfg.symbol,
          category: market.category,
          list: candles.map((c) => klineRow(m.cfg, c)),
        };
      },
    },
  ];
}
