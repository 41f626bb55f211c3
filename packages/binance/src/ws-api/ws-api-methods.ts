// What each WebSocket API method is: the REST endpoint behind it (same parameters, weight and
// ORDERS count — protocols/binance.md §8, binance-usdm.md §7), how it is authenticated, and what
// it costs. The weights and order counts come from the REST weight table, so the two transports
// never disagree about what a request spends of the shared per-IP budget.
import { endpointSecurity } from '../auth/endpoint-security.js';
import type { BinanceMarket } from '../errors/error-codes.js';
import { orderCountCost, requestWeight } from '../rest/weights.js';

/** How a WS API request is authenticated: not at all, the API key alone, or key + timestamp + signature. */
export type WsApiSecurity = 'none' | 'key' | 'signed';

/** What one request costs of each kind of limit. */
export interface WsApiCost {
  /** REQUEST_WEIGHT (per IP, shared with REST). */
  readonly weight: number;
  /** Added to each ORDERS limit (0 for requests that place no order). */
  readonly orders: number;
}

const SPOT_ENDPOINTS: Readonly<Record<string, string>> = {
  ping: 'GET /api/v3/ping',
  time: 'GET /api/v3/time',
  exchangeInfo: 'GET /api/v3/exchangeInfo',
  depth: 'GET /api/v3/depth',
  'trades.recent': 'GET /api/v3/trades',
  'trades.historical': 'GET /api/v3/historicalTrades',
  'trades.aggregate': 'GET /api/v3/aggTrades',
  klines: 'GET /api/v3/klines',
  uiKlines: 'GET /api/v3/uiKlines',
  avgPrice: 'GET /api/v3/avgPrice',
  'ticker.24hr': 'GET /api/v3/ticker/24hr',
  'ticker.tradingDay': 'GET /api/v3/ticker/tradingDay',
  ticker: 'GET /api/v3/ticker',
  'ticker.price': 'GET /api/v3/ticker/price',
  'ticker.book': 'GET /api/v3/ticker/bookTicker',
  'order.place': 'POST /api/v3/order',
  'order.test': 'POST /api/v3/order/test',
  'order.cancel': 'DELETE /api/v3/order',
  'order.cancelReplace': 'POST /api/v3/order/cancelReplace',
  'order.status': 'GET /api/v3/order',
  'openOrders.status': 'GET /api/v3/openOrders',
  'openOrders.cancelAll': 'DELETE /api/v3/openOrders',
  'orderList.place.oco': 'POST /api/v3/orderList/oco',
  'orderList.place.oto': 'POST /api/v3/orderList/oto',
  'orderList.place.otoco': 'POST /api/v3/orderList/otoco',
  'sor.order.place': 'POST /api/v3/sor/order',
  allOrders: 'GET /api/v3/allOrders',
  myTrades: 'GET /api/v3/myTrades',
  'account.status': 'GET /api/v3/account',
  'account.rateLimits.orders': 'GET /api/v3/rateLimit/order',
};

/** USD-M `ws-fapi/v1` (no `ping` / `time` methods there: Binance's SDK and General Info list none). */
const USDM_ENDPOINTS: Readonly<Record<string, string>> = {
  depth: 'GET /fapi/v1/depth',
  'ticker.price': 'GET /fapi/v1/ticker/price',
  'ticker.book': 'GET /fapi/v1/ticker/bookTicker',
  'order.place': 'POST /fapi/v1/order',
  'order.modify': 'PUT /fapi/v1/order',
  'order.cancel': 'DELETE /fapi/v1/order',
  'order.status': 'GET /fapi/v1/order',
  'algoOrder.place': 'POST /fapi/v1/algoOrder',
  'algoOrder.cancel': 'DELETE /fapi/v1/algoOrder',
  'account.status': 'GET /fapi/v3/account',
  'account.balance': 'GET /fapi/v3/balance',
  'account.position': 'GET /fapi/v3/positionRisk',
  'v2/account.status': 'GET /fapi/v2/account',
  'v2/account.balance': 'GET /fapi/v2/balance',
  'v2/account.position': 'GET /fapi/v2/positionRisk',
  'userDataStream.start': 'POST /fapi/v1/listenKey',
  'userDataStream.ping': 'PUT /fapi/v1/listenKey',
  'userDataStream.stop': 'DELETE /fapi/v1/listenKey',
};

/** Session and subscription methods, which have no REST twin: weight 2 each (Binance docs). */
const SESSION_METHODS: Readonly<Record<string, WsApiSecurity>> = {
  'session.logon': 'signed',
  'session.status': 'none',
  'session.logout': 'none',
  'session.subscriptions': 'none',
  'userDataStream.subscribe': 'none',
  'userDataStream.subscribe.signature': 'signed',
  'userDataStream.unsubscribe': 'none',
};

/** `"METHOD /path"` of the REST endpoint behind `method` on `market`, if it has one. */
export function wsApiEndpoint(market: BinanceMarket, method: string): string | undefined {
  const table = market === 'spot' ? SPOT_ENDPOINTS : USDM_ENDPOINTS;
  if (Object.hasOwn(table, method)) return table[method];
  const bare = market === 'spot' ? stripVersion(method) : method;
  return bare !== method && Object.hasOwn(table, bare) ? table[bare] : undefined;
}

/** What is known of one method, computed once per market and method (this runs per request). */
interface MethodInfo {
  readonly security: WsApiSecurity;
  readonly verb: string | undefined;
  readonly path: string | undefined;
  readonly orders: number;
  readonly changesState: boolean;
  /** Cost of a request whose weight does not depend on its parameters (session / unknown methods). */
  readonly fixedCost: WsApiCost | undefined;
}

const INFO: Readonly<Record<BinanceMarket, Map<string, MethodInfo>>> = { spot: new Map(), usdm: new Map() };

function methodInfo(market: BinanceMarket, method: string): MethodInfo {
  const cache = INFO[market];
  let info = cache.get(method);
  if (info !== undefined) return info;
  const endpoint = wsApiEndpoint(market, method);
  const session = Object.hasOwn(SESSION_METHODS, method) ? SESSION_METHODS[method] : undefined;
  if (endpoint === undefined) {
    const weight = session !== undefined ? 2 : 1;
    info = {
      security: session ?? 'signed',
      verb: undefined,
      path: undefined,
      orders: 0,
      changesState: false,
      fixedCost: Object.freeze({ weight, orders: 0 }),
    };
  } else {
    const space = endpoint.indexOf(' ');
    const verb = endpoint.slice(0, space);
    const path = endpoint.slice(space + 1);
    const security = endpointSecurity(path);
    info = {
      security: security === 'public' ? 'none' : security,
      verb,
      path,
      orders: orderCountCost(market, verb, path)?.orders ?? 0,
      changesState: verb !== 'GET',
      fixedCost: undefined,
    };
  }
  if (cache.size < 1000) cache.set(method, info);
  return info;
}

/** How `method` is authenticated by default (unknown methods: signed, as every private one is). */
export function wsApiSecurity(market: BinanceMarket, method: string): WsApiSecurity {
  return methodInfo(market, method).security;
}

/** True when `method` places (or replaces) an order and so counts on the ORDERS limits. */
export function wsApiPlacesOrder(market: BinanceMarket, method: string): boolean {
  return methodInfo(market, method).orders > 0;
}

/**
 * What `method` with `params` costs: the REST twin's weight and ORDERS count; session methods
 * weigh 2; unknown methods 1 unless `weight` says otherwise.
 */
export function wsApiCost(
  market: BinanceMarket,
  method: string,
  params: Readonly<Record<string, unknown>> | undefined,
  weight?: number,
): WsApiCost {
  const info = methodInfo(market, method);
  if (weight !== undefined) return { weight, orders: info.orders };
  if (info.fixedCost !== undefined) return info.fixedCost;
  return { weight: requestWeight(market, info.verb!, info.path!, params), orders: info.orders };
}

/** True when `method` changes account state (its REST twin is not a GET), so a lost answer leaves its outcome unknown. */
export function wsApiChangesState(market: BinanceMarket, method: string): boolean {
  return methodInfo(market, method).changesState;
}

/** `v3/order.place` → `order.place` (Spot accepts a version prefix). */
function stripVersion(method: string): string {
  return method.startsWith('v3/') ? method.slice(3) : method;
}
