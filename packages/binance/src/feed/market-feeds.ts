// The two Binance feeds: BINANCE___SPOT (Spot, `/api/v3`) and BINANCE___USDM (USDⓈ-M futures,
// `/fapi`). Spot has no positions, so its `getPositions` is not offered (NotSupportedError,
// `capabilities.getPositions === false`); USD-M adds them.
import type { Position } from '@venuekit/base';
import type { BinanceFeedOptions } from './feed-options.js';
import { BinanceFeed } from './binance-feed.js';

/** Feed id of Binance Spot. */
export const BINANCE_SPOT_FEED_ID = 'BINANCE___SPOT';
/** Feed id of Binance USDⓈ-M futures. */
export const BINANCE_USDM_FEED_ID = 'BINANCE___USDM';

/**
 * Binance Spot. Usually made by `registry.createFeed('BINANCE___SPOT', options)`; a simulator
 * or another host via `urls: { rest, stream, wsApi }`.
 */
export class BinanceSpotFeed extends BinanceFeed {
  constructor(options?: BinanceFeedOptions) {
    super(BINANCE_SPOT_FEED_ID, 'spot', options);
  }
}

/** Binance USDⓈ-M futures (perpetual and dated contracts settled in USDT / USDC). */
export class BinanceUsdmFeed extends BinanceFeed {
  constructor(options?: BinanceFeedOptions) {
    super(BINANCE_USDM_FEED_ID, 'usdm', options);
  }

  /** Open positions of one symbol, or of all (flat ones are left out). */
  override getPositions(symbol?: string): Promise<Position[]> {
    return this.trading.getPositions(symbol);
  }
}
