// Public topic names of the Bybit simulator: `orderbook.{1|50|200|1000}.{symbol}`,
// `publicTrade.{symbol}`, `tickers.{symbol}` and `kline.{interval}.{symbol}`, with Bybit's answers
// for names it does not serve.
import { type BybitKlineInterval, isKlineInterval } from '../market/kline-intervals.js';
import type { CategoryMarket } from '../market/category-market.js';

/** Order book depths of the spot and linear streams. */
export const ORDERBOOK_DEPTHS: readonly number[] = [1, 50, 200, 1000];

/** A parsed public topic. */
export type PublicTopic =
  | { readonly kind: 'orderbook'; readonly name: string; readonly symbol: string; readonly depth: number }
  | { readonly kind: 'publicTrade'; readonly name: string; readonly symbol: string }
  | { readonly kind: 'tickers'; readonly name: string; readonly symbol: string }
  | {
      readonly kind: 'kline';
      readonly name: string;
      readonly symbol: string;
      readonly interval: BybitKlineInterval;
    };

/** Parses `name` for `market`; returns the topic or the `ret_msg` Bybit answers for it. */
export function parsePublicTopic(
  name: string,
  market: CategoryMarket,
): PublicTopic | { readonly error: string } {
  const parts = name.split('.');
  const notFound = { error: `error:handler not found,topic:${name}` };
  const withSymbol = <T extends PublicTopic>(topic: T): T | { error: string } =>
    market.get(topic.symbol) === undefined ? { error: `Invalid symbol :[${name}]` } : topic;
  switch (parts[0]) {
    case 'orderbook': {
      const depth = Number(parts[1]);
      if (parts.length !== 3 || !ORDERBOOK_DEPTHS.includes(depth)) return notFound;
      return withSymbol({ kind: 'orderbook', name, symbol: parts[2]!, depth });
    }
    case 'publicTrade':
      return parts.length === 2 ? withSymbol({ kind: 'publicTrade', name, symbol: parts[1]! }) : notFound;
    case 'tickers':
      return parts.length === 2 ? withSymbol({ kind: 'tickers', name, symbol: parts[1]! }) : notFound;
    case 'kline': {
      const interval = parts[1] ?? '';
      if (parts.length !== 3 || !isKlineInterval(interval)) return notFound;
      return withSymbol({ kind: 'kline', name, symbol: parts[2]!, interval });
    }
    default:
      return notFound;
  }
}
