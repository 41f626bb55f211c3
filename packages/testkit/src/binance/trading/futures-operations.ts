// USDⓈ-M account and order operations behind the `/fapi` REST routes: place / test / modify /
// cancel / query orders, open and all orders, userTrades, leverage, account, balance and positionRisk.
import { formatAmount } from '../decimal.js';
import { BinanceApiError, BinanceErrors } from '../errors.js';
import type { RequestParams } from '../params.js';
import { requireSymbolMarket } from '../rest/symbol-params.js';
import type { VenueContext } from '../venue-context.js';
import { unrealizedPnl } from './futures-accounts.js';
import type { FuturesEngine } from './futures-engine.js';
import { readModifyRequest } from './futures-modify.js';
import { futuresOrderJson, futuresOrderResult, futuresTradeJson, positionRiskJson } from './futures-json.js';
import { readOrderRequest } from './order-input.js';
import { orderRef } from './spot-operations.js';

/** USDⓈ-M operations over `venue` (kind 'usdm'). */
export class FuturesOperations {
  readonly #venue: VenueContext;
  readonly #engine: FuturesEngine;

  /** Wraps the futures engine of `venue`. */
  constructor(venue: VenueContext) {
    if (venue.futures === undefined) throw new Error('FuturesOperations: venue has no futures engine');
    this.#venue = venue;
    this.#engine = venue.futures;
  }

  /** POST /fapi/v1/order. */
  placeOrder(p: RequestParams, account: string): unknown {
    const req = readOrderRequest(p, requireSymbolMarket(this.#venue, p).cfg);
    return futuresOrderResult(this.#engine.place(account, req).order);
  }

  /** POST /fapi/v1/order/test. */
  testOrder(p: RequestParams): unknown {
    readOrderRequest(p, requireSymbolMarket(this.#venue, p).cfg);
    return {};
  }

  /** PUT /fapi/v1/order (ws-fapi `order.modify`). */
  modifyOrder(p: RequestParams, account: string): unknown {
    const req = readModifyRequest(p, requireSymbolMarket(this.#venue, p).cfg);
    return futuresOrderResult(this.#engine.modify(account, req).order);
  }

  /** DELETE /fapi/v1/order. */
  cancelOrder(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const { orderId, clientId } = orderRef(p);
    return futuresOrderResult(this.#engine.cancel(account, cfg, orderId, clientId));
  }

  /** DELETE /fapi/v1/allOpenOrders. */
  cancelAll(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    for (const o of this.#engine.orders.openOf(account, cfg.symbol))
      this.#engine.cancel(account, cfg, o.orderId);
    return { code: 200, msg: 'The operation of cancel all open order is done.' };
  }

  /** GET /fapi/v1/order (and /openOrder when `openOnly`). */
  queryOrder(p: RequestParams, account: string, openOnly = false): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const { orderId, clientId } = orderRef(p);
    const o = this.#engine.orders.find(account, cfg.symbol, orderId, clientId);
    if (o === undefined || (openOnly && o.status !== 'NEW' && o.status !== 'PARTIALLY_FILLED')) {
      throw BinanceErrors.noSuchOrder();
    }
    return futuresOrderJson(o);
  }

  /** GET /fapi/v1/openOrders. */
  openOrders(p: RequestParams, account: string): unknown {
    const symbol = p.get('symbol') === undefined ? undefined : requireSymbolMarket(this.#venue, p).cfg.symbol;
    return this.#engine.orders.openOf(account, symbol).map(futuresOrderJson);
  }

  /** GET /fapi/v1/allOrders. */
  allOrders(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const limit = p.int('limit', 500, 1, 1000);
    return this.#engine.orders.allOf(account, cfg.symbol).slice(-limit).map(futuresOrderJson);
  }

  /** GET /fapi/v1/userTrades. */
  userTrades(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const limit = p.int('limit', 500, 1, 1000);
    const out: unknown[] = [];
    for (const o of this.#engine.orders.allOf(account, cfg.symbol))
      for (const f of o.fills) out.push([f.tradeId, futuresTradeJson(o, f)]);
    return (out as Array<[number, unknown]>)
      .sort((a, b) => a[0] - b[0])
      .slice(-limit)
      .map(([, t]) => t);
  }

  /** POST /fapi/v1/leverage. */
  setLeverage(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const leverage = p.int('leverage', 0, 1, 125);
    if (leverage === 0) throw BinanceErrors.mandatory('leverage');
    this.#engine.setLeverage(account, cfg, leverage);
    return { leverage, maxNotionalValue: String(Math.floor(100_000_000 / leverage)), symbol: cfg.symbol };
  }

  /** POST /fapi/v1/marginType: only cross margin is simulated. */
  setMarginType(p: RequestParams): unknown {
    requireSymbolMarket(this.#venue, p);
    const type = p.required('marginType');
    if (type === 'CROSSED') throw new BinanceApiError(-4046, 'No need to change margin type.');
    if (type === 'ISOLATED')
      throw new BinanceApiError(
        -1020,
        'This operation is not supported. (the simulator has cross margin only)',
      );
    throw BinanceErrors.invalidParam('marginType');
  }

  /** GET /fapi/v2|v3/balance. */
  balance(account: string, now: number): unknown {
    const acct = this.#engine.accounts.get(account);
    return [...acct.wallet.keys()].map((asset) => {
      const wb = acct.balance(asset);
      const avail = this.#engine.available(account, asset);
      return {
        accountAlias: 'SgsR',
        asset,
        balance: formatAmount(wb),
        crossWalletBalance: formatAmount(wb),
        crossUnPnl: formatAmount(this.#unrealized(account, asset)),
        availableBalance: formatAmount(avail),
        maxWithdrawAmount: formatAmount(avail < 0n ? 0n : avail),
        marginAvailable: true,
        updateTime: acct.updateTime || now,
      };
    });
  }

  /** GET /fapi/v2|v3/positionRisk (v3 lists only symbols with a position or open orders). */
  positionRisk(p: RequestParams, account: string, v2: boolean): unknown {
    const acct = this.#engine.accounts.get(account);
    const only = p.get('symbol') === undefined ? undefined : requireSymbolMarket(this.#venue, p).cfg.symbol;
    const out: unknown[] = [];
    for (const cfg of this.#venue.market.symbols) {
      if (only !== undefined && cfg.symbol !== only) continue;
      const pos = acct.position(cfg.symbol);
      const orderMargin = this.#engine.openOrderMargin(account, cfg.symbol);
      if (!v2 && pos.amt === 0 && orderMargin === 0n) continue;
      out.push(positionRiskJson(acct, cfg, pos, this.#engine.markPrice(cfg), orderMargin, v2));
    }
    return out;
  }

  /** GET /fapi/v2|v3/account. */
  account(account: string, now: number): unknown {
    const acct = this.#engine.accounts.get(account);
    const assets = [...acct.wallet.keys()].map((asset) => {
      const wb = acct.balance(asset);
      const up = this.#unrealized(account, asset);
      const avail = this.#engine.available(account, asset);
      const orderMargin = this.#engine.openOrderMargin(account);
      return {
        asset,
        walletBalance: formatAmount(wb),
        unrealizedProfit: formatAmount(up),
        marginBalance: formatAmount(wb + up),
        maintMargin: '0.00000000',
        initialMargin: formatAmount(wb + up - avail),
        positionInitialMargin: formatAmount(wb + up - avail - orderMargin),
        openOrderInitialMargin: formatAmount(orderMargin),
        crossWalletBalance: formatAmount(wb),
        crossUnPnl: formatAmount(up),
        availableBalance: formatAmount(avail),
        maxWithdrawAmount: formatAmount(avail < 0n ? 0n : avail),
        updateTime: acct.updateTime || now,
      };
    });
    const main = assets.find((a) => a.asset === 'USDT') ?? assets[0];
    const positions = [...acct.positions.values()]
      .filter((pos) => pos.amt !== 0)
      .map((pos) => {
        const cfg = this.#venue.market.get(pos.symbol)!.cfg;
        const mark = this.#engine.markPrice(cfg);
        const risk = positionRiskJson(acct, cfg, pos, mark, 0n, false);
        return {
          symbol: pos.symbol,
          positionSide: 'BOTH',
          positionAmt: risk.positionAmt,
          unrealizedProfit: risk.unRealizedProfit,
          isolatedMargin: '0',
          notional: risk.notional,
          isolatedWallet: '0',
          initialMargin: risk.positionInitialMargin,
          maintMargin: risk.maintMargin,
          updateTime: pos.updateTime,
        };
      });
    return {
      totalInitialMargin: main?.initialMargin ?? '0',
      totalMaintMargin: '0.00000000',
      totalWalletBalance: main?.walletBalance ?? '0',
      totalUnrealizedProfit: main?.unrealizedProfit ?? '0',
      totalMarginBalance: main?.marginBalance ?? '0',
      totalPositionInitialMargin: main?.positionInitialMargin ?? '0',
      totalOpenOrderInitialMargin: main?.openOrderInitialMargin ?? '0',
      totalCrossWalletBalance: main?.crossWalletBalance ?? '0',
      totalCrossUnPnl: main?.crossUnPnl ?? '0',
      availableBalance: main?.availableBalance ?? '0',
      maxWithdrawAmount: main?.maxWithdrawAmount ?? '0',
      assets,
      positions,
    };
  }

  #unrealized(account: string, asset: string): bigint {
    const acct = this.#engine.accounts.get(account);
    let sum = 0n;
    for (const pos of acct.positions.values()) {
      const cfg = this.#venue.market.get(pos.symbol)?.cfg;
      if (cfg === undefined || cfg.quoteAsset !== asset) continue;
      sum += unrealizedPnl(pos, this.#engine.markPrice(cfg), cfg.priceDecimals, cfg.qtyDecimals);
    }
    return sum;
  }
}
