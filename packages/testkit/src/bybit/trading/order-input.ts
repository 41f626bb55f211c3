// Validation of a `POST /v5/order/create` body, with Bybit's answers: spot's own 170xxx codes,
// 10001 for derivatives parameters, 110094 under the minimum order value. Spot Market Buy `qty` is
// in the quote coin unless `marketUnit` is `baseCoin`. Conditional and TP/SL orders, hedge mode
// and spot margin are not simulated and are refused with a 10001 that says so.
import { AMOUNT_DECIMALS, isPlainDecimal, notionalAmount, parseUnits, parseUnitsBig } from '../decimal.js';
import { BybitApiError, BybitErrors } from '../errors.js';
import type { CategoryMarket } from '../market/category-market.js';
import type { BybitParams } from '../params.js';
import type { BybitSymbolConfig } from '../symbols.js';
import type { OrderSide, OrderType, TimeInForce } from './order-model.js';

/** A validated order. */
export interface OrderRequest {
  readonly cfg: BybitSymbolConfig;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  /** Limit price units (0 for Market). */
  readonly price: number;
  readonly qtyText: string;
  /** Size units (0 when quote-sized). */
  readonly qty: number;
  /** Quote budget at 8 decimals (quote-sized spot market buys). */
  readonly quoteQty: bigint;
  readonly marketUnit: '' | 'baseCoin' | 'quoteCoin';
  readonly orderLinkId: string;
  readonly reduceOnly: boolean;
}

const LINK_ID_RE = /^[A-Za-z0-9_-]{1,36}$/;
const NOT_SIMULATED = ['triggerPrice', 'takeProfit', 'stopLoss', 'tpslMode', 'slTriggerBy', 'tpTriggerBy'];

/** Validates a create body for `market` (the category's market); throws the venue's error. */
export function parseOrderRequest(p: BybitParams, market: CategoryMarket): OrderRequest {
  const spot = market.category === 'spot';
  const bad = (spotError: () => BybitApiError, msg: string): BybitApiError =>
    spot ? spotError() : BybitErrors.params(msg);
  const symbol = p.text('symbol');
  if (symbol === undefined)
    throw bad(() => BybitErrors.spot.invalid('symbol'), 'params error: symbol is required');
  const m = market.get(symbol);
  if (m === undefined)
    throw bad(BybitErrors.spot.symbol, `params error: symbol ${symbol} is not traded on ${market.category}`);
  const cfg = m.cfg;
  const side = p.text('side');
  if (side !== 'Buy' && side !== 'Sell')
    throw bad(BybitErrors.spot.side, "params error: side must be 'Buy' or 'Sell'");
  const orderType = p.text('orderType');
  if (orderType !== 'Limit' && orderType !== 'Market') {
    throw bad(BybitErrors.spot.orderType, "params error: orderType must be 'Limit' or 'Market'");
  }
  for (const name of NOT_SIMULATED) {
    if (p.has(name))
      throw BybitErrors.params(`params error: ${name} (conditional / TP-SL orders) is not simulated`);
  }
  const tif = p.text('timeInForce') ?? (orderType === 'Market' ? 'IOC' : 'GTC');
  if (tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK' && tif !== 'PostOnly') {
    throw bad(BybitErrors.spot.timeInForce, 'params error: timeInForce must be GTC, IOC, FOK or PostOnly');
  }
  const timeInForce: TimeInForce = orderType === 'Market' ? 'IOC' : tif;
  const orderLinkId = p.text('orderLinkId') ?? '';
  if (orderLinkId !== '' && !LINK_ID_RE.test(orderLinkId)) {
    throw bad(
      () => BybitErrors.spot.invalid('orderLinkId'),
      'params error: orderLinkId must be 1-36 characters of [A-Za-z0-9_-]',
    );
  }
  if (spot) {
    if (p.has('isLeverage') && p.text('isLeverage') !== '0')
      throw BybitErrors.params('params error: spot margin (isLeverage=1) is not simulated');
    const filter = p.text('orderFilter');
    if (filter !== undefined && filter !== 'Order')
      throw BybitErrors.params(`params error: orderFilter '${filter}' is not simulated`);
  } else {
    const idx = p.text('positionIdx') ?? '0';
    if (idx !== '0')
      throw BybitErrors.params(
        'position idx not match position mode (the simulator runs one-way mode: positionIdx 0)',
      );
  }
  const reduceOnly = spot ? false : p.bool('reduceOnly', false);
  let price = 0;
  if (orderType === 'Limit') {
    const text = p.text('price');
    if (text === undefined || !isPlainDecimal(text))
      throw bad(() => BybitErrors.spot.invalid('price'), 'params error: price is required for Limit orders');
    const units = parseUnits(text, cfg.priceDecimals);
    if (units === undefined || units % cfg.tickUnits !== 0) {
      throw bad(
        BybitErrors.spot.priceDecimals,
        `params error: price ${text} is not a multiple of tickSize ${cfg.tickSize}`,
      );
    }
    if (units <= 0)
      throw bad(() => BybitErrors.spot.invalid('price'), 'params error: price must be positive');
    price = units;
  }
  const qtyText = p.text('qty');
  if (qtyText === undefined || !isPlainDecimal(qtyText))
    throw bad(() => BybitErrors.spot.invalid('qty'), 'params error: qty is required');
  const unitText = p.text('marketUnit');
  if (
    unitText !== undefined &&
    (!spot || orderType !== 'Market' || (unitText !== 'baseCoin' && unitText !== 'quoteCoin'))
  ) {
    throw bad(
      () => BybitErrors.spot.invalid('marketUnit'),
      "params error: marketUnit is for spot Market orders: 'baseCoin' or 'quoteCoin'",
    );
  }
  const marketUnit: OrderRequest['marketUnit'] =
    spot && orderType === 'Market'
      ? ((unitText as 'baseCoin' | 'quoteCoin' | undefined) ?? (side === 'Buy' ? 'quoteCoin' : 'baseCoin'))
      : '';
  const base = {
    cfg,
    side,
    orderType,
    timeInForce,
    price,
    qtyText,
    marketUnit,
    orderLinkId,
    reduceOnly,
  } as const;
  if (marketUnit === 'quoteCoin') {
    const quote = parseUnitsBig(qtyText, AMOUNT_DECIMALS);
    if (quote === undefined) throw BybitErrors.spot.amountDecimals();
    if (quote < cfg.minNotionalAmount) throw BybitErrors.spot.amountTooSmall();
    return { ...base, qty: 0, quoteQty: quote };
  }
  const qty = parseUnits(qtyText, cfg.qtyDecimals);
  if (qty === undefined || qty % cfg.stepUnits !== 0) {
    throw bad(
      BybitErrors.spot.qtyDecimals,
      `params error: qty ${qtyText} is not a multiple of the qty step ${cfg.qtyStep}`,
    );
  }
  if (qty <= 0 || qty < cfg.minQtyUnits)
    throw bad(
      BybitErrors.spot.qtyTooSmall,
      `params error: qty ${qtyText} is below minOrderQty ${cfg.minOrderQty}`,
    );
  if (qty > cfg.maxQtyUnits)
    throw bad(
      BybitErrors.spot.qtyTooLarge,
      `params error: qty ${qtyText} is above maxOrderQty ${cfg.maxOrderQty}`,
    );
  const refPrice =
    price > 0
      ? price
      : side === 'Buy'
        ? (m.asks.best() ?? m.stats.lastPrice)
        : (m.bids.best() ?? m.stats.lastPrice);
  if (
    !reduceOnly &&
    notionalAmount(refPrice, cfg.priceDecimals, qty, cfg.qtyDecimals) < cfg.minNotionalAmount
  ) {
    throw spot
      ? BybitErrors.spot.amountTooSmall()
      : new BybitApiError(
          110094,
          `Order does not meet minimum order value ${cfg.minNotional}${cfg.quoteCoin}`,
        );
  }
  return { ...base, qty, quoteQty: 0n };
}
