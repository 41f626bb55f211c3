// USDⓈ-M user-data stream keys: POST / PUT / DELETE `/fapi/v1/listenKey` (API key only, weight 1).
import type { VenueContext } from '../venue-context.js';
import type { UserDataHub } from '../ws/user-data-hub.js';
import type { Endpoint } from './endpoint.js';

/** The listenKey endpoints of a USDⓈ-M venue. */
export function listenKeyEndpoints(_venue: VenueContext, hub: UserDataHub): Endpoint[] {
  return [
    {
      method: 'POST',
      path: '/fapi/v1/listenKey',
      security: 'USER_STREAM',
      weight: 1,
      handle: ({ key }) => ({ listenKey: hub.createListenKey(key!.apiKey) }),
    },
    {
      method: 'PUT',
      path: '/fapi/v1/listenKey',
      security: 'USER_STREAM',
      weight: 1,
      handle: ({ key }) => ({ listenKey: hub.keepAlive(key!.apiKey) }),
    },
    {
      method: 'DELETE',
      path: '/fapi/v1/listenKey',
      security: 'USER_STREAM',
      weight: 1,
      handle: ({ key }) => {
        hub.closeListenKey(key!.apiKey);
        return {};
      },
    },
  ];
}
