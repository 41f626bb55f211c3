// The options of the Bybit feeds (BYBIT___SPOT, BYBIT___LINEAR): base's FeedOptions plus the
// few Bybit settings a demanding user tunes. `urls` keys are BybitUrls' (`rest`, `publicSpot`,
// `publicLinear`, `private`), so a simulator's `sim.urls` can be passed as it is.
import type { FeedOptions } from '@venuekit/base';
import type { BybitPositionMode } from './order-refs.js';

/** Options of the Bybit feeds. Every field is optional. */
export interface BybitFeedOptions extends FeedOptions {
  /** Levels per side of the local order books behind watchOrderBook: 1, 50 (default), 200 or 1000. */
  bookDepth?: number | undefined;
  /** X-BAPI-RECV-WINDOW of signed requests in ms (default 5000). */
  recvWindow?: number | undefined;
  /** How long the instrument list is reused before it is fetched again, in ms (default 1 hour). */
  instrumentsTtlMs?: number | undefined;
  /** Deadline of each REST call in ms (default 10 000). */
  timeoutMs?: number | undefined;
  /**
   * The linear account's position mode (default `'one-way'`): linear orders carry positionIdx 0,
   * or in `'hedge'` mode 1 / 2 for the long / short position they open or reduce.
   */
  positionMode?: BybitPositionMode | undefined;
}

/** Default lifetime of the cached instrument list. */
export const INSTRUMENTS_TTL_MS = 3_600_000;
