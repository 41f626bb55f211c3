// One public-stream connection as the Bybit simulator tracks it: its `conn_id`, its topics and the
// characters they use (Bybit caps the args of a connection at 21,000), when it was last active (for
// the 10-minute idle cut), and a send queue used while a flood batches frames.
import { FrameBatchQueue } from '../../sim/frame-batch-queue.js';
import type { SimWsConnection } from '../../sim/types.js';

/** A public-stream connection. */
export class PublicConnection {
  readonly conn: SimWsConnection;
  readonly connId: string;
  readonly topics = new Set<string>();
  /** Characters of all subscribed topic names. */
  argChars = 0;
  /** Simulator time of the last message received or data frame sent. */
  lastActivity: number;
  /** Frames queued while the hub is corked (flood), encoded for the wire in batches. */
  readonly queue = new FrameBatchQueue();

  /** Wraps `conn`. */
  constructor(conn: SimWsConnection, connId: string, now: number) {
    this.conn = conn;
    this.connId = connId;
    this.lastActivity = now;
  }
}
