// Options of BybitPublicStreams and the check that resolves them (bad input → ConfigError naming
// the field): where to connect, the caps, and the application heartbeat Bybit asks for — a
// `{"op":"ping"}` every 20 s (bybit.md §5; the server cuts a connection after 10 minutes without).
import {
  type Clock,
  ConfigError,
  type Logger,
  type ReconnectOptions,
  silentLogger,
  systemClock,
} from '@venuekit/base';
import { BYBIT_URLS, type BybitEnvironment } from '../urls.js';
import type { BybitStreamCategory } from './public-protocol.js';

/** Bybit's recommended ping interval, ms. */
export const PING_INTERVAL_MS = 20_000;

/** Options of {@link BybitPublicStreams}. */
export interface BybitPublicStreamsOptions {
  /** `'spot'` or `'linear'`. */
  category: BybitStreamCategory;
  /** Stream URL (default: production `wss://stream.bybit.com/v5/public/{category}`, or testnet's). */
  url?: string | undefined;
  /** `'prod'` (default), `'testnet'` or `'demo'` (public data is mainnet's); ignored when `url` is given. */
  environment?: BybitEnvironment | undefined;
  /** Connections opened at most (default 10). */
  maxConnections?: number | undefined;
  /** Topics per connection (default 200, which keeps args under Bybit's 21,000 characters). */
  maxTopicsPerConnection?: number | undefined;
  /** Topics per subscribe request (spot at most 10, the default there; linear default 50). */
  maxTopicsPerMessage?: number | undefined;
  /** Time a subscribe may wait for its acknowledgement once sent (default 10 000 ms). */
  ackTimeoutMs?: number | undefined;
  /** Interval of `{"op":"ping"}` (default 20 000 ms). */
  pingIntervalMs?: number | undefined;
  /** Silence after which a connection is declared dead and reopened (default 3 × the ping interval). */
  deadAfterMs?: number | undefined;
  /** Reconnect schedule (default: base's, 3 s doubling to 60 s with jitter). */
  reconnect?: ReconnectOptions | undefined;
  /** An empty connection closes after this many ms (default 30 000). */
  idleCloseMs?: number | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

/** Resolved settings. */
export interface ResolvedPublicStreamsOptions {
  category: BybitStreamCategory;
  url: string;
  maxConnections: number;
  maxTopicsPerConnection: number | undefined;
  maxTopicsPerMessage: number | undefined;
  ackTimeoutMs: number;
  pingIntervalMs: number;
  deadAfterMs: number;
  reconnect: ReconnectOptions | undefined;
  idleCloseMs: number | undefined;
  clock: Clock;
  logger: Logger;
}

/** The public stream URL of `category` in `environment`. */
export function publicStreamUrl(
  category: BybitStreamCategory,
  environment: BybitEnvironment = 'prod',
): string {
  const urls = BYBIT_URLS[environment];
  return category === 'spot' ? urls.publicSpot : urls.publicLinear;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(typeof v === 'number' && v > 0))
    throw new ConfigError(`${name} must be a number > 0, got ${String(value)}`, { venue: 'bybit' });
  return v;
}

/** Applies defaults; throws ConfigError naming the first bad field. */
export function resolvePublicStreamsOptions(
  options: BybitPublicStreamsOptions,
): ResolvedPublicStreamsOptions {
  const category = options?.category;
  if (category !== 'spot' && category !== 'linear')
    throw new ConfigError(`category must be 'spot' or 'linear', got ${JSON.stringify(category)}`, {
      venue: 'bybit',
    });
  const environment = options.environment ?? 'prod';
  if (!Object.hasOwn(BYBIT_URLS, environment))
    throw new ConfigError(
      `environment must be 'prod', 'testnet' or 'demo', got ${JSON.stringify(environment)}`,
      {
        venue: 'bybit',
      },
    );
  const pingIntervalMs = positive('pingIntervalMs', options.pingIntervalMs, PING_INTERVAL_MS);
  return {
    category,
    url: options.url ?? publicStreamUrl(category, environment),
    maxConnections: options.maxConnections ?? 10,
    maxTopicsPerConnection: options.maxTopicsPerConnection,
    maxTopicsPerMessage: options.maxTopicsPerMessage,
    ackTimeoutMs: positive('ackTimeoutMs', options.ackTimeoutMs, 10_000),
    pingIntervalMs,
    deadAfterMs: positive('deadAfterMs', options.deadAfterMs, pingIntervalMs * 3),
    reconnect: options.reconnect,
    idleCloseMs: options.idleCloseMs,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
  };
}
