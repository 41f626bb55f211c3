// Handing one data message or frame of a topic to its listeners, synchronously: a listener that
// throws is reported and the others still get it. A frame routed by bytes goes to the listeners
// that take bytes as is, and is JSON-decoded once, and only if some listener needs the object.
import { NOT_JSON, parseJsonFrame } from './frame-dispatcher.js';
import type { TopicListener } from './pool-connection.js';

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

const NOT_PARSED: unique symbol = Symbol('not parsed');

/** `value` as an Error (wrapped when something else was thrown). */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
