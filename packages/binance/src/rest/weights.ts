// What each Binance REST request costs: its REQUEST_WEIGHT (per IP; protocols/binance.md §3,
// binance-usdm.md §3), which for some endpoints depends on the parameters (depth on `limit`, the
// tickers on how many symbols, open orders on whether a symbol is given), and, for endpoints that
// place orders, what it adds to each ORDERS limit. Unknown endpoints weigh 1 unless the caller
// says otherwise.
import type { BinanceMarket } from '../errors/error-codes.js';

/** Request parameters as the weight functions read them. */
export type WeightParams = Readonly<Record<string, unknown>> | undefined;

type Weight = number | ((params: WeightParams) => number);

/** What an order-placing endpoint costs: its IP weight and its ORDERS counts. */
export interface OrderCountCost {
  /** REQUEST_WEIGHT (fixed for order endpoints). */
  readonly weight: number;
  /** Added to each ORDERS limit. */
  readonly orders: number;
  /** Added to ORDERS limits of a minute or longer, when that differs (futures batch orders). */
  readonly ordersLongWindow?: number;
}

function param(params: WeightParams, name: string): unknown {
  return params === undefined ? undefined : params[name];
}

function intParam(params: WeightParams, name: string, fallback: number): number {
  const value = Number(param(params, name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** How many symbols a `symbols` parameter names (a JSON array or its text); 0 when absent. */
export function symbolCount(params: WeightParams): number {
  if (param(params, 'symbol') !== undefined) return 1;
  const symbols = param(params, 'symbols');
  if (symbols === undefined || symbols === null) return 0;
  if (Array.isArray(symbols)) return symbols.length;
  try {
    const parsed: unknown = JSON.parse(String(symbols));
    return Array.isArray(parsed) ? parsed.length : 1;
  } catch {
    return String(symbols).split(',').length;
  }
}

/** Spot `GET /api/v3/depth`: 5 (limit ≤ 100, default 100), 25 (≤ 500), 50 (≤ 1000), 250 (≤ 5000). */
export function spotDepthWeight(params: WeightParams): number {
  const limit = intParam(params, 'limit', 100);
  return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
}

/** USD-M `GET /fapi/v1/depth`: 2 (limit ≤ 50), 5 (100), 10 (500, the default), 20 (1000). */
export function usdmDepthWeight(params: WeightParams): number {
  const limit = intParam(params, 'limit', 500);
  return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
}

/** Spot `GET /api/v3/ticker/24hr`: 2 for one symbol; `symbols` 1-20: 2, 21-100: 40, more: 80; all: 80. */
export function spotTicker24hrWeight(params: WeightParams): number {
  const n = symbolCount(params);
  return n === 0 ? 80 : n <= 20 ? 2 : n <= 100 ? 40 : 80;
}

/** USD-M klines: limit < 100: 1, < 500: 2, ≤ 1000: 5 (default 500), more: 10. */
export function usdmKlinesWeight(params: WeightParams): number {
  const limit = intParam(params, 'limit', 500);
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

/** Spot rolling-window tickers (`/ticker`, `/ticker/tradingDay`): 4 per symbol, at most 200. */
function spotPerSymbol4(params: WeightParams): number {
  return Math.min(200, 4 * Math.max(1, symbolCount(params)));
}

const bySymbol =
  (one: number, all: number): Weight =>
  (params) =>
    symbolCount(params) === 0 ? all : one;

const SPOT_WEIGHTS: ReadonlyMap<string, Weight> = new Map<string, Weight>([
  ['GET /api/v3/ping', 1],
  ['GET /api/v3/time', 1],
  ['GET /api/v3/exchangeInfo', 20],
  ['GET /api/v3/depth', spotDepthWeight],
  ['GET /api/v3/trades', 25],
  ['GET /api/v3/historicalTrades', 25],
  ['GET /api/v3/aggTrades', 4],
  ['GET /api/v3/klines', 2],
  ['GET /api/v3/uiKlines', 2],
  ['GET /api/v3/avgPrice', 2],
  ['GET /api/v3/ticker/24hr', spotTicker24hrWeight],
  ['GET /api/v3/ticker/price', bySymbol(2, 4)],
  ['GET /api/v3/ticker/bookTicker', bySymbol(2, 4)],
  ['GET /api/v3/ticker', spotPerSymbol4],
  ['GET /api/v3/ticker/tradingDay', spotPerSymbol4],
  ['POST /api/v3/order/test', (p) => (String(param(p, 'computeCommissionRates')) === 'true' ? 20 : 1)],
  ['DELETE /api/v3/order', 1],
  ['GET /api/v3/order', 4],
  ['GET /api/v3/openOrders', bySymbol(6, 80)],
  ['DELETE /api/v3/openOrders', 1],
  ['GET /api/v3/allOrders', 20],
  ['GET /api/v3/account', 20],
  ['GET /api/v3/myTrades', (p) => (param(p, 'orderId') === undefined ? 20 : 5)],
  ['GET /api/v3/rateLimit/order', 40],
  ['GET /api/v3/openOrderList', 6],
  ['GET /api/v3/allOrderList', 20],
  ['POST /api/v3/userDataStream', 2],
  ['PUT /api/v3/userDataStream', 2],
  ['DELETE /api/v3/userDataStream', 2],
]);

const USDM_WEIGHTS: ReadonlyMap<string, Weight> = new Map<string, Weight>([
  ['GET /fapi/v1/ping', 1],
  ['GET /fapi/v1/time', 1],
  ['GET /fapi/v1/exchangeInfo', 1],
  ['GET /fapi/v1/depth', usdmDepthWeight],
  ['GET /fapi/v1/trades', 5],
  ['GET /fapi/v1/historicalTrades', 20],
  ['GET /fapi/v1/aggTrades', 20],
  ['GET /fapi/v1/klines', usdmKlinesWeight],
  ['GET /fapi/v1/continuousKlines', usdmKlinesWeight],
  ['GET /fapi/v1/indexPriceKlines', usdmKlinesWeight],
  ['GET /fapi/v1/markPriceKlines', usdmKlinesWeight],
  ['GET /fapi/v1/premiumIndex', bySymbol(1, 10)],
  ['GET /fapi/v1/ticker/24hr', bySymbol(1, 40)],
  ['GET /fapi/v1/ticker/price', bySymbol(1, 2)],
  ['GET /fapi/v2/ticker/price', bySymbol(1, 2)],
  ['GET /fapi/v1/ticker/bookTicker', bySymbol(2, 5)],
  ['POST /fapi/v1/order/test', 0],
  ['DELETE /fapi/v1/order', 1],
  ['DELETE /fapi/v1/batchOrders', 1],
  ['GET /fapi/v1/order', 1],
  ['GET /fapi/v1/openOrder', 1],
  ['GET /fapi/v1/openOrders', bySymbol(1, 40)],
  ['DELETE /fapi/v1/allOpenOrders', 1],
  ['GET /fapi/v1/allOrders', 5],
  ['GET /fapi/v1/userTrades', 5],
  ['GET /fapi/v2/account', 5],
  ['GET /fapi/v3/account', 5],
  ['GET /fapi/v2/balance', 5],
  ['GET /fapi/v3/balance', 5],
  ['GET /fapi/v2/positionRisk', 5],
  ['GET /fapi/v3/positionRisk', 5],
  ['POST /fapi/v1/leverage', 1],
  ['POST /fapi/v1/marginType', 1],
  ['POST /fapi/v1/positionSide/dual', 1],
  ['GET /fapi/v1/positionSide/dual', 30],
  ['GET /fapi/v1/accountConfig', 5],
  ['GET /fapi/v1/symbolConfig', 5],
  ['GET /fapi/v1/commissionRate', 20],
  ['GET /fapi/v1/income', 30],
  ['DELETE /fapi/v1/algoOrder', 1],
  ['GET /fapi/v1/openAlgoOrders', bySymbol(1, 40)],
  ['POST /fapi/v1/listenKey', 1],
  ['PUT /fapi/v1/listenKey', 1],
  ['DELETE /fapi/v1/listenKey', 1],
]);

/** Endpoints that count on the ORDERS limits, by `"METHOD /path"`. */
export const ORDER_COUNT_COSTS: Readonly<Record<BinanceMarket, Readonly<Record<string, OrderCountCost>>>> = {
  spot: {
    'POST /api/v3/order': { weight: 1, orders: 1 },
    'POST /api/v3/order/cancelReplace': { weight: 1, orders: 1 },
    'POST /api/v3/sor/order': { weight: 1, orders: 1 },
    'POST /api/v3/order/oco': { weight: 1, orders: 2 },
    'POST /api/v3/orderList/oco': { weight: 1, orders: 2 },
    'POST /api/v3/orderList/oto': { weight: 1, orders: 2 },
    'POST /api/v3/orderList/otoco': { weight: 1, orders: 3 },
  },
  usdm: {
    'POST /fapi/v1/order': { weight: 0, orders: 1 },
    'PUT /fapi/v1/order': { weight: 0, orders: 1 }, // modify: 0 IP weight, 1 on each ORDERS window
    'POST /fapi/v1/batchOrders': { weight: 5, orders: 5, ordersLongWindow: 1 },
    'PUT /fapi/v1/batchOrders': { weight: 5, orders: 5, ordersLongWindow: 1 },
    'POST /fapi/v1/algoOrder': { weight: 0, orders: 1 },
  },
};

/** The ORDERS cost of `method path`, or undefined when the endpoint places no order. */
export function orderCountCost(
  market: BinanceMarket,
  method: string,
  path: string,
): OrderCountCost | undefined {
  return ORDER_COUNT_COSTS[market][`${method} ${path}`];
}

/** REQUEST_WEIGHT of one request; 1 for endpoints this table does not know. */
export function requestWeight(
  market: BinanceMarket,
  method: string,
  path: string,
  params?: WeightParams,
): number {
  const key = `${method} ${path}`;
  const orderCost = ORDER_COUNT_COSTS[market][key];
  if (orderCost !== undefined) return orderCost.weight;
  const weight = (market === 'spot' ? SPOT_WEIGHTS : USDM_WEIGHTS).get(key);
  if (weight === undefined) return 1;
  return typeof weight === 'number' ? weight : weight(params);
}
