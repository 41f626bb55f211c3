// The JSON shapes Binance's REST API answers with (protocols/binance.md §3, binance-usdm.md §3),
// as the REST client returns them: prices and quantities are decimal strings, ids and times
// numbers. Binance keeps adding fields, so every shape allows more than it lists; fields that
// appear only on one market or in some cases are optional. `parsing/` turns them into models.
import type { BinanceRateLimit } from './rate-limit-rules.js';

/** `GET /api/v3/time`, `GET /fapi/v1/time`. */
export interface ServerTimeWire {
  serverTime: number;
}

/** One filter of a symbol (`PRICE_FILTER`, `LOT_SIZE`, `NOTIONAL`, `MIN_NOTIONAL`, …). */
export interface SymbolFilterWire {
  filterType: string;
  [field: string]: unknown;
}

/** One symbol of exchangeInfo (Spot and USD-M fields together; market-specific ones optional). */
export interface SymbolInfoWire {
  symbol: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  filters: SymbolFilterWire[];
  orderTypes?: string[];
  /** Spot. */
  baseAssetPrecision?: number;
  quoteAssetPrecision?: number;
  isSpotTradingAllowed?: boolean;
  permissions?: string[];
  permissionSets?: string[][];
  /** USD-M. */
  pair?: string;
  contractType?: string;
  deliveryDate?: number;
  onboardDate?: number;
  marginAsset?: string;
  pricePrecision?: number;
  quantityPrecision?: number;
  timeInForce?: string[];
  [field: string]: unknown;
}

/** `GET /api/v3/exchangeInfo`, `GET /fapi/v1/exchangeInfo`. */
export interface ExchangeInfoWire {
  timezone: string;
  serverTime: number;
  rateLimits: BinanceRateLimit[];
  exchangeFilters: unknown[];
  symbols: SymbolInfoWire[];
  [field: string]: unknown;
}

/** A price level `[price, quantity]`. */
export type LevelWire = [price: string, quantity: string];

/** `GET /depth` (USD-M adds `E` and `T`). */
export interface DepthWire {
  lastUpdateId: number;
  bids: LevelWire[];
  asks: LevelWire[];
  E?: number;
  T?: number;
}

/** One public trade of `GET /trades`. */
export interface TradeWire {
  id: number;
  price: string;
  qty: string;
  quoteQty: string;
  time: number;
  isBuyerMaker: boolean;
  isBestMatch?: boolean;
  isRPITrade?: boolean;
}

/** One kline: open time, o, h, l, c, volume, close time, quote volume, trades, taker buy base/quote, ignore. */
export type KlineWire = [
  openTime: number,
  open: string,
  high: string,
  low: string,
  close: string,
  volume: string,
  closeTime: number,
  quoteVolume: string,
  trades: number,
  takerBuyBase: string,
  takerBuyQuote: string,
  ignore: string,
];

/** `GET /ticker/24hr` for one symbol (USD-M has no bid/ask fields). */
export interface Ticker24hrWire {
  symbol: string;
  priceChange: string;
  priceChangePercent: string;
  weightedAvgPrice: string;
  lastPrice: string;
  lastQty: string;
  openPrice: string;
  highPrice: string;
  lowPrice: string;
  volume: string;
  quoteVolume: string;
  openTime: number;
  closeTime: number;
  firstId: number;
  lastId: number;
  count: number;
  prevClosePrice?: string;
  bidPrice?: string;
  bidQty?: string;
  askPrice?: string;
  askQty?: string;
}

/** `GET /ticker/bookTicker` for one symbol (USD-M adds `time`). */
export interface BookTickerWire {
  symbol: string;
  bidPrice: string;
  bidQty: string;
  askPrice: string;
  askQty: string;
  time?: number;
}

/** A fill inside a Spot FULL order response. */
export interface OrderFillWire {
  price: string;
  qty: string;
  commission: string;
  commissionAsset: string;
  tradeId: number;
}

/** An order as Spot and USD-M report it (place, cancel, query, open orders). */
export interface OrderWire {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  status: string;
  timeInForce: string;
  type: string;
  side: 'BUY' | 'SELL';
  stopPrice?: string;
  /** Spot. */
  orderListId?: number;
  cummulativeQuoteQty?: string;
  origQuoteOrderQty?: string;
  icebergQty?: string;
  transactTime?: number;
  workingTime?: number;
  isWorking?: boolean;
  fills?: OrderFillWire[];
  selfTradePreventionMode?: string;
  /** Query / open orders. */
  time?: number;
  updateTime?: number;
  /** USD-M. */
  avgPrice?: string;
  cumQty?: string;
  cumQuote?: string;
  reduceOnly?: boolean;
  closePosition?: boolean;
  positionSide?: string;
  origType?: string;
  priceMatch?: string;
  goodTillDate?: number;
  [field: string]: unknown;
}

/** One of the account's trades (`GET /api/v3/myTrades`, `GET /fapi/v1/userTrades`). */
export interface AccountTradeWire {
  symbol: string;
  id: number;
  orderId: number;
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  time: number;
  /** Spot. */
  isBuyer?: boolean;
  isMaker?: boolean;
  isBestMatch?: boolean;
  orderListId?: number;
  /** USD-M. */
  buyer?: boolean;
  maker?: boolean;
  side?: 'BUY' | 'SELL';
  positionSide?: string;
  realizedPnl?: string;
}

/** One Spot balance. */
export interface SpotBalanceWire {
  asset: string;
  free: string;
  locked: string;
}

/** `GET /api/v3/account`. */
export interface SpotAccountWire {
  makerCommission?: number;
  takerCommission?: number;
  canTrade: boolean;
  canWithdraw?: boolean;
  canDeposit?: boolean;
  updateTime: number;
  accountType: string;
  balances: SpotBalanceWire[];
  permissions?: string[];
  uid?: number;
  [field: string]: unknown;
}

/** One asset of `GET /fapi/v3/balance`. */
export interface FuturesBalanceWire {
  accountAlias?: string;
  asset: string;
  balance: string;
  crossWalletBalance: string;
  crossUnPnl: string;
  availableBalance: string;
  maxWithdrawAmount: string;
  marginAvailable?: boolean;
  updateTime: number;
}

/** One position of `GET /fapi/v3/positionRisk` (v2 adds leverage and marginType). */
export interface PositionRiskWire {
  symbol: string;
  positionSide: string;
  positionAmt: string;
  entryPrice: string;
  breakEvenPrice?: string;
  markPrice: string;
  unRealizedProfit: string;
  liquidationPrice: string;
  isolatedMargin?: string;
  notional?: string;
  marginAsset?: string;
  isolatedWallet?: string;
  updateTime: number;
  /** v2 only. */
  leverage?: string;
  marginType?: string;
  [field: string]: unknown;
}

/** `GET /fapi/v3/account` (amounts as strings). */
export interface FuturesAccountWire {
  totalWalletBalance: string;
  totalUnrealizedProfit: string;
  totalMarginBalance: string;
  availableBalance: string;
  maxWithdrawAmount: string;
  assets: Array<Record<string, unknown> & { asset: string }>;
  positions: Array<Record<string, unknown> & { symbol: string }>;
  [field: string]: unknown;
}

/** `POST /fapi/v1/listenKey`. */
export interface ListenKeyWire {
  listenKey: string;
}
