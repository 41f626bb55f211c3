// Bybit v5 public topic names (protocols/bybit.md §5): `orderbook.{depth}.{symbol}`,
// `publicTrade.{symbol}`, `tickers.{symbol}` and `kline.{interval}.{symbol}`, built from user
// input with the field and the accepted values named when the input is wrong.
import { ValidationError } from '@venuekit/base';

/** Order book depths of the spot and linear streams (level 1 is snapshot-only). */
export const ORDERBOOK_DEPTHS: readonly number[] = Object.freeze([1, 50, 200, 1000]);

/** Kline intervals, as Bybit names them (minutes, then day / week / month). */
export const KLINE_INTERVALS: readonly string[] = Object.freeze([
  '1',
  '3',
  '5',
  '15',
  '30',
  '60',
  '120',
  '240',
  '360',
  '720',
  'D',
  'W',
  'M',
]);

/** Unified interval names (`1m`, `1h`, `1d`) → Bybit's. Bybit's own names pass through. */
const INTERVAL_ALIASES: Readonly<Record<string, string>> = {
  '1m': '1',
  '3m': '3',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '2h': '120',
  '4h': '240',
  '6h': '360',
  '12h': '720',
  '1d': 'D',
  '1w': 'W',
  '1M': 'M',
};

/** The kind of a public topic. */
export type PublicTopicKind = 'orderbook' | 'publicTrade' | 'tickers' | 'kline';

function checkSymbol(symbol: string): string {
  if (typeof symbol !== 'string' || !/^[A-Za-z0-9-]{2,40}$/.test(symbol))
    throw new ValidationError(
      `symbol: expected a Bybit symbol such as "BTCUSDT", got ${JSON.stringify(symbol)}`,
      {
        venue: 'bybit',
      },
    );
  return symbol.toUpperCase();
}

/** Bybit's name of a kline interval given as Bybit's (`'5'`, `'D'`) or unified (`'5m'`, `'1d'`). */
export function klineInterval(interval: string): string {
  const name = INTERVAL_ALIASES[interval] ?? interval;
  if (!KLINE_INTERVALS.includes(name))
    throw new ValidationError(
      `interval: expected one of ${KLINE_INTERVALS.join(' ')} (or 1m 5m 1h 4h 1d 1w 1M …), got ${JSON.stringify(interval)}`,
      { venue: 'bybit' },
    );
  return name;
}

/** `orderbook.{depth}.{symbol}`; depth one of {@link ORDERBOOK_DEPTHS}. */
export function orderbookTopic(symbol: string, depth: number): string {
  if (!ORDERBOOK_DEPTHS.includes(depth))
    throw new ValidationError(`depth: expected one of ${ORDERBOOK_DEPTHS.join(', ')}, got ${String(depth)}`, {
      venue: 'bybit',
    });
  return `orderbook.${depth}.${checkSymbol(symbol)}`;
}

/** `publicTrade.{symbol}`. */
export function tradeTopic(symbol: string): string {
  return `publicTrade.${checkSymbol(symbol)}`;
}

/** `tickers.{symbol}`. */
export function tickerTopic(symbol: string): string {
  return `tickers.${checkSymbol(symbol)}`;
}

/** `kline.{interval}.{symbol}`; interval as Bybit names it or unified (see {@link klineInterval}). */
export function klineTopic(symbol: string, interval: string): string {
  return `kline.${klineInterval(interval)}.${checkSymbol(symbol)}`;
}

/** The kind of a topic name, or undefined when it is none of the public kinds. */
export function topicKind(topic: string): PublicTopicKind | undefined {
  const dot = topic.indexOf('.');
  const head = dot < 0 ? topic : topic.slice(0, dot);
  return head === 'orderbook' || head === 'publicTrade' || head === 'tickers' || head === 'kline'
    ? head
    : undefined;
}
