// Where a book manager gets its depth snapshots: any function of (symbol, limit, signal), and the
// usual one built on BinanceRestClient, whose limiter charges each request its weight for the
// `limit` asked (Spot 5/25/50/250, USD-M 2/5/10/20) and waits for room in the window, so a burst
// of snapshot requests is paced instead of answered with 429s and a ban.
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceRestClient } from '../rest/rest-client.js';
import type { DepthWire } from '../rest/wire-types.js';
import type { DepthSnapshot } from './book-sync.js';

/** Fetches the `limit`-level depth snapshot of `symbol`; rejects with the signal's reason when aborted. */
export type SnapshotFetcher = (symbol: string, limit: number, signal: AbortSignal) => Promise<DepthSnapshot>;

/** The snapshot depth asked by default: 1000 levels (Spot weight 50, USD-M weight 20). */
export const DEFAULT_SNAPSHOT_LIMIT = 1000;

/** Depths `GET /depth` accepts: Spot 1–5000; USD-M 5, 10, 20, 50, 100, 500, 1000. */
export function checkSnapshotLimit(market: BinanceMarket, limit: number): boolean {
  if (!Number.isInteger(limit)) return false;
  return market === 'spot' ? limit >= 1 && limit <= 5000 : [5, 10, 20, 50, 100, 500, 1000].includes(limit);
}

/** Options of {@link restSnapshotFetcher}. */
export interface RestSnapshotFetcherOptions {
  /**
   * Deadline of one snapshot call including its wait in the limiter (default 180 000 ms: under a
   * burst a request may rightly wait for the next weight window or two).
   */
  timeoutMs?: number;
}

/** Snapshots through `rest` (and so through its limiter). */
export function restSnapshotFetcher(
  rest: BinanceRestClient,
  options: RestSnapshotFetcherOptions = {},
): SnapshotFetcher {
  const timeoutMs = options.timeoutMs ?? 180_000;
  return (symbol, limit, signal) =>
    rest.request<DepthWire>('GET', rest.paths.depth, { symbol, limit }, { signal, timeoutMs, signed: false });
}
