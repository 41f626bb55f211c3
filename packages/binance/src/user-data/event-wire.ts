// The user-data events Binance pushes (protocols/binance.md §7, binance-usdm.md §6), as typed
// JSON: Spot executionReport / outboundAccountPosition / balanceUpdate / eventStreamTerminated,
// USD-M ORDER_TRADE_UPDATE / ACCOUNT_UPDATE / listenKeyExpired. Decimal fields stay strings
// until parsed; fields Binance keeps adding are ignored.

/** Any user-data event: `e` names it, `E` is its time. */
export interface UserDataEventWire {
  e: string;
  E?: number;
  [field: string]: unknown;
}

/** Spot `executionReport`: an order changed (new, trade, cancel, expiry, …). */
export interface ExecutionReportWire extends UserDataEventWire {
  e: 'executionReport';
  s: string;
  c: string;
  S: 'BUY' | 'SELL';
  o: string;
  f: string;
  q: string;
  p: string;
  P?: string;
  /** Original client order id on cancels (the cancel's own id is in `c`). */
  C?: string;
  x: string;
  X: string;
  i: number;
  l: string;
  z: string;
  L: string;
  n: string;
  N: string | null;
  T: number;
  t: number;
  m: boolean;
  O: number;
  Z: string;
}

/** Spot `outboundAccountPosition`: the balances that changed. */
export interface AccountPositionWire extends UserDataEventWire {
  e: 'outboundAccountPosition';
  u: number;
  B: Array<{ a: string; f: string; l: string }>;
}

/** Spot `balanceUpdate`: a deposit, withdrawal or transfer changed one asset by `d`. */
export interface BalanceUpdateWire extends UserDataEventWire {
  e: 'balanceUpdate';
  a: string;
  d: string;
  T: number;
}

/** USD-M `ORDER_TRADE_UPDATE`: an order changed; `o` holds the order. */
export interface OrderTradeUpdateWire extends UserDataEventWire {
  e: 'ORDER_TRADE_UPDATE';
  T: number;
  o: {
    s: string;
    c: string;
    S: 'BUY' | 'SELL';
    o: string;
    f: string;
    q: string;
    p: string;
    ap: string;
    sp?: string;
    x: string;
    X: string;
    i: number;
    l: string;
    z: string;
    L: string;
    N?: string;
    n?: string;
    T: number;
    t: number;
    m: boolean;
    R: boolean;
    ps?: string;
    rp?: string;
  };
}

/** USD-M `ACCOUNT_UPDATE`: balances (`B`) and positions (`P`) that changed, and why (`m`). */
export interface AccountUpdateWire extends UserDataEventWire {
  e: 'ACCOUNT_UPDATE';
  T: number;
  a: {
    m: string;
    B: Array<{ a: string; wb: string; cw: string; bc?: string }>;
    P?: Array<{
      s: string;
      pa: string;
      ep: string;
      bep?: string;
      cr?: string;
      up: string;
      mt?: string;
      iw?: string;
      ps?: string;
    }>;
  };
}
