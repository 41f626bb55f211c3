// The one "you may have missed data" signal every venue stream emits as `restored`: after a
// dropped connection is back and its topics are subscribed again, the payload names the
// connection, the topics restored and — where the stream tracked it — the window nothing was
// pushed, so a consumer written once can reconcile over REST on any venue. `DowntimeTracker`
// keeps that window per connection for streams that build the payload themselves.
import type { Clock } from '../clock.js';

/**
 * Payload of every stream's `restored` event: a connection dropped and is serving again, and
 * whatever the venue pushed in between is lost. Reconcile over REST for `[downSince, now]`.
 * Venue packages may add fields (Binance market streams keep `streams`, Bybit `topicCount`).
 */
export interface StreamRestored {
  /** The id of the connection that came back (unique within its stream object). */
  readonly connection: number;
  /** The topics (venue stream names, e.g. `btcusdt@trade`, `orderbook.50.BTCUSDT`) subscribed again. */
  readonly topics: readonly string[];
  /** When the connection was lost (clock ms): the start of the window nothing was pushed. */
  readonly downSince?: number | undefined;
  /** How long the connection was down, ms (`now - downSince`). */
  readonly downtimeMs?: number | undefined;
}

/**
 * Remembers, per connection, when it went down, and turns that into a {@link StreamRestored}
 * once it is back. The first drop counts: further drops before the restore keep the start.
 */
export class DowntimeTracker {
  readonly #clock: Pick<Clock, 'now'>;
  readonly #downSince = new Map<number, number>();

  /** `clock` gives the times (`Date.now` semantics: ms since the epoch). */
  constructor(clock: Pick<Clock, 'now'>) {
    this.#clock = clock;
  }

  /** Connection `connection` dropped now (unless it is already known to be down). */
  down(connection: number): void {
    if (!this.#downSince.has(connection)) this.#downSince.set(connection, this.#clock.now());
  }

  /** When `connection` went down, or undefined while it is up. */
  downSince(connection: number): number | undefined {
    return this.#downSince.get(connection);
  }

  /**
   * The payload for `connection` coming back with `topics`, and forgets the drop. Without a
   * recorded drop (the stream saw no close) `downSince` and `downtimeMs` are left out.
   */
  restored(connection: number, topics: readonly string[]): StreamRestored {
    const since = this.#downSince.get(connection);
    this.#downSince.delete(connection);
    if (since === undefined) return { connection, topics };
    return { connection, topics, downSince: since, downtimeMs: this.#clock.now() - since };
  }

  /** Forgets `connection` (it was closed for good). */
  forget(connection: number): void {
    this.#downSince.delete(connection);
  }

  /** Forgets the drops of every connection `isLive` says is gone for good (a pool gave up on it). */
  prune(isLive: (connection: number) => boolean): void {
    for (const connection of [...this.#downSince.keys()])
      if (!isLive(connection)) this.#downSince.delete(connection);
  }

  /** Connections whose drop is remembered now. */
  get size(): number {
    return this.#downSince.size;
  }
}
