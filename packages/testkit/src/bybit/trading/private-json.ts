// The JSON of the Bybit simulator's private data, as REST answers and private-stream pushes carry
// it: orders, executions, linear positions and the unified wallet. Numbers are strings, as on
// Bybit; times are millisecond strings inside items.
import { formatAmount, formatFloat, formatUnits, toAmount } from '../decimal.js';
import type { BybitSymbolConfig } from '../symbols.js';
import type { LinearPosition, UnifiedAccount } from './accounts.js';
import {
  entryAmount,
  type MarkPriceOf,
  positionIM,
  positionMM,
  positionTotals,
  unrealisedPnl,
} from './margin.js';
import { isOpen, type SimExecution, type SimOrder } from './order-model.js';

/** USD value of one unit of `coin` (1 for USD stablecoins, the mid of COINUSDT otherwise, 0 if unknown). */
export type UsdPriceOf = (coin: string) => number;

/** An average price (float) printed on the tick's decimals when exact, else with up to 4 more. */
function priceText(cfg: BybitSymbolConfig, value: number): string {
  const exact = value.toFixed(cfg.priceDecimals);
  return Math.abs(Number(exact) - value) < 1e-9 ? exact : formatFloat(value, cfg.priceDecimals + 4);
}

function averagePrice(o: SimOrder): string {
  if (o.cumExecQty === 0) return '0';
  const value = Number(o.cumExecValue) / 1e8;
  return priceText(o.cfg, value / (o.cumExecQty / 10 ** o.cfg.qtyDecimals));
}

/** An order item (REST `/v5/order/realtime`, `order` pushes add `category` and `feeCurrency`). */
export function orderJson(o: SimOrder, forStream: boolean): Record<string, unknown> {
  const cfg = o.cfg;
  const open = isOpen(o);
  const leaves = o.qty > 0 && open ? o.qty - o.cumExecQty : 0;
  const item: Record<string, unknown> = {
    orderId: o.orderId,
    orderLinkId: o.orderLinkId,
    blockTradeId: '',
    symbol: cfg.symbol,
    price: o.price > 0 ? formatUnits(o.price, cfg.priceDecimals) : '0',
    qty: o.qtyText,
    side: o.side,
    isLeverage: cfg.category === 'spot' ? '0' : '',
    positionIdx: 0,
    orderStatus: o.status,
    createType: 'CreateByUser',
    cancelType: o.cancelType,
    rejectReason: o.rejectReason,
    avgPrice: averagePrice(o),
    leavesQty: formatUnits(leaves, cfg.qtyDecimals),
    leavesValue: formatAmount(
      toAmount(BigInt(leaves) * BigInt(o.price), cfg.priceDecimals + cfg.qtyDecimals),
    ),
    cumExecQty: formatUnits(o.cumExecQty, cfg.qtyDecimals),
    cumExecValue: formatAmount(o.cumExecValue),
    cumExecFee: formatAmount(o.cumExecFee),
    timeInForce: o.timeInForce,
    orderType: o.orderType,
    stopOrderType: '',
    orderIv: '',
    marketUnit: o.marketUnit,
    triggerPrice: '',
    takeProfit: '',
    stopLoss: '',
    tpslMode: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: '',
    reduceOnly: o.reduceOnly,
    closeOnTrigger: false,
    placeType: '',
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    createdTime: String(o.createdTime),
    updatedTime: String(o.updatedTime),
  };
  if (forStream) {
    item.category = cfg.category;
    item.feeCurrency = o.feeCurrency;
  }
  return item;
}

/** An `execution` push item. */
export function executionJson(o: SimOrder, e: SimExecution, markPrice: number): Record<string, unknown> {
  const cfg = o.cfg;
  const leaves = o.qty > 0 ? Math.max(0, o.qty - o.cumExecQty) : 0;
  return {
    category: cfg.category,
    symbol: cfg.symbol,
    isLeverage: cfg.category === 'spot' ? '0' : '',
    orderId: o.orderId,
    orderLinkId: o.orderLinkId,
    side: o.side,
    orderPrice: o.price > 0 ? formatUnits(o.price, cfg.priceDecimals) : '0',
    orderQty: o.qtyText,
    leavesQty: formatUnits(leaves, cfg.qtyDecimals),
    createType: 'CreateByUser',
    orderType: o.orderType,
    stopOrderType: '',
    execFee: formatAmount(e.fee),
    execId: e.execId,
    execPrice: formatUnits(e.price, cfg.priceDecimals),
    execQty: formatUnits(e.size, cfg.qtyDecimals),
    execPnl: formatAmount(e.pnl),
    execType: 'Trade',
    execValue: formatAmount(e.value),
    execTime: String(e.time),
    isMaker: e.isMaker,
    feeRate: e.feeRate,
    feeCurrency: e.feeCurrency,
    tradeIv: '',
    markIv: '',
    markPrice: formatUnits(markPrice, cfg.priceDecimals),
    indexPrice: formatUnits(markPrice, cfg.priceDecimals),
    underlyingPrice: '',
    blockTradeId: '',
    closedSize: formatUnits(e.closedSize, cfg.qtyDecimals),
    seq: e.seq,
    marketUnit: o.marketUnit,
  };
}

/** A position item (REST `/v5/position/list`; `position` pushes add `category`). */
export function positionJson(p: LinearPosition, mark: number, forStream: boolean): Record<string, unknown> {
  const cfg = p.cfg;
  const flat = p.size === 0;
  const price = (v: number) =>
    formatUnits(Math.max(0, Math.round(v / cfg.tickUnits) * cfg.tickUnits), cfg.priceDecimals);
  const avg = flat ? 0 : Number(p.entryValue) / Math.abs(p.size);
  const lev = p.leverage;
  const mmr = 0.005;
  const liq = flat ? '' : price(p.size > 0 ? avg * (1 - 1 / lev + mmr) : avg * (1 + 1 / lev - mmr));
  const bust = flat ? '' : price(p.size > 0 ? avg * (1 - 1 / lev) : avg * (1 + 1 / lev));
  const item: Record<string, unknown> = {
    positionIdx: 0,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: cfg.symbol,
    side: flat ? '' : p.size > 0 ? 'Buy' : 'Sell',
    size: formatUnits(Math.abs(p.size), cfg.qtyDecimals),
    avgPrice: flat ? '0' : priceText(cfg, avg),
    positionValue: flat ? '' : formatAmount(entryAmount(p)),
    tradeMode: 0,
    positionStatus: 'Normal',
    autoAddMargin: 0,
    adlRankIndicator: flat ? 0 : 2,
    leverage: String(lev),
    positionBalance: formatAmount(positionIM(p)),
    markPrice: formatUnits(mark, cfg.priceDecimals),
    liqPrice: liq,
    bustPrice: bust,
    positionMM: formatAmount(positionMM(p, mark)),
    positionIM: formatAmount(positionIM(p)),
    tpslMode: 'Full',
    takeProfit: '0',
    stopLoss: '0',
    trailingStop: '0',
    unrealisedPnl: formatAmount(unrealisedPnl(p, mark)),
    curRealisedPnl: formatAmount(p.curRealisedPnl),
    cumRealisedPnl: formatAmount(p.cumRealisedPnl),
    sessionAvgPrice: '',
    isReduceOnly: false,
    createdTime: String(p.createdTime),
    updatedTime: String(p.updatedTime),
    seq: p.seq,
  };
  if (forStream) item.category = 'linear';
  return item;
}

/** The UNIFIED wallet item (REST wallet-balance list entry and `wallet` push), for `coins` (all when omitted). */
export function walletJson(
  account: UnifiedAccount,
  usdOf: UsdPriceOf,
  markOf: MarkPriceOf,
  coins?: readonly string[],
): Record<string, unknown> {
  let equity = 0;
  let wallet = 0;
  let upl = 0;
  let im = 0;
  let mm = 0;
  const items: Record<string, unknown>[] = [];
  const wanted = coins === undefined ? undefined : new Set(coins);
  for (const [coin, c] of account.coins) {
    const usd = usdOf(coin);
    const totals = positionTotals(account, coin, markOf);
    const orderIM = account.orderMargin.get(coin) ?? 0n;
    const coinEquity = c.wallet + totals.upl;
    const toUsd = (a: bigint) => (Number(a) / 1e8) * usd;
    equity += toUsd(coinEquity);
    wallet += toUsd(c.wallet);
    upl += toUsd(totals.upl);
    im += toUsd(orderIM + totals.im);
    mm += toUsd(totals.mm);
    if (wanted !== undefined && !wanted.has(coin)) continue;
    const free = c.wallet - c.locked - orderIM - totals.im;
    items.push({
      coin,
      equity: formatAmount(coinEquity),
      usdValue: formatFloat(toUsd(coinEquity), 8),
      walletBalance: formatAmount(c.wallet),
      locked: formatAmount(c.locked),
      borrowAmount: '0',
      availableToBorrow: '',
      availableToWithdraw: formatAmount(free > 0n ? free : 0n),
      accruedInterest: '0',
      totalOrderIM: formatAmount(orderIM),
      totalPositionIM: formatAmount(totals.im),
      totalPositionMM: formatAmount(totals.mm),
      unrealisedPnl: formatAmount(totals.upl),
      cumRealisedPnl: formatAmount(c.cumRealisedPnl),
      bonus: '0',
      collateralSwitch: true,
      marginCollateral: true,
      spotHedgingQty: '0',
    });
  }
  const margin = wallet + upl;
  return {
    accountType: 'UNIFIED',
    accountIMRate: formatFloat(margin > 0 ? im / margin : 0, 4),
    accountMMRate: formatFloat(margin > 0 ? mm / margin : 0, 4),
    accountLTV: '0',
    totalEquity: formatFloat(equity, 8),
    totalWalletBalance: formatFloat(wallet, 8),
    totalMarginBalance: formatFloat(margin, 8),
    totalAvailableBalance: formatFloat(margin - im, 8),
    totalPerpUPL: formatFloat(upl, 8),
    totalInitialMargin: formatFloat(im, 8),
    totalMaintenanceMargin: formatFloat(mm, 8),
    coin: items,
  };
}
