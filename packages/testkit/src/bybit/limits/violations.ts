// The Bybit simulator's kinds of limit violation (every request or message that broke one of
// Bybit's published limits), recorded in the shared violation log. Tests assert the total is 0
// for a well-behaved client.
import { type ViolationEntry, ViolationLog } from '../../shared/limits/violation-log.js';

/** Kinds of violation. */
export type BybitViolationKind =
  | 'ipLimit'
  | 'ipBanned'
  | 'uidLimit'
  | 'wsSubscribeArgs'
  | 'wsArgsLength'
  | 'wsConnections'
  | 'wsIdle';

/** One recorded violation (`who` is the IP, UID or connection that broke the limit). */
export type BybitViolationRecord = ViolationEntry<BybitViolationKind>;

const KINDS: readonly BybitViolationKind[] = [
  'ipLimit',
  'ipBanned',
  'uidLimit',
  'wsSubscribeArgs',
  'wsArgsLength',
  'wsConnections',
  'wsIdle',
];

/** Violation counts by Bybit kind, with the latest ones for failure messages. */
export class BybitViolations extends ViolationLog<BybitViolationKind> {
  /** Creates an empty log with every Bybit kind at 0. */
  constructor() {
    super(KINDS);
  }
}
