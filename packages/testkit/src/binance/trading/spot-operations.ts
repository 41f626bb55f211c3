// Spot account and order operations shared by the REST routes and the WS API methods: each takes
// the request parameters and the caller's account and returns Binance's JSON (or throws).
import { formatAmount } from '../decimal.js';
import { BinanceErrors } from '../errors.js';
import type { RequestParams } from '../params.js';
import { requireSymbolMarket } from '../rest/symbol-params.js';
import type { VenueContext } from '../venue-context.js';
import { readOrderRequest } from './order-input.js';
import { SPOT_COMMISSION_BPS } from './spot-settlement.js';
import {
  spotCancelResult,
  spotOrderAck,
  spotOrderFull,
  spotOrderJson,
  spotOrderResult,
  spotTradeJson,
} from './spot-json.js';
import type { SpotEngine } from './spot-engine.js';

/** Spot operations over `venue` (kind 'spot'). */
export class SpotOperations {
  readonly #venue: VenueContext;
  readonly #engine: SpotEngine;

  /** Wraps the Spot engine of `venue`. */
  constructor(venue: VenueContext) {
    if (venue.spot === undefined) throw new Error('SpotOperations: venue has no Spot engine');
    this.#venue = venue;
    this.#engine = venue.spot;
  }

  /** POST /api/v3/order, `order.place`. */
  placeOrder(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const req = readOrderRequest(p, cfg);
    const { order, fills } = this.#engine.place(account, req);
    if (req.respType === 'ACK') return spotOrderAck(order);
    if (req.respType === 'RESULT') return spotOrderResult(order);
    return spotOrderFull(order, fills);
  }

  /** POST /api/v3/order/test, `order.test`: validates only. */
  testOrder(p: RequestParams): unknown {
    readOrderRequest(p, requireSymbolMarket(this.#venue, p).cfg);
    if (p.get('computeCommissionRates') === 'true') {
      const rate = (Number(SPOT_COMMISSION_BPS) / 10_000).toFixed(8);
      return {
        standardCommissionForOrder: { maker: rate, taker: rate },
        specialCommissionForOrder: { maker: '0.00000000', taker: '0.00000000' },
        taxCommissionForOrder: { maker: '0.00000000', taker: '0.00000000' },
        discount: {
          enabledForAccount: false,
          enabledForSymbol: false,
          discountAsset: 'BNB',
          discount: '0.25000000',
        },
      };
    }
    return {};
  }

  /** DELETE /api/v3/order, `order.cancel`. */
  cancelOrder(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const { orderId, clientId } = orderRef(p);
    const { order, cancelClientOrderId, time } = this.#engine.cancel(
      account,
      cfg,
      orderId,
      clientId,
      p.get('newClientOrderId'),
    );
    return spotCancelResult(order, order.clientOrderId, cancelClientOrderId, time);
  }

  /** DELETE /api/v3/openOrders, `openOrders.cancelAll`. */
  cancelAll(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const open = this.#engine.orders.openOf(account, cfg.symbol);
    if (open.length === 0) throw BinanceErrors.cancelRejected();
    return open.map((o) => {
      const r = this.#engine.cancel(account, cfg, o.orderId);
      return spotCancelResult(r.order, r.order.clientOrderId, r.cancelClientOrderId, r.time);
    });
  }

  /** GET /api/v3/order, `order.status`. */
  queryOrder(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const { orderId, clientId } = orderRef(p);
    const o = this.#engine.orders.find(account, cfg.symbol, orderId, clientId);
    if (o === undefined) throw BinanceErrors.noSuchOrder();
    return spotOrderJson(o);
  }

  /** GET /api/v3/openOrders, `openOrders.status`. */
  openOrders(p: RequestParams, account: string): unknown {
    const symbol = p.get('symbol') === undefined ? undefined : requireSymbolMarket(this.#venue, p).cfg.symbol;
    return this.#engine.orders.openOf(account, symbol).map(spotOrderJson);
  }

  /** GET /api/v3/allOrders, `allOrders`. */
  allOrders(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const limit = p.int('limit', 500, 1, 1000);
    const fromId = p.optionalInt('orderId');
    const list = this.#engine.orders
      .allOf(account, cfg.symbol)
      .filter((o) => fromId === undefined || o.orderId >= fromId);
    return (fromId === undefined ? list.slice(-limit) : list.slice(0, limit)).map(spotOrderJson);
  }

  /** GET /api/v3/myTrades, `myTrades`. */
  myTrades(p: RequestParams, account: string): unknown {
    const cfg = requireSymbolMarket(this.#venue, p).cfg;
    const limit = p.int('limit', 500, 1, 1000);
    const orderId = p.optionalInt('orderId');
    const fromId = p.optionalInt('fromId');
    const start = p.optionalInt('startTime');
    const end = p.optionalInt('endTime');
    const list = this.#engine
      .tradesOf(account, cfg.symbol)
      .filter(
        (t) =>
          (orderId === undefined || t.order.orderId === orderId) &&
          (fromId === undefined || t.fill.tradeId >= fromId) &&
          (start === undefined || t.fill.time >= start) &&
          (end === undefined || t.fill.time <= end),
      );
    return (fromId === undefined ? list.slice(-limit) : list.slice(0, limit)).map(spotTradeJson);
  }

  /** GET /api/v3/account, `account.status`. */
  account(p: RequestParams, account: string, now: number): unknown {
    const b = this.#engine.accounts.get(account);
    const omitZero = p.get('omitZeroBalances') === 'true';
    const balances = [...b.assets]
      .filter(([, v]) => !omitZero || v.free !== 0n || v.locked !== 0n)
      .map(([asset, v]) => ({ asset, free: formatAmount(v.free), locked: formatAmount(v.locked) }));
    const rate = (Number(SPOT_COMMISSION_BPS) / 10_000).toFixed(8);
    return {
      makerCommission: Number(SPOT_COMMISSION_BPS),
      takerCommission: Number(SPOT_COMMISSION_BPS),
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: rate, taker: rate, buyer: '0.00000000', seller: '0.00000000' },
      canTrade: true,
      canWithdraw: true,
      canDeposit: true,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: b.updateTime || now,
      accountType: 'SPOT',
      balances,
      permissions: ['SPOT'],
      uid: uidOf(account),
    };
  }

  /** GET /api/v3/rateLimit/order, `account.rateLimits.orders`. */
  orderRateLimits(account: string, now: number): unknown {
    return this.#venue.orderLimiter.usage(account, now).map(([r, count]) => ({ ...r, count }));
  }
}

/** `orderId` or `origClientOrderId` of a cancel / query (-1102 when neither). */
export function orderRef(p: RequestParams): { orderId: number | undefined; clientId: string | undefined } {
  const orderId = p.optionalInt('orderId');
  const clientId = p.get('origClientOrderId');
  if (orderId === undefined && clientId === undefined)
    throw BinanceErrors.eitherMandatory('orderId', 'origClientOrderId');
  return { orderId, clientId };
}

/** A stable numeric account id derived from the API key. */
export function uidOf(apiKey: string): number {
  let h = 0;
  for (let i = 0; i < apiKey.length; i++) h = (Math.imul(h, 31) + apiKey.charCodeAt(i)) >>> 0;
  return 100_000_000 + (h % 900_000_000);
}
