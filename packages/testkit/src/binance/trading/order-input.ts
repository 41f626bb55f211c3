// Reads a new-order request into integer units and checks it against the symbol's filters, with
// each market's error codes: Spot answers -1013 "Filter failure: …"; USDⓈ-M has its own -4xxx.
import { AMOUNT_DECIMALS, formatAmount, notional, parseScaled, parseScaledBig } from '../decimal.js';
import { BinanceApiError, BinanceErrors } from '../errors.js';
import type { RequestParams } from '../params.js';
import type { SymbolConfig } from '../symbols.js';
import { CLIENT_ORDER_ID_RE, type OrderSide } from './order-model.js';

/** A validated new order. */
export interface OrderRequest {
  readonly cfg: SymbolConfig;
  readonly side: OrderSide;
  readonly type: 'LIMIT' | 'MARKET' | 'LIMIT_MAKER';
  /** GTC / IOC / FOK / GTX; empty for MARKET. */
  readonly timeInForce: string;
  /** Price units (LIMIT / LIMIT_MAKER). */
  readonly price: number | undefined;
  /** Quantity units (absent for Spot quote-quantity market orders). */
  readonly quantity: number | undefined;
  /** Spot MARKET quoteOrderQty at 8 decimals. */
  readonly quoteOrderQty: bigint | undefined;
  readonly clientOrderId: string | undefined;
  /** ACK / RESULT / FULL (Spot), ACK / RESULT (futures). */
  readonly respType: string;
  readonly reduceOnly: boolean;
}

const SPOT_TYPES = [
  'LIMIT',
  'MARKET',
  'LIMIT_MAKER',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
];
const USDM_TYPES = [
  'LIMIT',
  'MARKET',
  'STOP',
  'STOP_MARKET',
  'TAKE_PROFIT',
  'TAKE_PROFIT_MARKET',
  'TRAILING_STOP_MARKET',
];

/** Parses and validates a new order for `cfg`'s market. */
export function readOrderRequest(p: RequestParams, cfg: SymbolConfig): OrderRequest {
  const spot = cfg.market === 'spot';
  const side = p.oneOf('side', ['BUY', 'SELL'] as const, undefined, BinanceErrors.badSide);
  if (side === undefined) throw BinanceErrors.mandatory('side');
  const rawType = p.oneOf('type', spot ? SPOT_TYPES : USDM_TYPES, undefined, BinanceErrors.badOrderType);
  if (rawType === undefined) throw BinanceErrors.mandatory('type');
  if (rawType !== 'LIMIT' && rawType !== 'MARKET' && rawType !== 'LIMIT_MAKER') {
    if (!spot) {
      throw new BinanceApiError(
        -4120,
        'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.',
      );
    }
    throw new BinanceApiError(
      -1020,
      `This operation is not supported. (the simulator does not implement ${rawType} orders)`,
    );
  }
  const type = rawType;
  const tifs = spot ? ['GTC', 'IOC', 'FOK'] : ['GTC', 'IOC', 'FOK', 'GTX'];
  let timeInForce = '';
  if (type === 'LIMIT') {
    const tif = p.oneOf('timeInForce', tifs, undefined, BinanceErrors.badTimeInForce);
    if (tif === undefined) throw BinanceErrors.mandatory('timeInForce');
    timeInForce = tif;
  } else if (p.has('timeInForce') && spot) {
    throw BinanceErrors.notRequired('timeInForce');
  } else if (type === 'LIMIT_MAKER') {
    timeInForce = 'GTC';
  }
  const price = type === 'MARKET' ? undefined : readPrice(p, cfg);
  let quantity: number | undefined;
  let quoteOrderQty: bigint | undefined;
  if (type === 'MARKET' && spot && p.get('quoteOrderQty') !== undefined) {
    if (p.get('quantity') !== undefined) throw BinanceErrors.notRequired('quoteOrderQty');
    quoteOrderQty = parseScaledBig(p.decimal('quoteOrderQty')!, AMOUNT_DECIMALS);
    if (quoteOrderQty === undefined) throw BinanceErrors.badPrecision('quoteOrderQty');
    if (quoteOrderQty <= 0n) throw BinanceErrors.invalidParam('quoteOrderQty');
  } else {
    if (type === 'MARKET' && spot && p.get('quantity') === undefined) {
      throw BinanceErrors.eitherMandatory('quantity', 'quoteOrderQty');
    }
    quantity = readQuantity(p, cfg, type === 'MARKET');
  }
  if (price !== undefined && quantity !== undefined) {
    const n = notional(price, cfg.priceDecimals, quantity, cfg.qtyDecimals);
    const reduceOnly = p.get('reduceOnly') === 'true';
    if (n < cfg.minNotionalAmount && !reduceOnly) throw notionalError(cfg);
  }
  const clientOrderId = p.get('newClientOrderId');
  if (clientOrderId !== undefined && !CLIENT_ORDER_ID_RE.test(clientOrderId)) {
    throw BinanceErrors.invalidParam('newClientOrderId');
  }
  const respDefault = spot ? (type === 'LIMIT_MAKER' ? 'ACK' : 'FULL') : 'ACK';
  const respTypes = spot ? ['ACK', 'RESULT', 'FULL'] : ['ACK', 'RESULT'];
  const respType = p.oneOf('newOrderRespType', respTypes, respDefault, () =>
    BinanceErrors.invalidParam('newOrderRespType'),
  )!;
  const reduceOnly = !spot && p.get('reduceOnly') === 'true';
  return {
    cfg,
    side,
    type,
    timeInForce,
    price,
    quantity,
    quoteOrderQty,
    clientOrderId,
    respType,
    reduceOnly,
  };
}

/** The error for an order below the minimum notional. */
export function notionalError(cfg: SymbolConfig): BinanceApiError {
  if (cfg.market === 'spot') return BinanceErrors.filter('NOTIONAL');
  return new BinanceApiError(
    -4164,
    `Order's notional must be no smaller than ${formatAmount(cfg.minNotionalAmount).replace(/0+$/, '').replace(/\.$/, '.0')} (unless you choose reduce only).`,
  );
}

/** The `price` parameter in price units, checked against the tick (USDⓈ-M: -1111 / -4014). */
export function readPrice(p: RequestParams, cfg: SymbolConfig): number {
  const text = p.decimal('price');
  if (text === undefined) throw BinanceErrors.mandatory('price');
  const spot = cfg.market === 'spot';
  if (parseScaled(text, 8) === undefined) {
    throw spot
      ? BinanceErrors.badPrecision('price')
      : new BinanceApiError(-1111, 'Precision is over the maximum defined for this asset.');
  }
  const units = parseScaled(text, cfg.priceDecimals);
  if (units === undefined || units % cfg.tickUnits !== 0) {
    throw spot
      ? BinanceErrors.filter('PRICE_FILTER')
      : new BinanceApiError(-4014, 'Price not increased by tick size.');
  }
  if (units <= 0) throw spot ? BinanceErrors.filter('PRICE_FILTER') : BinanceErrors.invalidParam('price');
  return units;
}

/** The `quantity` parameter in quantity units, checked against LOT_SIZE (USDⓈ-M: -4003 … -4023). */
export function readQuantity(p: RequestParams, cfg: SymbolConfig, market: boolean): number {
  const text = p.decimal('quantity');
  if (text === undefined) throw BinanceErrors.mandatory('quantity');
  const spot = cfg.market === 'spot';
  const filter = market ? 'MARKET_LOT_SIZE' : 'LOT_SIZE';
  if (parseScaled(text, spot ? 8 : cfg.qtyOutDecimals) === undefined) {
    throw spot
      ? BinanceErrors.badPrecision('quantity')
      : new BinanceApiError(-1111, 'Precision is over the maximum defined for this asset.');
  }
  const units = parseScaled(text, cfg.qtyDecimals);
  if (units === undefined || units % cfg.stepUnits !== 0) {
    throw spot ? BinanceErrors.filter(filter) : new BinanceApiError(-4023, 'Qty not increased by step size.');
  }
  if (units <= 0)
    throw spot
      ? BinanceErrors.filter(filter)
      : new BinanceApiError(-4003, 'Quantity less than or equal to zero.');
  if (units < cfg.minQtyUnits)
    throw spot ? BinanceErrors.filter(filter) : new BinanceApiError(-4004, 'Quantity less than min qty.');
  if (units > cfg.maxQtyUnits)
    throw spot ? BinanceErrors.filter(filter) : new BinanceApiError(-4005, 'Quantity greater than max qty.');
  return units;
}
