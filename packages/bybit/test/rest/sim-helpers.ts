// Shared setup of the REST tests against the Bybit simulator: clients pointed at it with the
// simulator's default key (`XXXXXXXXXX` / `test-secret`), a quiet logger, and a helper that waits,
// without sleeping, until a condition holds.
import { silentLogger } from '@venuekit/base';
import { BybitHttpClient, type BybitHttpClientOptions } from '@venuekit/bybit/plugin';
import { BYBIT_SIM_DEFAULT_KEY, type BybitSim } from '@venuekit/testkit';

export { type BybitSim, startBybitSim } from '@venuekit/testkit';

/** The simulator's default credentials. */
export const SIM_KEY = { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, apiSecret: BYBIT_SIM_DEFAULT_KEY.secret };

/** A client of `sim` with credentials and a silent logger unless overridden. */
export function simClient(sim: BybitSim, options: BybitHttpClientOptions = {}): BybitHttpClient {
  return new BybitHttpClient({ baseUrl: sim.httpUrl, ...SIM_KEY, logger: silentLogger, ...options });
}

/** Resolves once `condition()` holds, checking after each event-loop turn (bounded). */
export async function until(condition: () => boolean, maxTurns = 200_000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (condition()) return;
  }
  throw new Error(`condition not reached within ${maxTurns} event-loop turns`);
}
