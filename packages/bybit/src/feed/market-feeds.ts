// The two Bybit feeds the plugin registers: BYBIT___SPOT (spot) and BYBIT___LINEAR (USDT/USDC
// perpetuals and futures).
import type { BybitFeedOptions } from './feed-options.js';
import { BybitFeed } from './bybit-feed.js';

/** Feed id of Bybit spot. */
export const BYBIT_SPOT_FEED_ID = 'BYBIT___SPOT';
/** Feed id of Bybit linear derivatives. */
export const BYBIT_LINEAR_FEED_ID = 'BYBIT___LINEAR';

/** Bybit spot (`category=spot`). */
export class BybitSpotFeed extends BybitFeed {
  constructor(options: BybitFeedOptions = {}) {
    super(BYBIT_SPOT_FEED_ID, 'spot', options);
  }
}

/** Bybit linear perpetuals and futures (`category=linear`). */
export class BybitLinearFeed extends BybitFeed {
  constructor(options: BybitFeedOptions = {}) {
    super(BYBIT_LINEAR_FEED_ID, 'linear', options);
  }
}
