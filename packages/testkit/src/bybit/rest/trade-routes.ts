// Order entry and order queries of the Bybit simulator: `POST /v5/order/create` and
// `/v5/order/cancel` answer `{orderId, orderLinkId}` at once (acceptance, not execution: the
// matching engine takes the request in slightly later), `GET /v5/order/realtime` lists what the
// engine has taken in: open orders by default, recent closed ones with `openOnly=1`, any state by
// orderId / orderLinkId, newest first with cursor paging.
import { BybitErrors } from '../errors.js';
import { type SimOrder, isOpen } from '../trading/order-model.js';
import { parseOrderRequest } from '../trading/order-input.js';
import { orderJson } from '../trading/private-json.js';
import type { BybitVenue } from '../venue-context.js';
import { categoryMarket } from '../venue-context.js';
import type { BybitEndpoint } from './endpoint.js';

/** The trade endpoints. */
export function tradeEndpoints(venue: BybitVenue): BybitEndpoint[] {
  return [
    {
      method: 'POST',
      path: '/v5/order/create',
      auth: true,
      limited: '/v5/order/create',
      handle: ({ params, key }) => {
        const market = categoryMarket(venue, params.text('category'));
        const order = venue.engine.create(venue.accounts.get(key!.uid), parseOrderRequest(params, market));
        return { orderId: order.orderId, orderLinkId: order.orderLinkId };
      },
    },
    {
      method: 'POST',
      path: '/v5/order/cancel',
      auth: true,
      limited: '/v5/order/cancel',
      handle: ({ params, key }) => {
        const market = categoryMarket(venue, params.text('category'));
        const symbol = params.text('symbol');
        if (symbol === undefined) throw BybitErrors.params('params error: symbol is required');
        const orderId = params.text('orderId');
        const orderLinkId = params.text('orderLinkId');
        if (orderId === undefined && orderLinkId === undefined) {
          throw BybitErrors.params('params error: orderId or orderLinkId is required');
        }
        const o = venue.engine.cancel(key!.uid, market.category, symbol, orderId, orderLinkId);
        return { orderId: o.orderId, orderLinkId: o.orderLinkId };
      },
    },
    {
      method: 'GET',
      path: '/v5/order/realtime',
      auth: true,
      limited: '/v5/order/realtime',
      handle: ({ params, key }) => {
        const market = categoryMarket(venue, params.text('category'));
        const symbol = params.text('symbol');
        const baseCoin = params.text('baseCoin');
        const settleCoin = params.text('settleCoin');
        if (
          market.category !== 'spot' &&
          symbol === undefined &&
          baseCoin === undefined &&
          settleCoin === undefined
        ) {
          throw BybitErrors.params('params error: symbol, baseCoin or settleCoin is required for linear');
        }
        const orderId = params.text('orderId');
        const orderLinkId = params.text('orderLinkId');
        const openOnly = params.int('openOnly', 0, 0, 2);
        const limit = params.int('limit', 20, 1, 50);
        const start = Number(params.text('cursor') ?? '0');
        if (!Number.isInteger(start) || start < 0)
          throw BybitErrors.params('params error: cursor is invalid');
        const byId = orderId !== undefined || orderLinkId !== undefined;
        const matches = (o: SimOrder) =>
          !o.pending &&
          (symbol === undefined || o.cfg.symbol === symbol) &&
          (baseCoin === undefined || o.cfg.baseCoin === baseCoin) &&
          (settleCoin === undefined || o.cfg.settleCoin === settleCoin) &&
          (orderId === undefined || o.orderId === orderId) &&
          (orderLinkId === undefined || o.orderLinkId === orderLinkId) &&
          (byId || (openOnly === 0 ? isOpen(o) : !isOpen(o)));
        const all = venue.engine.orders(key!.uid, market.category).all.filter(matches).reverse();
        const page = all.slice(start, start + limit);
        return {
          category: market.category,
          list: page.map((o) => orderJson(o, false)),
          nextPageCursor: start + limit < all.length ? String(start + limit) : '',
        };
      },
    },
  ];
}
