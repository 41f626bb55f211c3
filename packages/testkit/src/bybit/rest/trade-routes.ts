// Order entry and order queries of the Bybit simulator: `POST /v5/order/create` and
// `/v5/order/cancel` answer `{orderId, orderLinkId}` at once (acceptance, not execution: the
// matching engine takes the request in slightly later), `GET /v5/order/realtime` lists what the
// engine has taken in: open orders by default, the 500 most recent closed ones with `openOnly=1`,
// and by orderId / orderLinkId an open or recent closed order, newest first with cursor paging.
// `GET /v5/order/history` lists closed orders, older ones included (as Bybit's order history).
import { BybitErrors } from '../errors.js';
import { CLOSED_ORDERS_KEPT, isOpen, type SimOrder } from '../trading/order-model.js';
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
        const list = venue.engine.orders(key!.uid, market.category).all;
        const recent = recentClosed(list);
        const all = list.filter((o) => matches(o) && (isOpen(o) || recent.has(o))).reverse();
        return orderPage(market.category, all, start, limit);
      },
    },
    {
      method: 'GET',
      path: '/v5/order/history',
      auth: true,
      handle: ({ params, key }) => {
        const market = categoryMarket(venue, params.text('category'));
        const symbol = params.text('symbol');
        const orderId = params.text('orderId');
        const orderLinkId = params.text('orderLinkId');
        const limit = params.int('limit', 20, 1, 50);
        const start = Number(params.text('cursor') ?? '0');
        if (!Number.isInteger(start) || start < 0)
          throw BybitErrors.params('params error: cursor is invalid');
        const list = venue.engine.orders(key!.uid, market.category);
        const all = [...list.history, ...list.all]
          .filter(
            (o) =>
              !o.pending &&
              !isOpen(o) &&
              (symbol === undefined || o.cfg.symbol === symbol) &&
              (orderId === undefined || o.orderId === orderId) &&
              (orderLinkId === undefined || o.orderLinkId === orderLinkId),
          )
          .reverse();
        return orderPage(market.category, all, start, limit);
      },
    },
  ];
}

/** The {@link CLOSED_ORDERS_KEPT} most recent closed orders of `list` (oldest first): what realtime still shows. */
function recentClosed(list: readonly SimOrder[]): Set<SimOrder> {
  const out = new Set<SimOrder>();
  for (let i = list.length - 1; i >= 0 && out.size < CLOSED_ORDERS_KEPT; i--) {
    const o = list[i]!;
    if (!o.pending && !isOpen(o)) out.add(o);
  }
  return out;
}

/** One page of `orders` (newest first) from `start`, with the cursor of the next. */
function orderPage(category: string, orders: readonly SimOrder[], start: number, limit: number) {
  return {
    category,
    list: orders.slice(start, start + limit).map((o) => orderJson(o, false)),
    nextPageCursor: start + limit < orders.length ? String(start + limit) : '',
  };
}
