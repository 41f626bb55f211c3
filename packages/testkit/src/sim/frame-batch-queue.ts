// A per-connection send queue for floods: while a hub is corked, frames for one connection are
// queued and every `batchSize` of them encoded into one wire buffer at once, so no long-lived
// strings pile up and the writer later hands each batch to the socket in one write.
import type { EncodedFrames } from './flood.js';
import { encodeTextFrames } from './text-frames.js';

/** Frames queued for one connection, encoded for the wire in batches. */
export class FrameBatchQueue {
  #queue: string[] = [];
  #batches: EncodedFrames[] = [];

  /** Queues `frame`; every `batchSize` frames are encoded together. */
  enqueue(frame: string, batchSize: number): void {
    this.#queue.push(frame);
    if (this.#queue.length >= batchSize) this.#encode();
  }

  /** Takes every queued frame as encoded batches (the queue is empty afterwards). */
  takeBatches(): EncodedFrames[] {
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
