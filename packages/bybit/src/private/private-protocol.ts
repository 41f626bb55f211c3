// The Bybit half of a base WsPool for the private stream (bybit.md §7): one connection, whose
// `onOpen` authenticates before the pool (re)subscribes; `op: subscribe` with `req_id` acks like
// the public streams; data `{id, topic, creationTime, data}` routed by `topic` (`order`,
// `order.spot`, `execution`, `wallet`, `position`, …).
import type { PoolProtocol } from '@venuekit/base';
import { type BybitStreamMessage, matchBybitAck } from '../streams/public-protocol.js';

/** Private topics venuekit normalizes. */
export const PRIVATE_TOPICS: readonly string[] = Object.freeze(['order', 'execution', 'wallet', 'position']);

function control(op: 'subscribe' | 'unsubscribe', topics: readonly string[], id: number): string {
  return `{"req_id":"${id}","op":"${op}","args":${JSON.stringify(topics)}}`;
}

/** A PoolProtocol speaking Bybit's private-stream control messages. */
export function createPrivateProtocol(): PoolProtocol<BybitStreamMessage> {
  return {
    venue: 'bybit',
    subscribeMessage: (topics, id) => control('subscribe', topics, id),
    unsubscribeMessage: (topics, id) => control('unsubscribe', topics, id),
    matchAck: matchBybitAck,
    topicOf: (message) => message.topic,
    maxTopicsPerConnection: 64,
    maxTopicsPerMessage: 10,
  };
}
