// One market-stream connection of BinanceMarketStreams: a base WsPool held to a single
// connection, so that a replacement can be opened beside it (the planned reconnect before
// Binance's 24-hour cut) and each connection has its own outbound budget. Everything the client
// sends on it — SUBSCRIBE / UNSUBSCRIBE through the pool, and the pongs answering Binance's pings,
// which the lane sends itself instead of `ws`'s automatic ones — takes from one limiter.
import type { Clock, HeartbeatOptions, Logger, RateLimiter, ReconnectOptions } from '@venuekit/base';
import { WsPool } from '@venuekit/base';
import type { WebSocket } from 'ws';
import type { BinanceMarket } from '../errors/error-codes.js';
import {
  type BinanceStreamMessage,
  createMarketProtocol,
  createOutboundLimiter,
  isServerShutdown,
} from './market-protocol.js';
import type { StreamRoute } from './stream-names.js';

/** How every lane of a BinanceMarketStreams is set up. */
export interface LaneSettings {
  market: BinanceMarket;
  messagesPerSecond: number;
  maxStreamsPerConnection: number;
  maxStreamsPerMessage: number;
  ackTimeoutMs: number;
  heartbeat: HeartbeatOptions | false;
  reconnect: ReconnectOptions | false | undefined;
  connectTimeoutMs: number | undefined;
  clock: Clock;
  logger: Logger;
}

/** What a lane reports to its owner. */
export interface LaneHooks {
  /** A socket of the lane opened (first time or after a reconnect). */
  opened(lane: StreamLane): void;
  /** A socket of the lane closed; the pool reconnects it unless the lane is closing. */
  closed(lane: StreamLane, code: number, reason: string): void;
  /** After a reconnect, every stream of the lane was resubscribed (or reported failed). */
  restored(lane: StreamLane): void;
  /** Binance announced it will close this connection. */
  shutdownNotice(lane: StreamLane): void;
  /** Something went wrong on the lane (refused restore, socket error). */
  error(error: Error): void;
}

/** One connection (and its replacements after drops) carrying up to the stream cap. */
export class StreamLane {
  readonly id: number;
  readonly route: StreamRoute;
  readonly pool: WsPool<BinanceStreamMessage>;
  /** The outbound budget of this connection (control messages and pongs). */
  readonly limiter: RateLimiter;
  /** Streams placed on this lane (subscribed, being subscribed, or being taken over). */
  readonly topics = new Set<string>();
  /** Clock time the current socket opened, or undefined while there is none. */
  openedAt: number | undefined;
  /** Set once a replacement is being opened (or the lane closes): take no new streams. */
  retiring = false;
  /** Pongs sent on this lane (tests and diagnostics). */
  pongs = 0;
  readonly #cap: number;
  #closing: Promise<void> | undefined;

  constructor(id: number, route: StreamRoute, url: string, settings: LaneSettings, hooks: LaneHooks) {
    this.id = id;
    this.route = route;
    this.#cap = settings.maxStreamsPerConnection;
    this.limiter = createOutboundLimiter(settings.messagesPerSecond, settings.clock);
    const protocol = createMarketProtocol({
      market: settings.market,
      maxStreamsPerConnection: settings.maxStreamsPerConnection,
      maxStreamsPerMessage: settings.maxStreamsPerMessage,
      messageLimiter: this.limiter,
    });
    this.pool = new WsPool<BinanceStreamMessage>({
      url,
      protocol,
      maxConnections: 1,
      ackTimeoutMs: settings.ackTimeoutMs,
      idleCloseMs: Number.POSITIVE_INFINITY,
      clock: settings.clock,
      logger: settings.logger,
      connection: {
        heartbeat: settings.heartbeat,
        reconnect: settings.reconnect,
        connectTimeoutMs: settings.connectTimeoutMs,
        // Pongs are ours to send: they count against the connection's message budget. Binance
        // sends ASCII JSON, so the per-frame UTF-8 check is skipped (bad bytes would become U+FFFD).
        socketOptions: { autoPong: false, perMessageDeflate: false, skipUTF8Validation: true },
        onOpen: (socket) => this.#answerPings(socket),
      },
    });
    this.pool.on('connectionOpen', () => {
      this.openedAt = settings.clock.now();
      hooks.opened(this);
    });
    this.pool.on('connectionClose', (_id, code, reason) => {
      this.openedAt = undefined;
      hooks.closed(this, code, reason);
    });
    this.pool.on('restored', () => hooks.restored(this));
    this.pool.on('message', (message) => {
      if (isServerShutdown(message)) hooks.shutdownNotice(this);
    });
    this.pool.on('error', (error) => hooks.error(error));
  }

  /** Streams this lane can still take. */
  get room(): number {
    return this.retiring || this.#closing !== undefined ? 0 : this.#cap - this.topics.size;
  }

  /** True while the lane's socket is open. */
  get isOpen(): boolean {
    return this.pool.connections.some((c) => c.isOpen);
  }

  /** Closes the connection for good; pending subscribes reject. */
  close(): Promise<void> {
    this.retiring = true;
    this.#closing ??= this.pool.close().then(() => this.limiter.close('stream connection closed'));
    return this.#closing;
  }

  /**
   * Answers Binance's pings with pongs echoing the payload, through the limiter. Only the latest
   * ping waiting for a slot is answered (one pong proves liveness; a ping burst cannot queue up).
   */
  #answerPings(socket: WebSocket): void {
    let waiting: Buffer | undefined;
    let sending = false;
    const send = (): void => {
      sending = true;
      this.limiter.acquire({ method: 'ws:pong' }).then(
        () => {
          const payload = waiting;
          waiting = undefined;
          sending = false;
          if (payload !== undefined && socket.readyState === 1) {
            socket.pong(payload);
            this.pongs++;
          }
          if (waiting !== undefined) send();
        },
        () => {
          sending = false;
        },
      );
    };
    socket.on('ping', (data: Buffer) => {
      waiting = data;
      if (!sending) send();
    });
  }
}
