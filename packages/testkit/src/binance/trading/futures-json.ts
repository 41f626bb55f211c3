// USDⓈ-M order, trade, account and user-data shapes as Binance serializes them
// (binance-usdm.md §3 and §6): order responses and queries, userTrades, account / balance /
// positionRisk, and the ORDER_TRADE_UPDATE / ACCOUNT_UPDATE events.
import { formatAmount, notional } from '../decimal.js';
import { formatPrice, formatQty, type SymbolConfig } from '../symbols.js';
import {
  entryPrice,
  type FuturesAccount,
  type FuturesPosition,
  trimDecimal,
  unrealizedPnl,
} from './futures-accounts.js';
import type { SimFill, SimOrder } from './order-model.js';

/** STP mode the simulator reports. */
export const FUTURES_STP_MODE = 'EXPIRE_MAKER';

/** Average fill price of `o` as a decimal string (`"0.00"` when nothing filled). */
export function avgPrice(o: SimOrder): string {
  if (o.executedQty === 0) return formatPrice(o.cfg, 0);
  const qty = o.executedQty / 10 ** o.cfg.qtyDecimals;
  return trimDecimal((Number(o.cumQuote) / 1e8 / qty).toFixed(Math.max(o.cfg.priceOutDecimals, 5)));
}

/** POST /fapi/v1/order result (also the base of cancel and query results). */
export function futuresOrderResult(o: SimOrder): Record<string, unknown> {
  return {
    orderId: o.orderId,
    symbol: o.cfg.symbol,
    status: o.status,
    clientOrderId: o.clientOrderId,
    price: formatPrice(o.cfg, o.price),
    avgPrice: avgPrice(o),
    origQty: formatQty(o.cfg, o.origQty),
    executedQty: formatQty(o.cfg, o.executedQty),
    cumQty: formatQty(o.cfg, o.executedQty),
    cumQuote: formatAmount(o.cumQuote),
    timeInForce: o.timeInForce || 'GTC',
    type: o.type,
    reduceOnly: o.reduceOnly,
    closePosition: false,
    side: o.side,
    positionSide: 'BOTH',
    stopPrice: '0',
    workingType: 'CONTRACT_PRICE',
    priceProtect: false,
    origType: o.type,
    priceMatch: o.priceMatch ?? 'NONE',
    selfTradePreventionMode: FUTURES_STP_MODE,
    goodTillDate: 0,
    updateTime: o.updateTime,
  };
}

/** GET /fapi/v1/order and openOrders item. */
export function futuresOrderJson(o: SimOrder): Record<string, unknown> {
  const { cumQty: _omit, ...rest } = futuresOrderResult(o);
  return { ...rest, time: o.time };
}

/** GET /fapi/v1/userTrades item. */
export function futuresTradeJson(o: SimOrder, f: SimFill): Record<string, unknown> {
  return {
    buyer: o.side === 'BUY',
    commission: formatAmount(f.commission),
    commissionAsset: f.commissionAsset,
    id: f.tradeId,
    maker: f.isMaker,
    orderId: o.orderId,
    price: formatPrice(o.cfg, f.price),
    qty: formatQty(o.cfg, f.qty),
    quoteQty: formatAmount(f.quote),
    realizedPnl: formatAmount(f.realizedPnl),
    side: o.side,
    positionSide: 'BOTH',
    symbol: o.cfg.symbol,
    time: f.time,
  };
}

/** The ORDER_TRADE_UPDATE event (`x` NEW / TRADE / CANCELED / EXPIRED / AMENDMENT). */
export function orderTradeUpdate(
  o: SimOrder,
  execType: string,
  time: number,
  fill?: SimFill,
): Record<string, unknown> {
  const cfg = o.cfg;
  const body: Record<string, unknown> = {
    s: cfg.symbol,
    c: o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce || 'GTC',
    q: formatQty(cfg, o.origQty),
    p: formatPrice(cfg, o.price),
    ap: avgPrice(o),
    sp: '0',
    x: execType,
    X: o.status,
    i: o.orderId,
    l: formatQty(cfg, fill?.qty ?? 0),
    z: formatQty(cfg, o.executedQty),
    L: formatPrice(cfg, fill?.price ?? 0),
    T: fill?.time ?? time,
    t: fill?.tradeId ?? 0,
    b: '0',
    a: '0',
    m: fill?.isMaker ?? false,
    R: o.reduceOnly,
    wt: 'CONTRACT_PRICE',
    ot: o.type,
    ps: 'BOTH',
    cp: false,
    rp: formatAmount(fill?.realizedPnl ?? 0n),
    pP: false,
    si: 0,
    ss: 0,
    V: FUTURES_STP_MODE,
    pm: o.priceMatch ?? 'NONE',
    gtd: 0,
    er: execType === 'EXPIRED' ? (o.type === 'MARKET' ? '9' : '2') : '0',
  };
  if (fill !== undefined) {
    body.N = fill.commissionAsset;
    body.n = formatAmount(fill.commission);
  }
  return { e: 'ORDER_TRADE_UPDATE', E: time, T: time, o: body };
}

/** The ACCOUNT_UPDATE event after fills of `cfg` (reason ORDER). */
export function accountUpdate(
  acct: FuturesAccount,
  cfg: SymbolConfig,
  markUnits: number,
  time: number,
  delta: bigint,
) {
  const pos = acct.position(cfg.symbol);
  const wb = formatAmount(acct.balance(cfg.quoteAsset));
  return {
    e: 'ACCOUNT_UPDATE',
    E: time,
    T: time,
    a: {
      m: 'ORDER',
      B: [{ a: cfg.quoteAsset, wb, cw: wb, bc: formatAmount(delta) }],
      P: [
        {
          s: cfg.symbol,
          pa: formatQty(cfg, pos.amt),
          ep: entryPrice(pos, cfg.qtyDecimals),
          bep: entryPrice(pos, cfg.qtyDecimals),
          cr: formatAmount(pos.realized),
          up: formatAmount(unrealizedPnl(pos, markUnits, cfg.priceDecimals, cfg.qtyDecimals)),
          mt: 'cross',
          iw: '0',
          ps: 'BOTH',
        },
      ],
    },
  };
}

/** GET /fapi/v3/positionRisk item. */
export function positionRiskJson(
  acct: FuturesAccount,
  cfg: SymbolConfig,
  pos: FuturesPosition,
  markUnits: number,
  openOrderMargin: bigint,
  v2: boolean,
): Record<string, unknown> {
  const lev = acct.leverageOf(cfg.symbol);
  const value = notional(markUnits, cfg.priceDecimals, Math.abs(pos.amt), cfg.qtyDecimals);
  const signedNotional = pos.amt < 0 ? -value : value;
  const im = value / BigInt(lev);
  const base: Record<string, unknown> = {
    symbol: cfg.symbol,
    positionSide: 'BOTH',
    positionAmt: formatQty(cfg, pos.amt),
    entryPrice: entryPrice(pos, cfg.qtyDecimals),
    breakEvenPrice: entryPrice(pos, cfg.qtyDecimals),
    markPrice: formatPrice(cfg, markUnits),
    unRealizedProfit: formatAmount(unrealizedPnl(pos, markUnits, cfg.priceDecimals, cfg.qtyDecimals)),
    liquidationPrice: '0',
    isolatedMargin: '0',
    notional: formatAmount(signedNotional),
    marginAsset: cfg.quoteAsset,
    isolatedWallet: '0',
    updateTime: pos.updateTime,
  };
  if (v2) {
    return {
      ...base,
      leverage: String(lev),
      marginType: 'cross',
      isAutoAddMargin: 'false',
      maxNotionalValue: '1000000',
    };
  }
  return {
    ...base,
    initialMargin: formatAmount(im + openOrderMargin),
    maintMargin: formatAmount(im / 10n),
    positionInitialMargin: formatAmount(im),
    openOrderInitialMargin: formatAmount(openOrderMargin),
    adl: 0,
    bidNotional: '0',
    askNotional: '0',
  };
}
