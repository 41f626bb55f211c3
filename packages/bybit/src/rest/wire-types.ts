// The JSON shapes inside Bybit v5 `result` objects (protocols/bybit.md §3), as far as venuekit
// reads them. Numbers are strings on the wire; optional fields are those Bybit leaves out for
// some categories.

/** Bybit product categories venuekit serves over REST. */
export type BybitCategory = 'spot' | 'linear' | 'inverse' | 'option';

/** `GET /v5/market/time`. */
export interface ServerTimeWire {
  timeSecond: string;
  timeNano: string;
}

/** One item of `GET /v5/market/instruments-info`. */
export interface InstrumentWire {
  symbol: string;
  status: string;
  baseCoin: string;
  quoteCoin: string;
  settleCoin?: string;
  contractType?: string;
  deliveryTime?: string;
  innovation?: string;
  marginTrading?: string;
  lotSizeFilter: {
    basePrecision?: string;
    quotePrecision?: string;
    qtyStep?: string;
    minOrderQty?: string;
    maxOrderQty?: string;
    minOrderAmt?: string;
    maxOrderAmt?: string;
    maxMktOrderQty?: string;
    minNotionalValue?: string;
  };
  priceFilter: { tickSize: string; minPrice?: string; maxPrice?: string };
  leverageFilter?: { minLeverage: string; maxLeverage: string; leverageStep: string };
}

/** A list result with an optional cursor. */
export interface ListResultWire<T> {
  category?: string;
  list: T[];
  nextPageCursor?: string;
}

/** One item of `GET /v5/market/tickers` (spot fields, plus derivatives fields when linear). */
export interface TickerWire {
  symbol: string;
  lastPrice?: string;
  bid1Price?: string;
  bid1Size?: string;
  ask1Price?: string;
  ask1Size?: string;
  prevPrice24h?: string;
  highPrice24h?: string;
  lowPrice24h?: string;
  volume24h?: string;
  turnover24h?: string;
  price24hPcnt?: string;
  markPrice?: string;
  indexPrice?: string;
  openInterest?: string;
  fundingRate?: string;
  nextFundingTime?: string;
}

/** `GET /v5/market/orderbook`: bids descending, asks ascending. */
export interface OrderbookWire {
  s: string;
  b: Array<[string, string]>;
  a: Array<[string, string]>;
  ts: number;
  u: number;
  seq?: number;
  cts?: number;
}

/** One item of `GET /v5/market/recent-trade`. */
export interface RecentTradeWire {
  execId: string;
  symbol: string;
  price: string;
  size: string;
  side: 'Buy' | 'Sell';
  time: string;
  isBlockTrade?: boolean;
  seq?: string;
}

/** A kline row: `[startTime, open, high, low, close, volume, turnover]`, all strings. */
export type KlineRowWire = [string, string, string, string, string, string, string];

/** `GET /v5/market/kline` (the list arrives newest first). */
export interface KlineResultWire {
  symbol: string;
  category: string;
  list: KlineRowWire[];
}

/** One coin of a wallet. */
export interface WalletCoinWire {
  coin: string;
  equity?: string;
  walletBalance: string;
  locked?: string;
  totalOrderIM?: string;
  totalPositionIM?: string;
  availableToWithdraw?: string;
  unrealisedPnl?: string;
  usdValue?: string;
}

/** One account of `GET /v5/account/wallet-balance`. */
export interface WalletWire {
  accountType: string;
  totalEquity?: string;
  totalAvailableBalance?: string;
  coin: WalletCoinWire[];
}

/** `POST /v5/order/create` and `/v5/order/cancel` acknowledgements. */
export interface OrderAckWire {
  orderId: string;
  orderLinkId: string;
}

/** One order of `GET /v5/order/realtime` / `/v5/order/history`. */
export interface OrderWire {
  orderId: string;
  orderLinkId: string;
  symbol: string;
  side: 'Buy' | 'Sell';
  orderType: 'Market' | 'Limit' | string;
  price: string;
  qty: string;
  orderStatus: string;
  timeInForce: string;
  avgPrice?: string;
  leavesQty?: string;
  cumExecQty: string;
  cumExecValue?: string;
  cumExecFee?: string;
  triggerPrice?: string;
  stopOrderType?: string;
  reduceOnly?: boolean;
  marketUnit?: string;
  createdTime: string;
  updatedTime: string;
}

/** One position of `GET /v5/position/list`. */
export interface PositionWire {
  symbol: string;
  side: 'Buy' | 'Sell' | '';
  size: string;
  /** REST's entry price (the private stream's items call it `entryPrice`). */
  avgPrice?: string;
  entryPrice?: string;
  markPrice?: string;
  liqPrice?: string;
  leverage?: string;
  unrealisedPnl?: string;
  cumRealisedPnl?: string;
  curRealisedPnl?: string;
  tradeMode?: number;
  positionIdx?: number;
  updatedTime?: string;
}
