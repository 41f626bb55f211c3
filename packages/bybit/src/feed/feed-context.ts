// What the parts of a Bybit feed (market data, market streams, trading) share with the feed that
// owns them: its category, its lazily built transports and cached instruments (FeedResources),
// the linear position mode, credential checks, and the deferred iterables its watch* methods
// return (the symbol resolved on the first `next()`).
import type { Credentials, NotSupportedError } from '@venuekit/base';
import type { FeedResources } from './feed-resources.js';
import type { BybitPositionMode } from './order-refs.js';

/** The feed as its parts see it. */
export interface FeedContext {
  /** `'spot'` or `'linear'`. */
  readonly category: 'spot' | 'linear';
  /** The REST client, instruments, public and private streams and books of the feed. */
  readonly resources: FeedResources;
  /** The linear account's position mode (the `positionMode` option; default `'one-way'`). */
  readonly positionMode: BybitPositionMode;
  /** The credentials, or ConfigError saying that `operation` needs them. */
  requireCredentials(operation: string): Credentials;
  /** The NotSupportedError of `operation` on this feed. */
  notSupported(operation: string): NotSupportedError;
  /** An iterable that resolves `symbol` (loading instruments) before delegating to `start`. */
  later<T>(start: (venueSymbol: string) => AsyncIterable<T>, symbol?: string): AsyncIterable<T>;
}
