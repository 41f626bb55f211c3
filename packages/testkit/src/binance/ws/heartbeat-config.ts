// Binance's server heartbeat per market, as the protocol notes give it: Spot streams and the WS API
// ping every 20 s and disconnect after 1 minute without a pong (binance.md §5, §8); USDⓈ-M
// streams ping every 3 minutes and disconnect after 10 (binance-usdm.md §5). Tests shorten both.
import { checkHeartbeat } from '../../sim/heartbeat.js';
import type { SimHeartbeat } from '../../sim/types.js';
import type { BinanceMarketKind } from '../symbols.js';

/** Overrides of one market's server heartbeat; anything not given keeps Binance's value. */
export interface BinanceHeartbeatOverrides {
  /** Real milliseconds between server pings (Spot 20000, USDⓈ-M 180000). */
  intervalMs?: number;
  /** Real milliseconds a ping may stay unanswered before the connection is dropped (Spot 60000, USDⓈ-M 600000). */
  timeoutMs?: number;
}

/** The `heartbeat` option of the Binance simulator: `false` turns server pings off everywhere;
 *  otherwise overrides for both markets, with `spot` / `usdm` sections (or `false`) for one. */
export type BinanceHeartbeatOption =
  | false
  | (BinanceHeartbeatOverrides & {
      spot?: BinanceHeartbeatOverrides | false;
      usdm?: BinanceHeartbeatOverrides | false;
    });

/** Binance's published heartbeat of each market. */
export const BINANCE_HEARTBEAT_DEFAULTS: Readonly<Record<BinanceMarketKind, Readonly<SimHeartbeat>>> =
  Object.freeze({
    spot: Object.freeze({ intervalMs: 20_000, timeoutMs: 60_000 }),
    usdm: Object.freeze({ intervalMs: 180_000, timeoutMs: 600_000 }),
  });

/** The heartbeat of `market`'s connections under `option` (`false` = no server pings). */
export function resolveHeartbeat(
  market: BinanceMarketKind,
  option: BinanceHeartbeatOption | undefined,
): SimHeartbeat | false {
  if (option === false) return false;
  const specific = option?.[market];
  if (specific === false) return false;
  const defaults = BINANCE_HEARTBEAT_DEFAULTS[market];
  return checkHeartbeat(
    {
      intervalMs: specific?.intervalMs ?? option?.intervalMs ?? defaults.intervalMs,
      timeoutMs: specific?.timeoutMs ?? option?.timeoutMs ?? defaults.timeoutMs,
    },
    `startBinanceSim: ${market}`,
  );
}
