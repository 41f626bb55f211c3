// The Bybit half of a base WsPool for public streams (protocols/bybit.md §5): `op: subscribe` /
// `unsubscribe` with our request id in `req_id` (echoed as a string in the acknowledgement),
// `{success, ret_msg, op, req_id}` acknowledgements, data messages routed by `topic`, the spot cap
// of 10 args per request, and a per-connection topic cap that keeps the args under Bybit's 21,000
// characters. Data frames (which begin `{"topic":"…"`) are routed by their bytes, before decoding. Pongs (`op: "ping"` or `"pong"`) are neither data nor acks: they reach the pool's
// `message` event.
import { leadingStringField, type PoolProtocol } from '@venuekit/base';

/** A Bybit stream category served by this package. */
export type BybitStreamCategory = 'spot' | 'linear';

/** A decoded frame of a public (or private) Bybit stream; only the fields routing reads. */
export interface BybitStreamMessage {
  /** Topic of a data message (`orderbook.50.BTCUSDT`). */
  topic?: string;
  /** `snapshot` or `delta`. */
  type?: string;
  /** Send time, ms. */
  ts?: number;
  /** The payload. */
  data?: unknown;
  /** Control messages: `subscribe`, `unsubscribe`, `ping`, `pong`, `auth`. */
  op?: string;
  success?: boolean;
  ret_msg?: string;
  req_id?: string;
  conn_id?: string;
}

/** Spot accepts at most 10 args per subscribe request (bybit.md §5). */
export const SPOT_ARGS_PER_MESSAGE = 10;

/**
 * Topics one connection carries by default. Bybit caps the args of a connection at 21,000
 * characters; 200 topics stay under it even at 100 characters each.
 */
export const TOPICS_PER_CONNECTION = 200;

/** Options of {@link createPublicProtocol}. */
export interface PublicProtocolOptions {
  /** `'spot'` or `'linear'`: spot sends at most 10 args per request. */
  category: BybitStreamCategory;
  /** Topics per connection (default {@link TOPICS_PER_CONNECTION}). */
  maxTopicsPerConnection?: number | undefined;
  /** Topics per request (default: spot 10, linear 50). */
  maxTopicsPerMessage?: number | undefined;
}

function control(op: 'subscribe' | 'unsubscribe', topics: readonly string[], id: number): string {
  return `{"req_id":"${id}","op":"${op}","args":${JSON.stringify(topics)}}`;
}

/** Recognises a subscribe / unsubscribe acknowledgement (public and private streams alike). */
export function matchBybitAck(message: BybitStreamMessage) {
  const op = message.op;
  if (op !== 'subscribe' && op !== 'unsubscribe') return undefined;
  const id = message.req_id;
  if (typeof id !== 'string' || id === '') return undefined;
  return message.success === true
    ? { id, ok: true }
    : { id, ok: false, error: message.ret_msg || 'refused without a reason' };
}

/** A PoolProtocol speaking Bybit's public-stream control messages. */
export function createPublicProtocol(options: PublicProtocolOptions): PoolProtocol<BybitStreamMessage> {
  const spot = options.category === 'spot';
  const perMessage = Math.min(
    options.maxTopicsPerMessage ?? (spot ? SPOT_ARGS_PER_MESSAGE : 50),
    spot ? SPOT_ARGS_PER_MESSAGE : Number.POSITIVE_INFINITY,
  );
  return {
    venue: 'bybit',
    subscribeMessage: (topics, id) => control('subscribe', topics, id),
    unsubscribeMessage: (topics, id) => control('unsubscribe', topics, id),
    matchAck: matchBybitAck,
    topicOf: (message) => message.topic,
    frameTopic: leadingStringField('topic'),
    maxTopicsPerConnection: options.maxTopicsPerConnection ?? TOPICS_PER_CONNECTION,
    maxTopicsPerMessage: perMessage,
  };
}
