// A simulator's record of limit violations: every request or message that arrived while its
// sender was over a limit or banned, counted by kind, with the latest ones kept for failure
// messages. Each venue names its own kinds; tests assert the total is 0 for a well-behaved client.

/** One recorded violation. */
export interface ViolationEntry<K extends string> {
  /** Simulator time. */
  time: number;
  kind: K;
  /** Who broke the limit (an IP, an account or UID, a connection). */
  who: string;
  /** What was exceeded, in words. */
  detail: string;
}

/** How many of the most recent violations {@link ViolationLog.recent} keeps. */
export const VIOLATIONS_KEPT = 100;

/** Counts violations by kind and keeps the latest {@link VIOLATIONS_KEPT} for failure messages. */
export class ViolationLog<K extends string> {
  /** Total count. */
  total = 0;
  /** Count per kind (every kind present, 0 until recorded). */
  readonly byKind: Record<K, number>;
  /** The latest violations, oldest first. */
  readonly recent: ViolationEntry<K>[] = [];
  readonly #kinds: readonly K[];

  /** Creates an empty log that counts each of `kinds`. */
  constructor(kinds: readonly K[]) {
    this.#kinds = kinds;
    this.byKind = {} as Record<K, number>;
    for (const k of kinds) this.byKind[k] = 0;
  }

  /** Records one violation. */
  record(time: number, kind: K, who: string, detail: string): void {
    this.total++;
    this.byKind[kind]++;
    this.recent.push({ time, kind, who, detail });
    if (this.recent.length > VIOLATIONS_KEPT) this.recent.shift();
  }

  /** Forgets everything. */
  reset(): void {
    this.total = 0;
    for (const k of this.#kinds) this.byKind[k] = 0;
    this.recent.length = 0;
  }
}
