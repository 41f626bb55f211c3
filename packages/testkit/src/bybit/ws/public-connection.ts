// One public-stream connection as the Bybit simulator tracks it: its `conn_id`, its topics and the
// characters they use (Bybit caps the args of a connection at 21,000), when it was last active (for
// the 10-minute idle cut), and a send queue used while a flood batches frames.
import { encodeTextFrames } from '../../sim/text-frames.js';
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
  #queue: string[] = [];
  #batches: Array<{ wire: Buffer; count: number }> = [];

  /** Wraps `conn`. */
  constructor(conn: SimWsConnection, connId: string, now: number) {
    this.conn = conn;
    this.connId = connId;
    this.lastActivity = now;
  }

  /** Queues a frame while the hub is corked; every `batchSize` frames are encoded together. */
  enqueue(frame: string, batchSize: number): void {
    this.#queue.push(frame);
    if (this.#queue.length >= batchSize) this.#encode();
  }

  /** Takes every queued frame as encoded batches. */
  takeBatches(): Array<{ wire: Buffer; count: number }> {
    if (this.#queue.length > 0) this.#encode();
    const out = this.#batches;
    this.#batches = [];
    return out;
  }

  #encode(): void {
    this.#batches.push({ wire: encodeTextFrames(this.#queue), count: this.#queue.length });
    this.#queue = [];
  }
}
