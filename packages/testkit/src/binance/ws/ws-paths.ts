// Which WebSocket URL paths the Binance simulator serves and what each is: Spot streams (`/ws`,
// `/ws/<stream>`, `/stream?streams=`), USDⓈ-M routed streams (`/public/…`, `/market/…`), user
// data (`/private/ws?listenKey=`, `/ws/<listenKey>`) and the WS API (`/ws-api/v3`). The harness
// matches exact paths, so `/ws/<stream>` paths are registered for every stream name the
// simulator publishes, numbered `/ws/0`… paths (ccxt's), and each listenKey as it is created.
import type { SymbolConfig, BinanceMarketKind } from '../symbols.js';
import { KLINE_INTERVALS } from '../market/kline-intervals.js';

/** Numbered `/ws/<n>` paths registered for clients (like ccxt) that name connections by number. */
export const NUMBERED_WS_PATHS = 200;

/** Every stream name the simulator publishes for `symbols` of `kind`. */
export function knownStreamNames(kind: BinanceMarketKind, symbols: readonly SymbolConfig[]): string[] {
  const spot = kind === 'spot';
  const speeds = spot ? ['', '@100ms', '@1000ms'] : ['', '@100ms', '@250ms', '@500ms'];
  const out: string[] = spot
    ? ['!miniTicker@arr', '!ticker@arr']
    : ['!miniTicker@arr', '!ticker@arr', '!bookTicker', '!markPrice@arr', '!markPrice@arr@1s'];
  for (const s of symbols) {
    const sym = s.lower;
    for (const speed of speeds) {
      out.push(`${sym}@depth${speed}`);
      for (const n of [5, 10, 20]) out.push(`${sym}@depth${n}${speed}`);
    }
    for (const interval of KLINE_INTERVALS)
      if (spot || interval !== '1s') out.push(`${sym}@kline_${interval}`);
    out.push(`${sym}@aggTrade`, `${sym}@ticker`, `${sym}@miniTicker`, `${sym}@bookTicker`);
    if (spot) out.push(`${sym}@trade`, `${sym}@avgPrice`);
    else out.push(`${sym}@markPrice`, `${sym}@markPrice@1s`);
  }
  return out;
}

/** Streams named in a connection URL: `/ws/<a>` path segments after the prefix, or `?streams=a/b`. */
export function streamsFromUrl(path: string, prefix: string, query: URLSearchParams): string[] {
  const out: string[] = [];
  if (path.length > prefix.length + 1) {
    for (const part of path.slice(prefix.length + 1).split('/'))
      if (part !== '' && !/^\d+$/.test(part)) out.push(part);
  }
  const q = query.get('streams');
  if (q !== null) for (const part of q.split('/')) if (part !== '') out.push(part);
  return out;
}
