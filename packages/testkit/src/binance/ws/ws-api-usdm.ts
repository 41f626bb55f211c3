// The USDⓈ-M WebSocket API (`/ws-fapi/v1`) of a simulated futures market: a WsApiServer with the
// USDⓈ-M profile over the same endpoint handlers the `/fapi` REST routes run (market data,
// orders, account, listenKey), so both transports share the engine, weights and limits.
import type { Endpoint } from '../rest/endpoint.js';
import { futuresMarketEndpoints } from '../rest/futures-market-routes.js';
import { futuresTradeEndpoints } from '../rest/futures-trade-routes.js';
import { listenKeyEndpoints } from '../rest/listen-key-routes.js';
import type { VenueContext } from '../venue-context.js';
import type { UserDataHub } from './user-data-hub.js';
import { WsApiServer } from './ws-api.js';
import { USDM_WS_API } from './ws-api-methods.js';

/** The `/ws-fapi/v1` server of `venue` (kind 'usdm'). */
export function buildUsdmWsApi(venue: VenueContext, userData: UserDataHub): WsApiServer {
  if (venue.futures === undefined) throw new Error('buildUsdmWsApi: venue has no futures engine');
  const endpoints: Endpoint[] = [
    ...futuresMarketEndpoints(venue),
    ...futuresTradeEndpoints(venue),
    ...listenKeyEndpoints(venue, userData),
  ];
  return new WsApiServer(venue, userData, endpoints, USDM_WS_API);
}
