// Control requests on the simulator's private stream. Like Bybit's, its auth and subscribe acks
// carry no req_id, so the answer to a request is the first message of the same op that arrives
// after it was sent (the server answers a connection's requests in order).
import type { Json, TestSocket } from './helpers.js';

/** Sends `msg` (an `auth`, `subscribe` or `unsubscribe`) and waits for the next ack of its op. */
export async function privateRequest(
  s: TestSocket,
  msg: { op: string; [k: string]: unknown },
): Promise<Json> {
  const seen = s.messages.length;
  s.send(msg);
  return s.waitFor((m) => m.op === msg.op && m.topic === undefined && s.messages.indexOf(m) >= seen);
}
