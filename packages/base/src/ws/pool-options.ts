// Options, events and handles of a WsPool, and the check that resolves its options
// (bad input → ConfigError naming the field).
import { type Clock, systemClock } from '../clock.js';
import { ConfigError, SubscriptionError, ValidationError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { type WebSocketAppOptions, checkWebSocketUrl } from './app-options.js';
import type { BoundedBufferOptions } from '../buffer/bounded-buffer.js';
import type { PoolProtocol } from './pool-protocol.js';
import type { WebSocketApp } from './websocket-app.js';

/** Settings applied to every connection of a pool (auth in `onOpen`, heartbeat, reconnect, headers). */
export type PoolConnectionOptions = Pick<
  WebSocketAppOptions,
  | 'onOpen'
  | 'send'
  | 'heartbeat'
  | 'reconnect'
  | 'headers'
  | 'connectTimeoutMs'
  | 'closeTimeoutMs'
  | 'socketOptions'
>;

/** What {@link WsPool.connections} reports about one connection. */
export interface PoolConnectionInfo {
  readonly id: number;
  /** Topics the connection carries (or will, once acknowledged). */
  readonly topics: readonly string[];
  readonly isOpen: boolean;
  /** The connection's app, for its events (`reconnecting`, …). Do not close it yourself. */
  readonly app: WebSocketApp;
}

/** Options of {@link WsPool}. */
export interface WsPoolOptions<M = unknown> {
  /** Where every connection goes. Changing `pool.url` affects connections opened or reconnected later. */
  url: string | URL;
  /** The venue's subscription protocol. */
  protocol: PoolProtocol<M>;
  /** Most connections opened at once (default 10). Beyond `maxConnections × maxTopicsPerConnection` topics, subscribe throws. */
  maxConnections?: number;
  /** Time a subscribe / unsubscribe request may wait for its acknowledgement, from when it is sent (default 10 000 ms). */
  ackTimeoutMs?: number;
  /** An empty connection is closed after this many ms (default 30 000); `Infinity` keeps it open for reuse. */
  idleCloseMs?: number;
  /** Options of each connection's WebSocketApp. */
  connection?: PoolConnectionOptions;
  /** Time source for acknowledgement timeouts, idle delays and the connections (default: system clock). */
  clock?: Clock;
  /** Logger (default: silent). */
  logger?: Logger;
}

/** Events of a {@link WsPool}. */
export interface WsPoolEvents<M = unknown> {
  /** Something went wrong: a restore refused or unacknowledged, a listener threw, a socket error. */
  error: (error: Error) => void;
  /** A message that is neither data of a wanted topic nor an acknowledgement (venue info, notices). */
  message: (message: M, connectionId: number) => void;
  /** After a reconnect, every topic of the connection was re-acknowledged (or reported failed). */
  restored: (connectionId: number, topics: number) => void;
  /** A socket of connection `connectionId` is open (first time or after a reconnect). */
  connectionOpen: (connectionId: number) => void;
  /** A socket of connection `connectionId` closed; the connection reconnects unless the pool closes it. */
  connectionClose: (connectionId: number, code: number, reason: string) => void;
}

/** A live subscription to one or more topics. */
export interface PoolSubscription extends AsyncDisposable {
  /** The topics subscribed. */
  readonly topics: readonly string[];
  /**
   * Stops delivery at once and unsubscribes topics nobody else wants. Resolves when the venue
   * acknowledged (or the connection was gone anyway); rejects with `SubscriptionError` if the
   * venue refused or did not answer in time. Calling it again returns the same promise.
   */
  unsubscribe(): Promise<void>;
}

/** Options of {@link WsPool.subscribe}. */
export interface PoolSubscribeOptions {
  /** Called when a topic of this subscription fails after it was established (its restore after a reconnect failed). */
  onError?: (error: Error) => void;
  /** Gives up waiting: the call rejects with the signal's reason and nothing stays subscribed. */
  signal?: AbortSignal;
  /**
   * Takes data frames of these topics as raw bytes (only valid during the call), with their topic, when the
   * protocol routes frames by bytes (`PoolProtocol.frameTopic`); return true when handled, false
   * to get the frame decoded through `onMessage` instead. Without frame routing, every message
   * goes to `onMessage` as usual, so `onMessage` must handle everything `onFrame` does.
   */
  onFrame?: (data: Buffer, topic: string) => boolean;
}

/** Options of {@link WsPool.stream}: a bounded buffer per stream, plus a signal that ends it. */
export type PoolStreamOptions<M> = Omit<BoundedBufferOptions<M>, 'onEnd'>;

/** Resolved settings of a pool. */
export interface ResolvedPoolOptions<M> {
  url: string;
  protocol: PoolProtocol<M>;
  maxConnections: number;
  maxTopicsPerConnection: number;
  maxTopicsPerMessage: number;
  ackTimeoutMs: number;
  idleCloseMs: number;
  connection: PoolConnectionOptions;
  clock: Clock;
  logger: Logger;
}

function count(name: string, value: number, min: number): number {
  if (!((Number.isInteger(value) || value === Number.POSITIVE_INFINITY) && value >= min))
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
  return value;
}

/** Applies defaults and checks the options of a pool. */
export function resolvePoolOptions<M>(options: WsPoolOptions<M>): ResolvedPoolOptions<M> {
  const protocol = options?.protocol;
  if (protocol === null || typeof protocol !== 'object') throw new ConfigError('protocol must be an object');
  for (const name of ['subscribeMessage', 'unsubscribeMessage', 'matchAck', 'topicOf'] as const) {
    if (typeof protocol[name] !== 'function') throw new ConfigError(`protocol.${name} must be a function`);
  }
  if (protocol.frameTopic !== undefined && typeof protocol.frameTopic !== 'function')
    throw new ConfigError('protocol.frameTopic must be a function when given');
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  if (!(ackTimeoutMs > 0))
    throw new ConfigError(`ackTimeoutMs must be a number > 0, got ${String(ackTimeoutMs)}`);
  const idleCloseMs = options.idleCloseMs ?? 30_000;
  if (!(idleCloseMs >= 0))
    throw new ConfigError(`idleCloseMs must be a number ≥ 0, got ${String(idleCloseMs)}`);
  return {
    url: checkWebSocketUrl(options.url),
    protocol,
    maxConnections: count('maxConnections', options.maxConnections ?? 10, 1),
    maxTopicsPerConnection: count('protocol.maxTopicsPerConnection', protocol.maxTopicsPerConnection, 1),
    maxTopicsPerMessage: count(
      'protocol.maxTopicsPerMessage',
      protocol.maxTopicsPerMessage ?? Number.POSITIVE_INFINITY,
      1,
    ),
    ackTimeoutMs,
    idleCloseMs,
    connection: options.connection ?? {},
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
  };
}

/** `topics` as a list of distinct non-empty names (ValidationError otherwise). */
export function checkTopics(topics: string | readonly string[]): string[] {
  const list = typeof topics === 'string' ? [topics] : [...new Set(topics)];
  if (list.length === 0) throw new ValidationError('topics must name at least one topic');
  for (const t of list) {
    if (typeof t !== 'string' || t.length === 0)
      throw new ValidationError(`topics must be non-empty strings, got ${JSON.stringify(t)}`);
  }
  return list;
}

/** The SubscriptionError of a subscribe that needs more room than the pool has. */
export function poolFullError<M>(
  o: ResolvedPoolOptions<M>,
  needed: number,
  room: number,
  held: number,
  connections: number,
): SubscriptionError {
  const cap = o.maxTopicsPerConnection;
  return new SubscriptionError(
    `cannot subscribe ${needed} more topic(s): ${held} are held on ${connections} connection(s) at ${cap} per connection and maxConnections is ${o.maxConnections}; raise maxConnections or unsubscribe first`,
    {
      venue: o.protocol.venue,
      details: { needed, room, maxConnections: o.maxConnections, perConnection: cap },
    },
  );
}
