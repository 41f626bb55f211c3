// The venue-specific half of a WsPool: how a venue spells subscribe / unsubscribe, how its
// acknowledgements and data messages are recognised, and its limits. The pool itself names no
// venue; each venue package supplies one of these.
import type { Limiter } from '../limits/types.js';
import type { OutgoingMessage } from './outgoing.js';

/** Identifies one pooled connection to the protocol (for per-connection state like Bitfinex chanIds). */
export interface PoolConnectionRef {
  /** Pool-unique connection number, from 1. */
  readonly id: number;
}

/** What {@link PoolProtocol.matchAck} recognised in a message. */
export interface PoolAck {
  /** The request id the pool passed to `subscribeMessage` / `unsubscribeMessage`. */
  id: number | string;
  /** Whether the venue accepted the request. */
  ok: boolean;
  /** The venue's error text when `ok` is false. */
  error?: string | undefined;
  /** The venue's error code when `ok` is false. */
  code?: string | number | undefined;
}

/**
 * How a request the pool sent ended (see {@link PoolProtocol.requestSettled}): `acked` — an
 * acknowledgement (accepting or refusing) was matched to it; `timeout` — none came within the
 * pool's `ackTimeoutMs` and the pool gave up on it; `closed` — its socket closed (or the pool
 * closed the connection) before an answer came.
 */
export type PoolRequestOutcome = 'acked' | 'timeout' | 'closed';

/** A venue's subscription protocol, as a {@link WsPool} needs it. */
export interface PoolProtocol<M = unknown> {
  /** Venue name, carried by the pool's errors (`'binance'`). */
  venue?: string;
  /** The request subscribing `topics` under request id `id` (e.g. Binance `{method:'SUBSCRIBE',params,id}`). */
  subscribeMessage(topics: readonly string[], id: number, connection: PoolConnectionRef): OutgoingMessage;
  /** The request unsubscribing `topics` under request id `id`. */
  unsubscribeMessage(topics: readonly string[], id: number, connection: PoolConnectionRef): OutgoingMessage;
  /** Recognises an acknowledgement (positive or not) of a request; `undefined` for anything else. */
  matchAck(message: M, connection: PoolConnectionRef): PoolAck | undefined;
  /** The topic a data message belongs to, or `undefined` for control messages. Called first, per message: keep it cheap. */
  topicOf(message: M, connection: PoolConnectionRef): string | undefined;
  /**
   * Optional raw-frame routing: the topic of a text frame read straight from its bytes (see
   * {@link leadingStringField}), or `undefined` when the bytes do not say (the frame is then
   * decoded and goes through `topicOf` / `matchAck` as usual). With it, a frame of a subscribed
   * topic reaches listeners that take bytes (`onFrame`) without a string or an object being
   * built, and is JSON-decoded once, lazily, for the others. It must agree with `topicOf`.
   */
  frameTopic?(data: Buffer, connection: PoolConnectionRef): string | undefined;
  /** Most topics one request may carry (Bitfinex 1; default: no limit). */
  maxTopicsPerMessage?: number;
  /** Most topics one connection may hold (Bitfinex 25). */
  maxTopicsPerConnection: number;
  /**
   * Outbound message-rate limit, per connection (Binance: 5 messages/s). A function is called
   * once per connection to make its own limiter; an object is shared by all connections. Every
   * subscribe / unsubscribe request acquires from it (`method: 'ws:send'`) before going out.
   */
  messageLimiter?: Limiter | (() => Limiter);
  /**
   * Called once for every request the pool sent (its id as passed to `subscribeMessage` /
   * `unsubscribeMessage`), when the pool stops waiting for its answer, with how it ended. For
   * protocols that pair answers with requests themselves (a venue whose acks carry no id): a
   * request given up on (`timeout`, `closed`) will never be answered as far as the pool is
   * concerned, so it must leave the protocol's queue too, or later answers pair off by one.
   */
  requestSettled?(id: number, connection: PoolConnectionRef, outcome: PoolRequestOutcome): void;
  /** Called when a connection's socket closes, to drop per-connection state (channel ids). */
  connectionClosed?(connection: PoolConnectionRef): void;
}
