// The Binance simulator's kinds of limit violation, recorded in the shared violation log. Tests
// assert the total is 0 for a well-behaved client.
import { type ViolationEntry, ViolationLog } from '../../shared/limits/violation-log.js';

/** Kinds of violation the simulator counts. */
export type ViolationKind =
  | 'requestWeight'
  | 'rawRequests'
  | 'orders'
  | 'banned'
  | 'wsMessageRate'
  | 'wsStreamCap'
  | 'wsConnections';

/** One recorded violation (`who` is the client IP, or the account for `orders`). */
export type ViolationRecord = ViolationEntry<ViolationKind>;

const KINDS: readonly ViolationKind[] = [
  'requestWeight',
  'rawRequests',
  'orders',
  'banned',
  'wsMessageRate',
  'wsStreamCap',
  'wsConnections',
];

/** Counts Binance violations by kind and keeps the latest ones for failure messages. */
export class Violations extends ViolationLog<ViolationKind> {
  /** Creates an empty log with every Binance kind at 0. */
  constructor() {
    super(KINDS);
  }
}
