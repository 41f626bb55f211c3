// Binance market-stream names: `<symbol>@depth@100ms`, `<symbol>@kline_1m`, `!miniTicker@arr`, …
// parsed into what the simulator publishes on them, and which USDⓈ-M route (`/public` or
// `/market`) serves each.
import type { BinanceMarketKind } from '../symbols.js';
import { isKlineInterval } from '../market/kline-intervals.js';

/** What a stream carries. */
export type StreamKind =
  | 'depth'
  | 'partialDepth'
  | 'trade'
  | 'aggTrade'
  | 'kline'
  | 'ticker'
  | 'miniTicker'
  | 'bookTicker'
  | 'markPrice'
  | 'avgPrice'
  | 'allMiniTicker'
  | 'allTicker'
  | 'allBookTicker'
  | 'allMarkPrice';

/** A parsed stream name. */
export interface StreamInfo {
  readonly name: string;
  readonly kind: StreamKind;
  /** Upper-case symbol for per-symbol streams. */
  readonly symbol: string | undefined;
  /** Levels of a partial-depth stream. */
  readonly levels: number;
  /** Kline interval. */
  readonly interval: string;
  /** USDⓈ-M route that serves it (`public`: depth and book tickers; `market`: the rest). */
  readonly route: 'public' | 'market';
}

const SPEED = '(?:@(?:100|250|500|1000)ms)?';
const PER_SYMBOL = new RegExp(
  `^([a-z0-9]+)@(depth${SPEED}|depth(5|10|20)${SPEED}|trade|aggTrade|kline_([0-9]+[smhdwM])|ticker|miniTicker|bookTicker|markPrice(?:@1s)?|avgPrice)$`,
);

/** Parses `name` for `market`; undefined for names that publish nothing on that market. */
export function parseStreamName(name: string, market: BinanceMarketKind): StreamInfo | undefined {
  const spot = market === 'spot';
  switch (name) {
    case '!miniTicker@arr':
      return info(name, 'allMiniTicker', undefined, 'market');
    case '!ticker@arr':
      return info(name, 'allTicker', undefined, 'market');
    case '!bookTicker':
      return spot ? undefined : info(name, 'allBookTicker', undefined, 'public');
    case '!markPrice@arr':
    case '!markPrice@arr@1s':
      return spot ? undefined : info(name, 'allMarkPrice', undefined, 'market');
  }
  const m = PER_SYMBOL.exec(name);
  if (m === null) return undefined;
  const symbol = m[1]!.toUpperCase();
  const what = m[2]!;
  if (what.startsWith('depth')) {
    if (m[3] !== undefined) return { ...info(name, 'partialDepth', symbol, 'public'), levels: Number(m[3]) };
    return info(name, 'depth', symbol, 'public');
  }
  if (what.startsWith('kline_')) {
    const interval = m[4]!;
    if (!isKlineInterval(interval) || (!spot && interval === '1s')) return undefined;
    return { ...info(name, 'kline', symbol, 'market'), interval };
  }
  if (what === 'trade' || what === 'avgPrice') return spot ? info(name, what, symbol, 'market') : undefined;
  if (what.startsWith('markPrice')) return spot ? undefined : info(name, 'markPrice', symbol, 'market');
  if (what === 'bookTicker') return info(name, 'bookTicker', symbol, 'public');
  return info(name, what as StreamKind, symbol, 'market');
}

function info(
  name: string,
  kind: StreamKind,
  symbol: string | undefined,
  route: 'public' | 'market',
): StreamInfo {
  return { name, kind, symbol, levels: 0, interval: '', route };
}
