// USDⓈ-M signed REST endpoints: orders (place, test, modify, cancel), open / all orders, userTrades, leverage, margin type,
// account / balance / positionRisk (v2 and v3).
import { FuturesOperations } from '../trading/futures-operations.js';
import type { VenueContext } from '../venue-context.js';
import type { Endpoint } from './endpoint.js';

/** The USDⓈ-M trading and account endpoints of `venue`. */
export function futuresTradeEndpoints(venue: VenueContext): Endpoint[] {
  const ops = new FuturesOperations(venue);
  const signed = (
    method: Endpoint['method'],
    path: string,
    weight: Endpoint['weight'],
    handle: Endpoint['handle'],
  ): Endpoint => ({
    method,
    path,
    security: 'SIGNED',
    weight,
    handle,
  });
  return [
    {
      ...signed('POST', '/fapi/v1/order', 0, ({ params, key }) => ops.placeOrder(params, key!.apiKey)),
      placesOrder: true,
    },
    signed('POST', '/fapi/v1/order/test', 0, ({ params }) => ops.testOrder(params)),
    // Modify: 0 on the IP weight, 1 on each ORDERS window (Binance's "Modify Order (TRADE)").
    {
      ...signed('PUT', '/fapi/v1/order', 0, ({ params, key }) => ops.modifyOrder(params, key!.apiKey)),
      placesOrder: true,
    },
    signed('DELETE', '/fapi/v1/order', 1, ({ params, key }) => ops.cancelOrder(params, key!.apiKey)),
    signed('GET', '/fapi/v1/order', 1, ({ params, key }) => ops.queryOrder(params, key!.apiKey)),
    signed('GET', '/fapi/v1/openOrder', 1, ({ params, key }) => ops.queryOrder(params, key!.apiKey, true)),
    signed(
      'GET',
      '/fapi/v1/openOrders',
      (p) => (p.get('symbol') === undefined ? 40 : 1),
      ({ params, key }) => ops.openOrders(params, key!.apiKey),
    ),
    signed('DELETE', '/fapi/v1/allOpenOrders', 1, ({ params, key }) => ops.cancelAll(params, key!.apiKey)),
    signed('GET', '/fapi/v1/allOrders', 5, ({ params, key }) => ops.allOrders(params, key!.apiKey)),
    signed('GET', '/fapi/v1/userTrades', 5, ({ params, key }) => ops.userTrades(params, key!.apiKey)),
    signed('POST', '/fapi/v1/leverage', 1, ({ params, key }) => ops.setLeverage(params, key!.apiKey)),
    signed('POST', '/fapi/v1/marginType', 1, ({ params }) => ops.setMarginType(params)),
    signed('GET', '/fapi/v2/balance', 5, ({ key, now }) => ops.balance(key!.apiKey, now)),
    signed('GET', '/fapi/v3/balance', 5, ({ key, now }) => ops.balance(key!.apiKey, now)),
    signed('GET', '/fapi/v2/account', 5, ({ key, now }) => ops.account(key!.apiKey, now)),
    signed('GET', '/fapi/v3/account', 5, ({ key, now }) => ops.account(key!.apiKey, now)),
    signed('GET', '/fapi/v2/positionRisk', 5, ({ params, key }) =>
      ops.positionRisk(params, key!.apiKey, true),
    ),
    signed('GET', '/fapi/v3/positionRisk', 5, ({ params, key }) =>
      ops.positionRisk(params, key!.apiKey, false),
    ),
  ];
}
