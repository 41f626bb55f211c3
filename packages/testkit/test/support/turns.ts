// Lets the event loop run a number of turns (I/O included), for assertions that something did NOT
// happen: if the harness were broken the event would arrive within these turns on loopback.
import { setImmediate as immediate } from 'node:timers/promises';

/** Yields `count` event-loop turns. */
export async function turns(count = 20): Promise<void> {
  for (let i = 0; i < count; i++) await immediate();
}
