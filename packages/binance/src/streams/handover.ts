// The switch of one stream from a connection being replaced to its replacement, without losing
// or repeating a message. Both connections carry the stream for a while. The old one keeps
// delivering; the new one's messages are held until the old one has delivered the message just
// before the new one's first (by the stream's own sequence: depth `U`/`pu`, trade ids, event
// times), then the held messages not yet delivered go out and the stream follows the new
// connection. The new connection may still lag behind what the old one delivered: until its
// messages pass that point (`floor`), they are dropped. If the old connection falls silent,
// `force()` switches anyway.
import type { StreamKind } from './stream-names.js';

/** Where a message sits in its stream: its own position and the position of its predecessor. */
export interface StreamSequence {
  /** The message's position (NaN when it has none). */
  key(data: unknown): number;
  /** The position the stream had reached just before this message (NaN: unknown). */
  previous(data: unknown): number;
}

type Fields = Record<string, unknown>;

function num(data: unknown, field: string): number {
  const value = data !== null && typeof data === 'object' ? (data as Fields)[field] : undefined;
  return typeof value === 'number' ? value : Number.NaN;
}

const byEventTime: StreamSequence = {
  key: (d) => num(d, 'E'),
  previous: (d) => num(d, 'E'),
};

/** The sequence of a stream of `kind`: contiguous where Binance numbers it, event time elsewhere. */
export function sequenceOf(kind: StreamKind): StreamSequence {
  switch (kind) {
    case 'depth':
      return {
        key: (d) => num(d, 'u'),
        previous: (d) => {
          const pu = num(d, 'pu');
          return Number.isNaN(pu) ? num(d, 'U') - 1 : pu;
        },
      };
    case 'trade':
      return { key: (d) => num(d, 't'), previous: (d) => num(d, 't') - 1 };
    case 'aggTrade':
      return { key: (d) => num(d, 'a'), previous: (d) => num(d, 'a') - 1 };
    case 'bookTicker':
      return { key: (d) => num(d, 'u'), previous: (d) => num(d, 'u') };
    case 'partialDepth':
      return {
        key: (d) => {
          const u = num(d, 'u');
          return Number.isNaN(u) ? num(d, 'lastUpdateId') : u;
        },
        previous: (d) => {
          const u = num(d, 'u');
          return Number.isNaN(u) ? num(d, 'lastUpdateId') : u;
        },
      };
    default:
      return byEventTime;
  }
}

/** One stream moving from an old connection to a new one. */
export class TopicHandover {
  readonly #sequence: StreamSequence;
  readonly #deliver: (data: unknown) => void;
  readonly #maxHeld: number;
  #lastKey = Number.NEGATIVE_INFINITY;
  #held: unknown[] = [];
  #switched = false;

  /**
   * @param deliver hands a message to the stream's consumers
   * @param maxHeld messages of the new connection held at most; beyond, the switch is forced
   */
  constructor(sequence: StreamSequence, deliver: (data: unknown) => void, maxHeld = 10_000) {
    this.#sequence = sequence;
    this.#deliver = deliver;
    this.#maxHeld = maxHeld;
  }

  /** True once the stream follows the new connection. */
  get switched(): boolean {
    return this.#switched;
  }

  /**
   * The last position the old connection delivered: after the switch, messages of the new
   * connection at or before it are repeats and must be dropped (-Infinity: none).
   */
  get floor(): number {
    return this.#lastKey;
  }

  /** Messages of the new connection waiting for the switch. */
  get held(): number {
    return this.#held.length;
  }

  /** A message from the old connection: delivered until the switch, dropped after. */
  fromOld(data: unknown): void {
    if (this.#switched) return;
    this.#deliver(data);
    const key = this.#sequence.key(data);
    if (key > this.#lastKey) this.#lastKey = key;
    if (this.#held.length > 0) this.#trySwitch();
  }

  /**
   * A message from the new connection: held until the switch, delivered after (unless at or
   * before the floor). Returns true once switched.
   */
  fromNew(data: unknown): boolean {
    if (this.#switched) {
      if (!(this.#sequence.key(data) <= this.#lastKey)) this.#deliver(data);
      return true;
    }
    this.#held.push(data);
    if (this.#held.length > this.#maxHeld) this.force();
    else this.#trySwitch();
    return this.#switched;
  }

  /** Switches now: held messages the old connection did not deliver go out, in order. */
  force(): void {
    if (this.#switched) return;
    this.#switched = true;
    const held = this.#held;
    this.#held = [];
    for (const data of held) {
      const key = this.#sequence.key(data);
      if (!(key <= this.#lastKey)) this.#deliver(data);
    }
  }

  #trySwitch(): void {
    const previous = this.#sequence.previous(this.#held[0]);
    // NaN (no sequence) switches at once; otherwise once the old connection reached the gap-free point.
    if (!(previous > this.#lastKey)) this.force();
  }
}
