// Planned reconnects of BinanceMarketStreams: before Binance's 24-hour cut (connection ages are
// checked on a timer) or at once on a `serverShutdown` notice, a connection is replaced. The
// replacement opens and subscribes every stream of the old one; each stream then hands over
// (TopicHandover) once the replacement has caught up with it, and the old connection closes when
// all have — or when the handover deadline passes or the old connection dies first.
import type { TimerHandle } from '@venuekit/base';
import { TopicHandover } from './handover.js';
import type { StreamLane } from './stream-lane.js';
import type { StreamRoute } from './stream-names.js';
import type { ResolvedStreamsOptions } from './streams-options.js';
import { asError, type RotateReason, type Topic } from './stream-types.js';

/** What the rotation needs from BinanceMarketStreams. */
export interface RotationHost {
  readonly options: ResolvedStreamsOptions;
  /** Every connection, oldest first. */
  lanes(): Iterable<StreamLane>;
  /** A connection still in use (not closed or replaced). */
  hasLane(lane: StreamLane): boolean;
  topic(name: string): Topic | undefined;
  openLane(route: StreamRoute): StreamLane;
  /** Subscribes `names` on `lane`; resolves once acknowledged. */
  attach(lane: StreamLane, names: string[]): Promise<void>;
  removeLane(lane: StreamLane): void;
  deliver(topic: Topic, data: unknown): void;
  rotated(from: StreamLane, to: StreamLane, reason: RotateReason): void;
  error(error: Error): void;
}

interface Pending {
  timer: TimerHandle;
  next: StreamLane;
  reason: RotateReason;
}

/** Replaces connections of one BinanceMarketStreams without losing or repeating messages. */
export class StreamRotation {
  readonly #host: RotationHost;
  /** Connections being replaced whose replacement is subscribed: the deadline and where streams go. */
  readonly #pending = new Map<StreamLane, Pending>();
  #timer: TimerHandle | undefined;
  #closed = false;

  constructor(host: RotationHost) {
    this.#host = host;
    if (Number.isFinite(host.options.rotateAfterMs)) this.#armCheck();
  }

  /** Opens a replacement for `old`, subscribes its streams there, and hands each stream over. */
  rotate(old: StreamLane, reason: RotateReason): void {
    const host = this.#host;
    if (old.retiring || this.#closed || !host.hasLane(old)) return;
    const names = [...old.topics];
    old.retiring = true;
    if (names.length === 0) {
      host.removeLane(old);
      return;
    }
    const next = host.openLane(old.route);
    next.retiring = true; // no new streams until the handover is done
    for (const name of names) {
      const topic = host.topic(name)!;
      const state = new TopicHandover(topic.sequence, (data) => host.deliver(topic, data));
      topic.handover = { lane: next, state, own: undefined };
      next.topics.add(name);
    }
    host.attach(next, names).then(
      () => {
        next.retiring = false;
        const timer = host.options.clock.setTimeout(() => this.finish(old), host.options.handoverTimeoutMs);
        this.#pending.set(old, { timer, next, reason });
        // An old connection already gone delivers nothing more: switch everything now.
        if (!old.isOpen) this.finish(old);
        this.closeIfDrained(old);
      },
      (error: unknown) => {
        // The replacement failed: keep the old connection; the next check tries again.
        for (const name of names) {
          const topic = host.topic(name);
          if (topic?.handover?.lane === next) topic.handover = undefined;
        }
        next.topics.clear();
        host.removeLane(next);
        old.retiring = false;
        host.error(asError(error));
      },
    );
  }

  /** `lane` closed: if it was being replaced, every stream switches now. */
  laneClosed(lane: StreamLane): void {
    if (this.#pending.has(lane)) this.finish(lane);
  }

  /** Switches every stream still handing over from `old` now (it went silent or took too long). */
  finish(old: StreamLane): void {
    for (const name of [...old.topics]) {
      const topic = this.#host.topic(name);
      if (topic?.handover === undefined || topic.lane !== old) continue;
      topic.handover.state.force();
      this.complete(topic);
    }
  }

  /** `topic` switched to its new connection: from now on it follows that one alone. */
  complete(topic: Topic): void {
    const handover = topic.handover;
    if (handover === undefined) return;
    const old = topic.lane;
    topic.lane = handover.lane;
    topic.own = handover.own;
    topic.handover = undefined;
    const floor = handover.state.floor;
    topic.floor = Number.isFinite(floor) ? floor : undefined;
    old.topics.delete(topic.name);
    this.closeIfDrained(old);
  }

  /** Closes `old` once it carries nothing any more and its replacement is in place. */
  closeIfDrained(old: StreamLane): void {
    const pending = this.#pending.get(old);
    if (old.topics.size > 0 || pending === undefined) return;
    this.#host.options.clock.clearTimeout(pending.timer);
    this.#pending.delete(old);
    this.#host.removeLane(old);
    this.#host.rotated(old, pending.next, pending.reason);
  }

  /** Stops the age checks and every handover deadline. */
  close(): void {
    this.#closed = true;
    const clock = this.#host.options.clock;
    if (this.#timer !== undefined) clock.clearTimeout(this.#timer);
    for (const pending of this.#pending.values()) clock.clearTimeout(pending.timer);
    this.#pending.clear();
  }

  #armCheck(): void {
    const { clock, rotateAfterMs, rotationCheckMs } = this.#host.options;
    this.#timer = clock.setTimeout(() => {
      const now = clock.now();
      for (const lane of [...this.#host.lanes()])
        if (lane.openedAt !== undefined && now - lane.openedAt >= rotateAfterMs) this.rotate(lane, 'age');
      if (!this.#closed) this.#armCheck();
    }, rotationCheckMs);
  }
}
