// What each Binance WebSocket API serves: the REST endpoint behind every method of Spot's
// `/ws-api/v3` and USDⓈ-M's `/ws-fapi/v1` (same parameters, weights and results), what a
// handshake costs, how a version prefix on a method name is read, and the Spot-only parts (user
// data subscribed on the connection). Facts: protocols/binance.md §8, binance-usdm.md §7 and
// Binance's "WebSocket API General Info" for USDⓈ-M futures (handshake weight 5, session.logon
// with Ed25519 keys, `rateLimits` with REQUEST_WEIGHT first).

/** How one market's WS API differs from the other's. */
export interface WsApiProfile {
  /** The endpoint path, e.g. `/ws-api/v3`. */
  readonly path: string;
  /** `"VERB /path"` of the REST endpoint behind each method. */
  readonly methodPaths: Readonly<Record<string, string>>;
  /** REQUEST_WEIGHT of the WebSocket handshake. */
  readonly connectWeight: number;
  /** Spot: `userDataStream.subscribe[.signature]` / `.unsubscribe` / `session.subscriptions`. */
  readonly userDataSubscriptions: boolean;
  /** Spot lists ORDERS before REQUEST_WEIGHT in `rateLimits`; USDⓈ-M the other way round. */
  readonly weightFirst: boolean;
  /** The method a (possibly version-prefixed) name means. */
  normalize(method: string): string;
}

/** Spot `/ws-api/v3`. */
export const SPOT_WS_API: WsApiProfile = {
  path: '/ws-api/v3',
  methodPaths: {
    ping: 'GET /api/v3/ping',
    time: 'GET /api/v3/time',
    exchangeInfo: 'GET /api/v3/exchangeInfo',
    depth: 'GET /api/v3/depth',
    'trades.recent': 'GET /api/v3/trades',
    'trades.aggregate': 'GET /api/v3/aggTrades',
    klines: 'GET /api/v3/klines',
    uiKlines: 'GET /api/v3/uiKlines',
    avgPrice: 'GET /api/v3/avgPrice',
    'ticker.24hr': 'GET /api/v3/ticker/24hr',
    'ticker.price': 'GET /api/v3/ticker/price',
    'ticker.book': 'GET /api/v3/ticker/bookTicker',
    'order.place': 'POST /api/v3/order',
    'order.test': 'POST /api/v3/order/test',
    'order.cancel': 'DELETE /api/v3/order',
    'order.status': 'GET /api/v3/order',
    'openOrders.status': 'GET /api/v3/openOrders',
    'openOrders.cancelAll': 'DELETE /api/v3/openOrders',
    allOrders: 'GET /api/v3/allOrders',
    myTrades: 'GET /api/v3/myTrades',
    'account.status': 'GET /api/v3/account',
    'account.rateLimits.orders': 'GET /api/v3/rateLimit/order',
  },
  connectWeight: 2,
  userDataSubscriptions: true,
  weightFirst: false,
  normalize: (method) => (method.startsWith('v3/') ? method.slice(3) : method),
};

/**
 * USDⓈ-M `/ws-fapi/v1`: market data (`depth`, `ticker.price`, `ticker.book`), orders, account
 * (v3 by default, `v2/…` for the v2 shapes) and the listenKey methods. It has no `ping` / `time`
 * method and no user-data subscriptions (those come on a listenKey stream).
 */
export const USDM_WS_API: WsApiProfile = {
  path: '/ws-fapi/v1',
  methodPaths: {
    depth: 'GET /fapi/v1/depth',
    'ticker.price': 'GET /fapi/v1/ticker/price',
    'ticker.book': 'GET /fapi/v1/ticker/bookTicker',
    'order.place': 'POST /fapi/v1/order',
    'order.modify': 'PUT /fapi/v1/order',
    'order.cancel': 'DELETE /fapi/v1/order',
    'order.status': 'GET /fapi/v1/order',
    'account.status': 'GET /fapi/v3/account',
    'account.balance': 'GET /fapi/v3/balance',
    'account.position': 'GET /fapi/v3/positionRisk',
    'v2/account.status': 'GET /fapi/v2/account',
    'v2/account.balance': 'GET /fapi/v2/balance',
    'v2/account.position': 'GET /fapi/v2/positionRisk',
    'userDataStream.start': 'POST /fapi/v1/listenKey',
    'userDataStream.ping': 'PUT /fapi/v1/listenKey',
    'userDataStream.stop': 'DELETE /fapi/v1/listenKey',
  },
  connectWeight: 5,
  userDataSubscriptions: false,
  weightFirst: true,
  normalize: (method) => (method.startsWith('v1/') ? method.slice(3) : method),
};
