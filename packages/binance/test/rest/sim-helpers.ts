// Shared setup of the REST tests against the Binance simulator: clients pointed at it with the
// simulator's accepted key (Binance's documented example key), a quiet logger, and a helper that
// waits, without sleeping, until every admitted request has been answered.
import { type Clock, silentLogger } from '@venuekit/base';
import { BinanceRestClient, type BinanceRestClientOptions } from '@venuekit/binance/plugin';
import type { BinanceSim } from '@venuekit/testkit';

export { type BinanceSim, startBinanceSim } from '@venuekit/testkit';

/** The key the simulator accepts by default (Binance's docs example). */
export const DOC_CREDENTIALS = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
};

/** A client of `market` on `sim`, with credentials and a silent logger unless overridden. */
export function simClient(
  sim: BinanceSim,
  market: 'spot' | 'usdm',
  options: BinanceRestClientOptions & { clock?: Clock } = {},
): BinanceRestClient {
  return new BinanceRestClient({
    market,
    baseUrl: sim.httpUrl,
    credentials: DOC_CREDENTIALS,
    logger: silentLogger,
    ...options,
  });
}

/**
 * Resolves once `condition()` holds, checking after each event-loop turn (bounded by
 * `maxTurns`). It always lets one turn pass first, so promise chains already started (a request
 * just admitted by the limiter) get to run before the condition is judged.
 */
export async function until(condition: () => boolean, maxTurns = 200_000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (condition()) return;
  }
  throw new Error(`condition not reached within ${maxTurns} event-loop turns`);
}
