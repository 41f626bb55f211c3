// The Bybit half of a base WsPool for the private stream (bybit.md §7): one connection, whose
// `onOpen` authenticates before the pool (re)subscribes; data `{id, topic, creationTime, data}`
// routed by `topic` (`order`, `order.spot`, `execution`, `wallet`, `position`, …).
//
// Acknowledgements: Bybit documents the private subscribe ack WITHOUT `req_id`
// (`{"success":true,"ret_msg":"","op":"subscribe","conn_id":"…"}`), while some deployments echo
// it. An ack carrying a `req_id` settles that request; one without settles the oldest request of
// the same op still waiting on that connection (a connection's requests are answered in order).
// A request the pool gives up on (no answer in time, socket closed) leaves the queue through
// `requestSettled`, so that later acks do not pair off by one.
import type { PoolAck, PoolConnectionRef, PoolProtocol } from '@venuekit/base';
import type { BybitStreamMessage } from '../streams/public-protocol.js';

/** Private topics venuekit normalizes. */
export const PRIVATE_TOPICS: readonly string[] = Object.freeze(['order', 'execution', 'wallet', 'position']);

type ControlOp = 'subscribe' | 'unsubscribe';

/** Request ids sent on one connection and not yet acknowledged, oldest first, per op. */
interface InFlight {
  subscribe: number[];
  unsubscribe: number[];
}

/** A PoolProtocol speaking Bybit's private-stream control messages. */
export function createPrivateProtocol(): PoolProtocol<BybitStreamMessage> {
  const inFlight = new Map<number, InFlight>();
  const queue = (connection: PoolConnectionRef, op: ControlOp): number[] => {
    let q = inFlight.get(connection.id);
    if (q === undefined) {
      q = { subscribe: [], unsubscribe: [] };
      inFlight.set(connection.id, q);
    }
    return q[op];
  };
  const control = (op: ControlOp, topics: readonly string[], id: number, c: PoolConnectionRef): string => {
    queue(c, op).push(id);
    return `{"req_id":"${id}","op":"${op}","args":${JSON.stringify(topics)}}`;
  };
  return {
    venue: 'bybit',
    subscribeMessage: (topics, id, c) => control('subscribe', topics, id, c),
    unsubscribeMessage: (topics, id, c) => control('unsubscribe', topics, id, c),
    matchAck: (message, c) => matchPrivateAck(message, queue(c, message.op as ControlOp)),
    topicOf: (message) => message.topic,
    requestSettled: (id, c) => {
      const q = inFlight.get(c.id);
      if (q === undefined) return;
      for (const waiting of [q.subscribe, q.unsubscribe]) {
        const at = waiting.indexOf(id);
        if (at >= 0) waiting.splice(at, 1);
      }
    },
    connectionClosed: (c) => {
      inFlight.delete(c.id);
    },
    maxTopicsPerConnection: 64,
    maxTopicsPerMessage: 10,
  };
}

/** The ack `message` is, given the ids of its op waiting on its connection (oldest first). */
function matchPrivateAck(message: BybitStreamMessage, waiting: number[] | undefined): PoolAck | undefined {
  const op = message.op;
  if ((op !== 'subscribe' && op !== 'unsubscribe') || waiting === undefined) return undefined;
  const given = message.req_id;
  let id: number | undefined;
  if (typeof given === 'string' && given !== '') {
    const at = waiting.indexOf(Number(given));
    if (at < 0) return undefined;
    id = waiting.splice(at, 1)[0];
  } else id = waiting.shift();
  if (id === undefined) return undefined;
  return message.success === true
    ? { id, ok: true }
    : { id, ok: false, error: message.ret_msg || 'refused without a reason' };
}
