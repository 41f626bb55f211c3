// The REST paths of each operation per market: Spot under /api/v3, USD-M under /fapi (v1, with
// the v3 account endpoints). An operation a market does not have is `undefined` here, and the
// client refuses it with NotSupportedError.
import type { BinanceMarket } from '../errors/error-codes.js';

/** Operations the typed client offers. */
export interface BinanceRestPaths {
  ping: string;
  time: string;
  exchangeInfo: string;
  depth: string;
  trades: string;
  klines: string;
  ticker24hr: string;
  bookTicker: string;
  order: string;
  testOrder: string;
  cancelAll: string;
  openOrders: string;
  myTrades: string;
  spotAccount: string | undefined;
  futuresAccount: string | undefined;
  futuresBalance: string | undefined;
  positionRisk: string | undefined;
  listenKey: string | undefined;
}

/** Paths per market. */
export const BINANCE_REST_PATHS: Readonly<Record<BinanceMarket, Readonly<BinanceRestPaths>>> = {
  spot: {
    ping: '/api/v3/ping',
    time: '/api/v3/time',
    exchangeInfo: '/api/v3/exchangeInfo',
    depth: '/api/v3/depth',
    trades: '/api/v3/trades',
    klines: '/api/v3/klines',
    ticker24hr: '/api/v3/ticker/24hr',
    bookTicker: '/api/v3/ticker/bookTicker',
    order: '/api/v3/order',
    testOrder: '/api/v3/order/test',
    cancelAll: '/api/v3/openOrders',
    openOrders: '/api/v3/openOrders',
    myTrades: '/api/v3/myTrades',
    spotAccount: '/api/v3/account',
    futuresAccount: undefined,
    futuresBalance: undefined,
    positionRisk: undefined,
    // The Spot listenKey flow (/api/v3/userDataStream) was retired on 2026-02-20.
    listenKey: undefined,
  },
  usdm: {
    ping: '/fapi/v1/ping',
    time: '/fapi/v1/time',
    exchangeInfo: '/fapi/v1/exchangeInfo',
    depth: '/fapi/v1/depth',
    trades: '/fapi/v1/trades',
    klines: '/fapi/v1/klines',
    ticker24hr: '/fapi/v1/ticker/24hr',
    bookTicker: '/fapi/v1/ticker/bookTicker',
    order: '/fapi/v1/order',
    testOrder: '/fapi/v1/order/test',
    cancelAll: '/fapi/v1/allOpenOrders',
    openOrders: '/fapi/v1/openOrders',
    myTrades: '/fapi/v1/userTrades',
    spotAccount: undefined,
    futuresAccount: '/fapi/v3/account',
    futuresBalance: '/fapi/v3/balance',
    positionRisk: '/fapi/v3/positionRisk',
    listenKey: '/fapi/v1/listenKey',
  },
};
