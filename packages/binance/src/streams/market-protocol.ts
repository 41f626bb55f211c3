// The Binance half of a base WsPool for market streams (protocols/binance.md §5): SUBSCRIBE /
// UNSUBSCRIBE requests with integer ids, `{result:null,id}` acknowledgements and `{code,msg,id}`
// refusals, combined-stream messages `{stream,data}` routed by `stream`, the per-connection
// stream cap, and the outbound message limit (Spot 5/s, USD-M 10/s; every frame the client sends
// counts, pongs included). `serverShutdown` notices are not data: they reach the pool's
// `message` event, where BinanceMarketStreams answers them with an early reconnect.
import {
  type Clock,
  type Limiter,
  leadingStringField,
  type PoolProtocol,
  RateLimiter,
  systemClock,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';

/** A decoded frame of a combined market-stream connection. */
export interface BinanceStreamMessage {
  /** Stream name of a data message (`btcusdt@depth@100ms`), or `!serverShutdown`. */
  stream?: string;
  /** The stream's payload. */
  data?: unknown;
  /** Request id of an acknowledgement or refusal. */
  id?: number | string | null;
  /** `null` in a positive acknowledgement; the list for LIST_SUBSCRIPTIONS. */
  result?: unknown;
  /** Binance's error code of a refused request (0 unknown property, 1 bad value, 2 invalid request, 3 invalid JSON). */
  code?: number;
  /** Binance's error text of a refused request. */
  msg?: string;
  /** Event type of an unwrapped payload (raw connections, `serverShutdown`). */
  e?: string;
}

/** Incoming messages Binance allows per second on one connection (binance.md §4, binance-usdm.md §5). */
export const MESSAGES_PER_SECOND: Readonly<Record<BinanceMarket, number>> = { spot: 5, usdm: 10 };

/** Streams one connection may carry (both markets). */
export const STREAMS_PER_CONNECTION = 1024;

/** Options of {@link createMarketProtocol}. */
export interface MarketProtocolOptions {
  /** `'spot'` or `'usdm'`: picks the message-rate default. */
  market: BinanceMarket;
  /** Streams per connection (default 1024). */
  maxStreamsPerConnection?: number | undefined;
  /** Streams named in one SUBSCRIBE / UNSUBSCRIBE (default 200). */
  maxStreamsPerMessage?: number | undefined;
  /**
   * The connection's outbound limiter (every SUBSCRIBE / UNSUBSCRIBE acquires from it). Give the
   * same limiter to whatever else writes on the socket (pongs) so they are counted together.
   */
  messageLimiter: Limiter;
}

/** True for Binance's `serverShutdown` notice, raw or combined. */
export function isServerShutdown(message: BinanceStreamMessage): boolean {
  return message.stream === '!serverShutdown' || message.e === 'serverShutdown';
}

/**
 * A limiter of `messagesPerSecond` outbound frames per connection. The window is a sliding
 * 1100 ms rather than 1000 ms: Binance counts by its own clock on arrival, so a frame that left
 * just over a second after the fifth before it may still land in the same second there.
 */
export function createOutboundLimiter(messagesPerSecond: number, clock: Clock = systemClock): RateLimiter {
  return new RateLimiter(
    [{ name: 'wsMessages', kind: 'slidingWindow', intervalMs: 1100, limit: messagesPerSecond }],
    { clock },
  );
}

/** A PoolProtocol speaking Binance's market-stream control messages on combined connections. */
export function createMarketProtocol(options: MarketProtocolOptions): PoolProtocol<BinanceStreamMessage> {
  const control = (method: 'SUBSCRIBE' | 'UNSUBSCRIBE', params: readonly string[], id: number): string =>
    `{"method":"${method}","params":${JSON.stringify(params)},"id":${id}}`;
  return {
    venue: 'binance',
    subscribeMessage: (topics, id) => control('SUBSCRIBE', topics, id),
    unsubscribeMessage: (topics, id) => control('UNSUBSCRIBE', topics, id),
    matchAck(message) {
      const id = message.id;
      if (typeof id !== 'number' && typeof id !== 'string') return undefined;
      if (message.code !== undefined)
        return { id, ok: false, code: message.code, error: message.msg ?? `error code ${message.code}` };
      return 'result' in message ? { id, ok: true } : undefined;
    },
    topicOf(message) {
      const stream = message.stream;
      // `!serverShutdown` is a notice, not data: it goes to the pool's `message` event.
      return typeof stream === 'string' && stream !== '!serverShutdown' ? stream : undefined;
    },
    // Data frames begin `{"stream":"…"`: routed by their bytes (`!serverShutdown` matches no stream).
    frameTopic: leadingStringField('stream'),
    maxTopicsPerConnection: options.maxStreamsPerConnection ?? STREAMS_PER_CONNECTION,
    maxTopicsPerMessage: options.maxStreamsPerMessage ?? 200,
    messageLimiter: options.messageLimiter,
  };
}
