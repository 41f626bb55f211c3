// The simulator's record of limit violations: every request or message that arrived while its
// sender was over a limit or banned. Tests assert the total is 0 for a well-behaved client.

/** Kinds of violation the simulator counts. */
export type ViolationKind =
  | 'requestWeight'
  | 'rawRequests'
  | 'orders'
  | 'banned'
  | 'wsMessageRate'
  | 'wsStreamCap'
  | 'wsConnections';

/** One recorded violation. */
export interface ViolationRecord {
  /** Simulator time. */
  time: number;
  kind: ViolationKind;
  /** Client IP (or account for `orders`). */
  who: string;
  /** What was exceeded, in words. */
  detail: string;
}

/** Most recent violations kept in {@link Violations.recent}. */
const KEEP = 100;

/** Counts violations by kind and keeps the latest ones for failure messages. */
export class Violations {
  /** Total count. */
  total = 0;
  /** Count per kind. */
  readonly byKind: Record<ViolationKind, number> = {
    requestWeight: 0,
    rawRequests: 0,
    orders: 0,
    banned: 0,
    wsMessageRate: 0,
    wsStreamCap: 0,
    wsConnections: 0,
  };
  /** The latest violations, oldest first. */
  readonly recent: ViolationRecord[] = [];

  /** Records one violation. */
  record(time: number, kind: ViolationKind, who: string, detail: string): void {
    this.total++;
    this.byKind[kind]++;
    this.recent.push({ time, kind, who, detail });
    if (this.recent.length > KEEP) this.recent.shift();
  }

  /** Forgets everything. */
  reset(): void {
    this.total = 0;
    for (const k of Object.keys(this.byKind) as ViolationKind[]) this.byKind[k] = 0;
    this.recent.length = 0;
  }
}
