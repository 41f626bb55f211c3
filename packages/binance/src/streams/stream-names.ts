// Binance market-stream names (protocols/binance.md §5, binance-usdm.md §5): how each stream a
// feed uses is spelled (symbols lower-case), which kind of payload it carries, and — on USD-M,
// where streams are split across routed URLs — which route (`/public` or `/market`) serves it.
import { ValidationError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';

/** What a stream carries, as far as venuekit handles it. */
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
  | 'other';

/** USD-M route of a stream (`/public/…` or `/market/…`); Spot streams have one route, `'spot'`. */
export type StreamRoute = 'spot' | 'public' | 'market';

/** Diff-depth update speeds: Spot `100ms` / `1000ms` (default), USD-M `100ms` / `250ms` (default) / `500ms`. */
export type DepthSpeed = '100ms' | '250ms' | '500ms' | '1000ms';

/** Kline intervals Binance knows (`1s` is Spot only). */
export const KLINE_INTERVALS: readonly string[] = [
  '1s',
  '1m',
  '3m',
  '5m',
  '15m',
  '30m',
  '1h',
  '2h',
  '4h',
  '6h',
  '8h',
  '12h',
  '1d',
  '3d',
  '1w',
  '1M',
];

const SYMBOL = /^[A-Za-z0-9_-]{2,32}$/;

function lower(symbol: string): string {
  if (typeof symbol !== 'string' || !SYMBOL.test(symbol))
    throw new ValidationError(
      `symbol: expected a Binance symbol such as "BTCUSDT", got ${JSON.stringify(symbol)}`,
      { venue: 'binance', details: { field: 'symbol' } },
    );
  return symbol.toLowerCase();
}

/** `<symbol>@depth[@speed]`: the diff-depth stream a local order book is built from. */
export function depthStreamName(symbol: string, speed?: DepthSpeed): string {
  if (speed !== undefined && !['100ms', '250ms', '500ms', '1000ms'].includes(speed))
    throw new ValidationError(`speed: expected '100ms', '250ms', '500ms' or '1000ms', got ${String(speed)}`, {
      venue: 'binance',
      details: { field: 'speed' },
    });
  return speed === undefined ? `${lower(symbol)}@depth` : `${lower(symbol)}@depth@${speed}`;
}

/** `<symbol>@trade` (Spot): every trade. */
export function tradeStreamName(symbol: string): string {
  return `${lower(symbol)}@trade`;
}

/** `<symbol>@aggTrade`: trades aggregated per taker order (the only trade stream on USD-M). */
export function aggTradeStreamName(symbol: string): string {
  return `${lower(symbol)}@aggTrade`;
}

/** `<symbol>@kline_<interval>`: the running candle. */
export function klineStreamName(symbol: string, interval: string): string {
  if (!KLINE_INTERVALS.includes(interval))
    throw new ValidationError(
      `interval: expected one of ${KLINE_INTERVALS.join(' ')}, got ${JSON.stringify(interval)}`,
      { venue: 'binance', details: { field: 'interval' } },
    );
  return `${lower(symbol)}@kline_${interval}`;
}

/** `<symbol>@ticker`: 24-hour rolling statistics. */
export function tickerStreamName(symbol: string): string {
  return `${lower(symbol)}@ticker`;
}

/** `<symbol>@bookTicker`: best bid and ask, in real time. */
export function bookTickerStreamName(symbol: string): string {
  return `${lower(symbol)}@bookTicker`;
}

/** The kind of payload `stream` carries (from its name alone). */
export function streamKind(stream: string): StreamKind {
  const at = stream.indexOf('@');
  const rest = at < 0 ? stream : stream.slice(at + 1);
  if (rest === 'depth' || rest.startsWith('depth@')) return 'depth';
  if (/^depth(5|10|20)(@|$)/.test(rest)) return 'partialDepth';
  if (rest === 'trade') return 'trade';
  if (rest === 'aggTrade') return 'aggTrade';
  if (rest.startsWith('kline_')) return 'kline';
  if (rest === 'ticker') return 'ticker';
  if (rest === 'miniTicker') return 'miniTicker';
  if (rest === 'bookTicker') return 'bookTicker';
  if (rest.startsWith('markPrice')) return 'markPrice';
  return 'other';
}

/**
 * The route serving `stream` on `market`: always `'spot'` on Spot; on USD-M depth and book
 * tickers are `/public`, everything else `/market` (binance-usdm.md §1).
 */
export function streamRoute(stream: string, market: BinanceMarket): StreamRoute {
  if (market === 'spot') return 'spot';
  const kind = streamKind(stream);
  if (kind === 'depth' || kind === 'partialDepth' || kind === 'bookTicker' || stream === '!bookTicker')
    return 'public';
  if (stream.includes('@rpiDepth')) return 'public';
  return 'market';
}

/** Checks a stream name a user passes directly: non-empty, no spaces or slashes. */
export function checkStreamName(stream: string): string {
  if (typeof stream !== 'string' || !/^[!A-Za-z0-9_@.+:-]{1,200}$/.test(stream))
    throw new ValidationError(
      `stream: expected a Binance stream name such as "btcusdt@trade", got ${JSON.stringify(stream)}`,
      { venue: 'binance', details: { field: 'stream' } },
    );
  return stream;
}
