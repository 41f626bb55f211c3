// A counting gate in front of dispatch: at most `capacity` HTTP exchanges are in flight across
// every origin of a session. undici's Agent caps connections per origin only; this caps the total,
// as the Bybit seed's shared session does (up to 2000 connections at once). A slot is held from
// dispatch until undici has finished with the request, so with one request per connection
// (pipelining 1) the number of connections in use never exceeds the capacity.
//
// The fast path (a free slot, nobody waiting) takes the slot synchronously with no allocation.
// Waiters are served in FIFO order; a waiter can leave the queue (abort, timeout) at any time.

/** Something waiting for a slot; `grant()` is called once, when the slot is handed over. */
export interface GateWaiter {
  grant(): void;
}

/** A FIFO counting semaphore with synchronous take and cancellable waits. */
export class ConnectionGate {
  /** Maximum number of slots held at once. */
  readonly capacity: number;
  #inUse = 0;
  // A Set keeps insertion order, so it is a FIFO queue with O(1) removal on cancel.
  readonly #waiters = new Set<GateWaiter>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Slots currently held. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Waiters queued for a slot. */
  get queued(): number {
    return this.#waiters.size;
  }

  /** Takes a slot if one is free and nobody is queued ahead; never waits. */
  tryTake(): boolean {
    if (this.#inUse < this.capacity && this.#waiters.size === 0) {
      this.#inUse++;
      return true;
    }
    return false;
  }

  /** Queues `waiter`; its `grant()` runs when a slot is handed to it. */
  enqueue(waiter: GateWaiter): void {
    this.#waiters.add(waiter);
  }

  /** Removes a queued waiter. Returns false when it was not queued (already granted or unknown). */
  cancel(waiter: GateWaiter): boolean {
    return this.#waiters.delete(waiter);
  }

  /** Gives a slot back; the oldest waiter, if any, receives it directly. */
  release(): void {
    const first = this.#waiters.values().next();
    if (first.done) {
      this.#inUse--;
      return;
    }
    this.#waiters.delete(first.value);
    first.value.grant();
  }
}
