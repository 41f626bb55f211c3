// The options, events and handles of BinanceBookManager, the record it keeps per symbol, and
// the checks that resolve its options (bad input → ConfigError naming the field) and symbols.
import {
  type Clock,
  ConfigError,
  type Logger,
  OrderBookStore,
  type SubscriptionOverflowPolicy,
  silentLogger,
  systemClock,
  ValidationError,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { SymbolNames } from '../parsing/market.js';
import type { DepthSpeed } from '../streams/stream-names.js';
import type { BookSync } from './book-sync.js';
import { checkSnapshotLimit, DEFAULT_SNAPSHOT_LIMIT, type SnapshotFetcher } from './snapshot-fetcher.js';

/** Where diffs come from: BinanceMarketStreams fits. */
export interface DepthSource {
  subscribe(
    streams: string,
    listener: (data: unknown, stream: string) => void,
    options?: {
      onError?: (error: Error, stream: string) => void;
      /** Raw frames for a decoder that reads bytes; false → the decoded data comes through `listener`. */
      onFrame?: (frame: Buffer, stream: string) => boolean;
    },
  ): Promise<{ unsubscribe(): Promise<void> }>;
  /**
   * Connection events, when the source has them: when a connection carrying depth streams
   * closes, their books stop being served (changes made while it is down are unknown); once
   * the streams are `restored`, the books resync from a fresh snapshot.
   */
  on?(
    event: 'connectionClose' | 'restored',
    handler: (event: { readonly streams: readonly string[] }) => void,
  ): { unsubscribe(): void };
}

/** Options of {@link BinanceBookManager}. */
export interface BinanceBookManagerOptions {
  /** `'spot'` or `'usdm'`: picks the sequence rules. */
  market: BinanceMarket;
  /** The diff-depth streams (a BinanceMarketStreams of the same market). */
  streams: DepthSource;
  /** Snapshots (e.g. `restSnapshotFetcher(rest)`, which goes through the REST limiter). */
  fetchSnapshot: SnapshotFetcher;
  /** Levels per snapshot (default 1000; Spot 1–5000, USD-M 5/10/20/50/100/500/1000). */
  snapshotLimit?: number;
  /** Diff stream speed (default `'100ms'`). */
  speed?: DepthSpeed;
  /** Snapshot requests running at once (default 4). */
  maxConcurrentSnapshots?: number;
  /** First retry delay after a failed or unusable snapshot (default 250 ms; doubles, up to `retryMaxMs`). */
  retryInitialMs?: number;
  /** Longest retry delay (default 30 000 ms). */
  retryMaxMs?: number;
  /** Diffs held per symbol while waiting for a snapshot (default 10 000). */
  maxBufferedDiffs?: number;
  /** The store books live in (default: a new one). Read it with `sorted`, `best`, `watch`. */
  store?: OrderBookStore;
  /** Names of a Binance symbol for results (default: the symbol for both). */
  symbolNames?: (symbol: string) => SymbolNames | undefined;
  clock?: Clock;
  logger?: Logger;
}

/** Events of {@link BinanceBookManager}. */
export interface BookManagerEvents {
  /** A book went live (first time, or again after a resync). */
  live: { symbol: string; lastUpdateId: number; resync: boolean };
  /** A book was discarded (gap or malformed diff) and is being resynced. */
  resync: { symbol: string; reason: string };
  /** A snapshot failed (it is retried), or a stream failed. */
  error: Error;
}

/** Options of {@link BinanceBookManager.watchOrderBook}. */
export interface WatchBookOptions {
  /** Levels per side in each result (default: every level held). */
  limit?: number;
  /** Ends the iteration cleanly. */
  signal?: AbortSignal;
  /** Books are read at pull time, so only `'conflate'` makes sense; kept for the feed contract. */
  overflow?: SubscriptionOverflowPolicy;
}

/** A tracked book; release it when done (the stream is unsubscribed when nobody tracks it). */
export interface BookHandle extends AsyncDisposable {
  readonly symbol: string;
  release(): Promise<void>;
}

/** The manager's record of one tracked symbol. */
export interface TrackedBook {
  readonly symbol: string;
  readonly names: SymbolNames;
  readonly sync: BookSync;
  readonly listeners: Set<(lastUpdateId: number) => void>;
  refs: number;
  everLive: boolean;
  /** Its stream's connection closed: no snapshot until the stream is restored (or a diff arrives). */
  disconnected: boolean;
  /** Event time of the last diff (ms), or of the snapshot. */
  eventTime: number;
  subscribed: Promise<{ unsubscribe(): Promise<void> }>;
}

/** Options with defaults applied. */
export interface ResolvedBookManagerOptions {
  market: BinanceMarket;
  streams: DepthSource;
  fetchSnapshot: SnapshotFetcher;
  snapshotLimit: number;
  speed: DepthSpeed;
  maxConcurrentSnapshots: number;
  retryInitialMs: number;
  retryMaxMs: number;
  maxBufferedDiffs: number;
  store: OrderBookStore;
  symbolNames: (symbol: string) => SymbolNames | undefined;
  clock: Clock;
  logger: Logger;
}

/** Checks the options and applies defaults. */
export function resolveBookManagerOptions(options: BinanceBookManagerOptions): ResolvedBookManagerOptions {
  const market = options?.market;
  if (market !== 'spot' && market !== 'usdm')
    throw new ConfigError(`market must be 'spot' or 'usdm', got ${JSON.stringify(market)}`, {
      venue: 'binance',
    });
  if (typeof options.fetchSnapshot !== 'function')
    throw new ConfigError('fetchSnapshot must be a function (symbol, limit, signal) => Promise<snapshot>', {
      venue: 'binance',
    });
  if (typeof options.streams?.subscribe !== 'function')
    throw new ConfigError('streams must be a BinanceMarketStreams (or anything with subscribe())', {
      venue: 'binance',
    });
  const limit = options.snapshotLimit ?? DEFAULT_SNAPSHOT_LIMIT;
  if (!checkSnapshotLimit(market, limit))
    throw new ConfigError(
      `snapshotLimit ${String(limit)} is not a depth Binance serves for ${market} (Spot 1–5000; USD-M 5, 10, 20, 50, 100, 500, 1000)`,
      { venue: 'binance', details: { field: 'snapshotLimit' } },
    );
  return {
    market,
    streams: options.streams,
    fetchSnapshot: options.fetchSnapshot,
    snapshotLimit: limit,
    speed: options.speed ?? '100ms',
    maxConcurrentSnapshots: options.maxConcurrentSnapshots ?? 4,
    retryInitialMs: options.retryInitialMs ?? 250,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    maxBufferedDiffs: options.maxBufferedDiffs ?? 10_000,
    store: options.store ?? new OrderBookStore({ name: `binance-${market}-books` }),
    symbolNames: options.symbolNames ?? (() => undefined),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
  };
}

/** A Binance symbol in its upper-case venue form; ValidationError for anything else. */
export function checkSymbol(symbol: string): string {
  if (typeof symbol !== 'string' || !/^[A-Za-z0-9_-]{2,32}$/.test(symbol))
    throw new ValidationError(
      `symbol: expected a Binance symbol such as "BTCUSDT", got ${JSON.stringify(symbol)}`,
      {
        venue: 'binance',
        details: { field: 'symbol' },
      },
    );
  return symbol.toUpperCase();
}
