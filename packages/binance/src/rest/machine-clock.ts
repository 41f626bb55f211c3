// The machine's own time behind a server-offset clock. Signatures and rate-limit windows follow
// Binance's clock, but durations — call deadlines, backoff, a ban's end — must not jump when a
// re-sync moves the offset (a +30 s correction would otherwise expire every deadline at once).

import { type Clock, ServerOffsetClock } from '@venuekit/base';

/** `clock` without its server offset (the clock itself when it has none); timers are shared. */
export function machineClockOf(clock: Clock): Clock {
  if (!(clock instanceof ServerOffsetClock)) return clock;
  return {
    now: () => clock.now() - clock.offsetMs,
    setTimeout: (fn, ms, options) => clock.setTimeout(fn, ms, options),
    clearTimeout: (handle) => clock.clearTimeout(handle),
  };
}
