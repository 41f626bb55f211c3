// Options of BinanceMarketStreams and the check that resolves them (bad input → ConfigError
// naming the field): endpoints per market and environment, Binance's connection limits, the
// planned-reconnect schedule and the heartbeat that fits Binance's server pings.
import {
  type Clock,
  ConfigError,
  type HeartbeatOptions,
  type Logger,
  type ReconnectOptions,
  silentLogger,
  systemClock,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { type BinanceEnvironment, SPOT_URLS, USDM_URLS } from '../urls.js';
import { MESSAGES_PER_SECOND, STREAMS_PER_CONNECTION } from './market-protocol.js';
import type { StreamRoute } from './stream-names.js';

/** Binance closes every market-stream connection after 24 hours. */
export const CONNECTION_LIFETIME_MS = 24 * 3_600_000;

/** Options of BinanceMarketStreams. Every field is optional. */
export interface BinanceMarketStreamsOptions {
  /** `'spot'` (default) or `'usdm'`. */
  market?: BinanceMarket;
  /** `'prod'` (default), `'testnet'` or `'demo'`: picks the stream origin from `urls.ts`. */
  environment?: BinanceEnvironment;
  /** Stream origin overriding the environment's (a simulator: `ws://127.0.0.1:PORT`). */
  baseUrl?: string;
  /** Streams per connection (default 1024, Binance's cap). */
  maxStreamsPerConnection?: number;
  /** Streams named in one SUBSCRIBE (default 200). */
  maxStreamsPerMessage?: number;
  /** Connections per route at most (default 16); beyond `× maxStreamsPerConnection`, subscribe throws. */
  maxConnections?: number;
  /** Frames the client sends per second per connection, pongs included (default Spot 5, USD-M 10). */
  messagesPerSecond?: number;
  /** Time a SUBSCRIBE may wait for its acknowledgement (default 10 000 ms). */
  ackTimeoutMs?: number;
  /**
   * Age after which a connection is replaced by a planned, overlapping reconnect (default 23 h
   * 45 min, before Binance's 24-hour cut); `false` never replaces one.
   */
  rotateAfterMs?: number | false;
  /** How often connection ages are checked (default 60 000 ms). */
  rotationCheckMs?: number;
  /** Longest overlap of a connection and its replacement once the replacement is subscribed (default 10 000 ms). */
  handoverTimeoutMs?: number;
  /** A connection left without streams closes after this long (default 30 000 ms). */
  idleCloseMs?: number;
  /**
   * Liveness. Default: the client sends no pings (each would count against the message budget)
   * and declares the connection dead after 60 s (Spot; Binance pings every 20 s) or 10 min
   * (USD-M; pings every 3 min) without any frame.
   */
  heartbeat?: HeartbeatOptions | false;
  /** Reconnect schedule after an unplanned drop (base's default: 3 s doubling to 60 s, with jitter). */
  reconnect?: ReconnectOptions | false;
  /** Handshake deadline per attempt (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** Time source for limits, timeouts and connection ages (default: the system clock). */
  clock?: Clock;
  /** Where reconnects and errors are logged (default: silent). */
  logger?: Logger;
}

/** Resolved options. */
export interface ResolvedStreamsOptions {
  market: BinanceMarket;
  origin: string;
  maxStreamsPerConnection: number;
  maxStreamsPerMessage: number;
  maxConnections: number;
  messagesPerSecond: number;
  ackTimeoutMs: number;
  rotateAfterMs: number;
  rotationCheckMs: number;
  handoverTimeoutMs: number;
  idleCloseMs: number;
  heartbeat: HeartbeatOptions | false;
  reconnect: ReconnectOptions | false | undefined;
  connectTimeoutMs: number | undefined;
  clock: Clock;
  logger: Logger;
}

function integer(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!(Number.isInteger(value) && value >= min && value <= max))
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`, {
      venue: 'binance',
      details: { field: name },
    });
  return value;
}

function duration(name: string, value: number): number {
  if (!(typeof value === 'number' && value > 0))
    throw new ConfigError(`${name} must be a number of milliseconds > 0, got ${String(value)}`, {
      venue: 'binance',
      details: { field: name },
    });
  return value;
}

/** Applies defaults and checks every field. */
export function resolveStreamsOptions(o: BinanceMarketStreamsOptions = {}): ResolvedStreamsOptions {
  const market = o.market ?? 'spot';
  if (market !== 'spot' && market !== 'usdm')
    throw new ConfigError(`market must be 'spot' or 'usdm', got ${JSON.stringify(market)}`, {
      venue: 'binance',
      details: { field: 'market' },
    });
  const environment = o.environment ?? 'prod';
  const urls = market === 'spot' ? SPOT_URLS : USDM_URLS;
  const preset = urls[environment];
  if (preset === undefined)
    throw new ConfigError(
      `environment must be 'prod', 'testnet' or 'demo', got ${JSON.stringify(environment)}`,
      {
        venue: 'binance',
        details: { field: 'environment' },
      },
    );
  const origin = (o.baseUrl ?? preset.stream).replace(/\/+$/, '');
  if (!/^wss?:\/\/[^/]+/.test(origin))
    throw new ConfigError(`baseUrl must be a ws:// or wss:// origin, got ${JSON.stringify(o.baseUrl)}`, {
      venue: 'binance',
      details: { field: 'baseUrl' },
    });
  const silenceMs = market === 'spot' ? 60_000 : 600_000;
  return {
    market,
    origin,
    maxStreamsPerConnection: integer(
      'maxStreamsPerConnection',
      o.maxStreamsPerConnection ?? STREAMS_PER_CONNECTION,
      1,
      STREAMS_PER_CONNECTION,
    ),
    maxStreamsPerMessage: integer('maxStreamsPerMessage', o.maxStreamsPerMessage ?? 200, 1),
    maxConnections: integer('maxConnections', o.maxConnections ?? 16, 1),
    messagesPerSecond: integer('messagesPerSecond', o.messagesPerSecond ?? MESSAGES_PER_SECOND[market], 1),
    ackTimeoutMs: duration('ackTimeoutMs', o.ackTimeoutMs ?? 10_000),
    rotateAfterMs:
      o.rotateAfterMs === false
        ? Number.POSITIVE_INFINITY
        : duration('rotateAfterMs', o.rotateAfterMs ?? CONNECTION_LIFETIME_MS - 15 * 60_000),
    rotationCheckMs: duration('rotationCheckMs', o.rotationCheckMs ?? 60_000),
    handoverTimeoutMs: duration('handoverTimeoutMs', o.handoverTimeoutMs ?? 10_000),
    idleCloseMs: duration('idleCloseMs', o.idleCloseMs ?? 30_000),
    heartbeat: o.heartbeat ?? { intervalMs: CONNECTION_LIFETIME_MS + 3_600_000, timeoutMs: silenceMs },
    reconnect: o.reconnect,
    connectTimeoutMs: o.connectTimeoutMs,
    clock: o.clock ?? systemClock,
    logger: o.logger ?? silentLogger,
  };
}

/** The combined-stream URL of `route` (Spot `/stream`; USD-M `/public/stream` or `/market/stream`). */
export function combinedStreamUrl(origin: string, route: StreamRoute): string {
  return route === 'spot' ? `${origin}/stream` : `${origin}/${route}/stream`;
}
