// Routing a frame to its topic by bytes, and handing one data message or frame of a topic to its
// listeners, synchronously: a listener that throws is reported and the others still get it. A
// frame routed by bytes goes to the listeners that take bytes as is, and is JSON-decoded once, and
// only if some listener needs the object.
import { NOT_JSON, parseJsonFrame } from './frame-dispatcher.js';
import type { PoolConnection, TopicEntry, TopicListener } from './pool-connection.js';
import type { PoolConnectionRef } from './pool-protocol.js';

/** Calls `onMessage(message)` of every listener. */
export function deliverMessage<M>(
  listeners: ReadonlySet<TopicListener<M>>,
  message: M,
  report: (error: Error) => void,
): void {
  for (const listener of listeners) {
    try {
      listener.onMessage(message);
    } catch (error) {
      report(asError(error));
    }
  }
}

/**
 * Calls `onFrame(data, topic)` of the listeners that have one; the others (and those whose
 * `onFrame` returns false) get the frame decoded as JSON. A frame that is not JSON is reported once.
 */
export function deliverFrame<M>(
  listeners: ReadonlySet<TopicListener<M>>,
  data: Buffer,
  topic: string,
  report: (error: Error) => void,
): void {
  let message: unknown = NOT_PARSED;
  for (const listener of listeners) {
    try {
      if (listener.onFrame?.(data, topic)) continue;
      if (message === NOT_PARSED) message = parseJsonFrame(data.toString(), report);
      if (message !== NOT_JSON) listener.onMessage(message as M);
    } catch (error) {
      report(asError(error));
    }
  }
}

/**
 * One frame of connection `c`, when the protocol routes by bytes: a frame of a topic held on `c`
 * goes to its listeners undecoded (true). Declined (false, so it takes the JSON path): every frame
 * while no listener on `c` takes frames, and control frames or topics not held here.
 */
export function routeFrame<M>(
  c: PoolConnection<M>,
  data: Buffer,
  frameTopic: (data: Buffer, connection: PoolConnectionRef) => string | undefined,
  topics: ReadonlyMap<string, TopicEntry<M>>,
  report: (error: Error) => void,
): boolean {
  if (c.frameListeners === 0) return false;
  const topic = frameTopic(data, c);
  if (topic === undefined) return false;
  const entry = topics.get(topic);
  if (entry === undefined || entry.connection !== c) return false;
  deliverFrame(entry.listeners, data, topic, report);
  return true;
}

const NOT_PARSED: unique symbol = Symbol('not parsed');

/** `value` as an Error (wrapped when something else was thrown). */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
