// What the parts of a Binance feed (market data, market streams, trading) share with the feed
// that owns them: its transports, symbol resolution over its cached instruments, its stream
// factory (streams that `disconnect()` ends), and where malformed messages are reported.
import type {
  Credentials,
  Logger,
  StartSubscription,
  SubscriptionStream,
  SubscriptionStreamOptions,
  WatchOptions,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceInstrument } from '../parsing/instruments.js';
import type { SymbolNames } from '../parsing/market.js';
import type { ResolvedBinanceSettings } from './feed-options.js';
import type { FeedResources } from './feed-resources.js';

/** Options of a feed stream: the user's watch options and the stream's own defaults. */
export type FeedStreamOptions = WatchOptions & Omit<SubscriptionStreamOptions, 'label' | 'onClose'>;

/** The feed as its parts see it. */
export interface FeedContext {
  readonly market: BinanceMarket;
  readonly settings: ResolvedBinanceSettings;
  readonly resources: FeedResources;
  readonly logger: Logger;
  /** The instrument of `symbol` in either form (loads instruments when needed; BadSymbolError if unknown). */
  instrument(symbol: string): Promise<BinanceInstrument>;
  /** Every instrument, loading them when needed. */
  instruments(): Promise<readonly BinanceInstrument[]>;
  /** The names of a Binance symbol when known (no loading; for parsing answers). */
  names(symbol: string): SymbolNames;
  /** The credentials, or ConfigError saying that `operation` needs them. */
  requireCredentials(operation: string): Credentials;
  /** A stream that ends on `break`, abort or `disconnect()`. */
  stream<T>(label: string, start: StartSubscription<T>, options: FeedStreamOptions): SubscriptionStream<T>;
  /** Counts (and logs, sparingly) a stream message that could not be turned into a model. */
  malformed(where: string, error: unknown): void;
}
