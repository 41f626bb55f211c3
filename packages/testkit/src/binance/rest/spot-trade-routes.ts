// Spot signed REST endpoints: order place / test / cancel / query, open orders, all orders,
// account, myTrades and the unfilled-order count, with Binance's weights.
import { SpotOperations } from '../trading/spot-operations.js';
import type { VenueContext } from '../venue-context.js';
import type { Endpoint } from './endpoint.js';

/** The Spot trading and account endpoints of `venue`. */
export function spotTradeEndpoints(venue: VenueContext): Endpoint[] {
  const ops = new SpotOperations(venue);
  return [
    {
      method: 'POST',
      path: '/api/v3/order',
      security: 'SIGNED',
      weight: 1,
      placesOrder: true,
      handle: ({ params, key }) => ops.placeOrder(params, key!.apiKey),
    },
    {
      method: 'POST',
      path: '/api/v3/order/test',
      security: 'SIGNED',
      weight: (p) => (p.get('computeCommissionRates') === 'true' ? 20 : 1),
      handle: ({ params }) => ops.testOrder(params),
    },
    {
      method: 'DELETE',
      path: '/api/v3/order',
      security: 'SIGNED',
      weight: 1,
      handle: ({ params, key }) => ops.cancelOrder(params, key!.apiKey),
    },
    {
      method: 'GET',
      path: '/api/v3/order',
      security: 'SIGNED',
      weight: 4,
      handle: ({ params, key }) => ops.queryOrder(params, key!.apiKey),
    },
    {
      method: 'GET',
      path: '/api/v3/openOrders',
      security: 'SIGNED',
      weight: (p) => (p.get('symbol') === undefined ? 80 : 6),
      handle: ({ params, key }) => ops.openOrders(params, key!.apiKey),
    },
    {
      method: 'DELETE',
      path: '/api/v3/openOrders',
      security: 'SIGNED',
      weight: 1,
      handle: ({ params, key }) => ops.cancelAll(params, key!.apiKey),
    },
    {
      method: 'GET',
      path: '/api/v3/allOrders',
      security: 'SIGNED',
      weight: 20,
      handle: ({ params, key }) => ops.allOrders(params, key!.apiKey),
    },
    {
      method: 'GET',
      path: '/api/v3/account',
      security: 'SIGNED',
      weight: 20,
      handle: ({ params, key, now }) => ops.account(params, key!.apiKey, now),
    },
    {
      method: 'GET',
      path: '/api/v3/myTrades',
      security: 'SIGNED',
      weight: (p) => (p.get('orderId') === undefined ? 20 : 5),
      handle: ({ params, key }) => ops.myTrades(params, key!.apiKey),
    },
    {
      method: 'GET',
      path: '/api/v3/rateLimit/order',
      security: 'SIGNED',
      weight: 40,
      handle: ({ key, now }) => ops.orderRateLimits(key!.apiKey, now),
    },
  ];
}
