// The Bybit simulator's record of limit violations: every request or message that broke one of
// Bybit's published limits. Tests assert the total is 0 for a well-behaved client.

/** Kinds of violation. */
export type BybitViolationKind =
  | 'ipLimit'
  | 'ipBanned'
  | 'uidLimit'
  | 'wsSubscribeArgs'
  | 'wsArgsLength'
  | 'wsConnections'
  | 'wsIdle';

/** One recorded violation. */
export interface BybitViolationRecord {
  /** Simulator time. */
  time: number;
  kind: BybitViolationKind;
  /** IP, UID or connection that broke the limit. */
  who: string;
  /** What was exceeded, in words. */
  detail: string;
}

const KEEP = 100;

/** Violation counts by kind, with the latest ones for failure messages. */
export class BybitViolations {
  /** Total count. */
  total = 0;
  /** Count per kind. */
  readonly byKind: Record<BybitViolationKind, number> = {
    ipLimit: 0,
    ipBanned: 0,
    uidLimit: 0,
    wsSubscribeArgs: 0,
    wsArgsLength: 0,
    wsConnections: 0,
    wsIdle: 0,
  };
  /** The latest violations, oldest first. */
  readonly recent: BybitViolationRecord[] = [];

  /** Records one violation. */
  record(time: number, kind: BybitViolationKind, who: string, detail: string): void {
    this.total++;
    this.byKind[kind]++;
    this.recent.push({ time, kind, who, detail });
    if (this.recent.length > KEEP) this.recent.shift();
  }

  /** Forgets everything. */
  reset(): void {
    this.total = 0;
    for (const k of Object.keys(this.byKind) as BybitViolationKind[]) this.byKind[k] = 0;
    this.recent.length = 0;
  }
}
