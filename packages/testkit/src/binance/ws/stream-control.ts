// Control messages on a market-stream connection: SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS /
// SET_PROPERTY / GET_PROPERTY with `{result, id}` answers and Binance's error objects
// (`{code: 0|1|2|3, msg, id}`).
import type { StreamConnection } from './stream-connection.js';

/** What the hub does for control messages. */
export interface ControlTarget {
  /** Adds streams; returns an error message when the connection would exceed its stream cap. */
  subscribe(sc: StreamConnection, names: string[]): string | undefined;
  unsubscribe(sc: StreamConnection, names: string[]): void;
}

/** Handles one text message from a client; returns the answer to send (or undefined). */
export function handleControlMessage(
  target: ControlTarget,
  sc: StreamConnection,
  text: string,
): object | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (error) {
    return { code: 3, msg: `Invalid JSON: ${(error as Error).message}`, id: null };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return { code: 2, msg: 'Invalid request: request must be a JSON object', id: null };
  }
  const { method, params, id } = msg as { method?: unknown; params?: unknown; id?: unknown };
  if (!validId(id))
    return {
      code: 2,
      msg: "Invalid request: 'id' must be an integer, a string of at most 36 characters, or null",
      id: null,
    };
  const reqId = id ?? null;
  switch (method) {
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      if (!Array.isArray(params) || params.some((p) => typeof p !== 'string' || p.length === 0)) {
        return { code: 2, msg: "Invalid request: 'params' must be an array of stream names", id: reqId };
      }
      if (method === 'SUBSCRIBE') {
        const error = target.subscribe(sc, params as string[]);
        if (error !== undefined) return { code: 2, msg: `Invalid request: ${error}`, id: reqId };
      } else {
        target.unsubscribe(sc, params as string[]);
      }
      return { result: null, id: reqId };
    }
    case 'LIST_SUBSCRIPTIONS':
      return { result: [...sc.streams.keys()], id: reqId };
    case 'SET_PROPERTY': {
      if (!Array.isArray(params) || params[0] !== 'combined')
        return { code: 0, msg: 'Unknown property', id: reqId };
      if (typeof params[1] !== 'boolean')
        return { code: 1, msg: 'Invalid value type: expected Boolean', id: reqId };
      sc.combined = params[1];
      return { result: null, id: reqId };
    }
    case 'GET_PROPERTY': {
      if (!Array.isArray(params) || params[0] !== 'combined')
        return { code: 0, msg: 'Unknown property', id: reqId };
      return { result: sc.combined, id: reqId };
    }
    default:
      return { code: 2, msg: `Invalid request: unknown method '${String(method)}'`, id: reqId };
  }
}

function validId(id: unknown): boolean {
  if (id === undefined || id === null) return true;
  if (typeof id === 'number') return Number.isInteger(id);
  return typeof id === 'string' && /^[A-Za-z0-9-]{0,36}$/.test(id);
}
