// Unsubscribes of BinanceMarketStreams, batched: per-stream pool subscriptions of one connection
// released in the same turn of the event loop (a manager releasing 200 books, one consumer
// leaving many streams) go out as one UNSUBSCRIBE instead of one each — each request costs one
// of the connection's 5 messages a second.
import type { PoolSubscription } from '@venuekit/base';
import type { LaneRouter } from './lane-set.js';
import type { StreamLane } from './stream-lane.js';

/** Collects unsubscribes per connection and sends each batch as one request. */
export class UnsubscribeBatches {
  readonly #routerOf: (lane: StreamLane) => LaneRouter | undefined;
  readonly #batches = new Map<StreamLane, { subs: PoolSubscription[]; done: Promise<void> }>();

  /** @param routerOf the lane's message handler (undefined once the lane is gone) */
  constructor(routerOf: (lane: StreamLane) => LaneRouter | undefined) {
    this.#routerOf = routerOf;
  }

  /** Queues `own` for unsubscribing on `lane`; resolves when its batch is acknowledged. */
  leave(lane: StreamLane, own: PoolSubscription): Promise<void> {
    let batch = this.#batches.get(lane);
    if (batch === undefined) {
      const subs: PoolSubscription[] = [];
      let settle!: { resolve: () => void; reject: (error: unknown) => void };
      const done = new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
      batch = { subs, done };
      this.#batches.set(lane, batch);
      setImmediate(() => {
        this.#batches.delete(lane);
        this.#together(lane, subs).then(settle.resolve, settle.reject);
      });
    }
    batch.subs.push(own);
    return batch.done;
  }

  /**
   * One request for several subscriptions: a batch subscription takes their streams over first
   * (no request: they are active), the per-stream ones leave (no request: still wanted), then the
   * batch leaves alone.
   */
  async #together(lane: StreamLane, subs: PoolSubscription[]): Promise<void> {
    const router = this.#routerOf(lane);
    if (subs.length === 1 || router === undefined || !lane.isOpen) {
      await Promise.all(subs.map((s) => s.unsubscribe()));
      return;
    }
    const batch = await lane.pool.subscribe(
      subs.flatMap((s) => s.topics),
      router,
      { onFrame: router.frame },
    );
    await Promise.all(subs.map((s) => s.unsubscribe()));
    await batch.unsubscribe();
  }
}
