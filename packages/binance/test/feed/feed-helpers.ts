// Shared setup of the feed tests: the Binance simulator over loopback, an isolated registry with
// binancePlugin, feeds created through it and pointed at the simulator (its accepted key, a
// quiet logger, fast reconnects), and bounded waits that poll real state instead of sleeping.
import { ExchangeRegistry, silentLogger } from '@venuekit/base';
import { binancePlugin, type BinanceFeed, type BinanceFeedOptions } from '@venuekit/binance/plugin';
import { BINANCE_DOCS_HMAC_KEY, type BinanceSim, startBinanceSim } from '@venuekit/testkit';

export { type BinanceSim, startBinanceSim };

/** The key the simulator accepts by default (Binance's documented example key, HMAC). */
export const SIM_CREDENTIALS = {
  apiKey: BINANCE_DOCS_HMAC_KEY.apiKey,
  secret: BINANCE_DOCS_HMAC_KEY.secret,
};

/** The endpoints of `sim` for a feed of `market`. */
export function simUrls(sim: BinanceSim) {
  return { rest: sim.httpUrl, stream: sim.wsUrl, wsApi: `${sim.wsUrl}/ws-api/v3` };
}

/** A feed of `id` on `sim`, made through an isolated registry holding only binancePlugin. */
export function simFeed<F extends BinanceFeed = BinanceFeed>(
  sim: BinanceSim,
  id: 'BINANCE___SPOT' | 'BINANCE___USDM',
  options: BinanceFeedOptions = {},
): F {
  const registry = ExchangeRegistry.createIsolated().use(binancePlugin);
  return registry.createFeed<F>(id, {
    urls: simUrls(sim),
    credentials: SIM_CREDENTIALS,
    logger: silentLogger,
    reconnect: { initialDelayMs: 10, maxDelayMs: 100, jitter: 0 },
    ...options,
  } as never);
}

/** Resolves once `check()` holds, polling every few ms (bounded by `timeoutMs`). */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The first `n` values of `iterable` (then `break`, which ends the stream). */
export async function take<T>(iterable: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n <= 0) return out;
  for await (const value of iterable) {
    out.push(value);
    if (out.length >= n) break;
  }
  return out;
}

/** Values of `iterable` until `done(value)` holds (inclusive), then `break`. */
export async function takeUntil<T>(iterable: AsyncIterable<T>, done: (value: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) {
    out.push(value);
    if (done(value)) break;
  }
  return out;
}
