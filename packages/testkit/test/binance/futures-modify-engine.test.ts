// FuturesEngine.modify on its own (no sockets): what a modification changes (price, quantity,
// queue place, reserved margin, the AMENDMENT event), when it takes liquidity, when it cancels the
// order, and every refusal with Binance's USDⓈ-M code, the order left as it was.
import { beforeEach, describe, expect, it } from 'vitest';
import { BinanceApiError } from '../../src/binance/errors.js';
import { SimulatedMarket } from '../../src/binance/market/market.js';
import { RequestParams } from '../../src/binance/params.js';
import { formatPrice, formatQty, resolveSymbol, type SymbolConfig } from '../../src/binance/symbols.js';
import { FuturesEngine } from '../../src/binance/trading/futures-engine.js';
import { MAX_ORDER_MODIFICATIONS, readModifyRequest } from '../../src/binance/trading/futures-modify.js';
import { readOrderRequest } from '../../src/binance/trading/order-input.js';
import type { SimOrder } from '../../src/binance/trading/order-model.js';
import type { Json } from './helpers.js';

const cfg: SymbolConfig = resolveSymbol('usdm', { symbol: 'BTCUSDT', levels: 50 });

describe('FuturesEngine.modify', () => {
  let t: number;
  let market: SimulatedMarket;
  let engine: FuturesEngine;
  let events: Array<{ account: string; event: Json }>;

  beforeEach(() => {
    t = 1_700_000_000_000;
    market = new SimulatedMarket({ symbols: [cfg], seed: 'modify', now: () => t });
    events = [];
    engine = new FuturesEngine(
      market,
      () => t,
      (account, event) => events.push({ account, event }),
    );
  });

  const book = () => market.snapshot(cfg.symbol);
  const bestBid = () => book().bids[0]![0];
  const bestAsk = () => book().asks[0]![0];
  const px = (units: number) => formatPrice(cfg, units);
  const qty = (units: number) => formatQty(cfg, units);

  function place(account: string, params: Record<string, string>): SimOrder {
    const req = readOrderRequest(RequestParams.fromObject({ symbol: cfg.symbol, ...params }), cfg);
    return engine.place(account, req).order;
  }

  function restingBuy(account = 'a', below = 50, units = 10, extra: Record<string, string> = {}): SimOrder {
    return place(account, {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: px(bestBid() - below * cfg.tickUnits),
      quantity: qty(units * cfg.stepUnits),
      ...extra,
    });
  }

  function modify(account: string, params: Record<string, string | number | undefined>) {
    return engine.modify(
      account,
      readModifyRequest(RequestParams.fromObject({ symbol: cfg.symbol, ...params }), cfg),
    );
  }

  function refusal(fn: () => unknown): { code: number; msg: string } {
    try {
      fn();
    } catch (error) {
      if (error instanceof BinanceApiError) return error.toJSON();
      throw error;
    }
    throw new Error('expected a BinanceApiError');
  }

  const amendments = () => events.filter((e) => e.event.o?.x === 'AMENDMENT').map((e) => e.event.o);

  it('changes price and quantity, re-reserves margin, requeues behind other orders and reports AMENDMENT', () => {
    const first = restingBuy('a', 50, 10);
    const second = restingBuy('b', 50, 10);
    expect(engine.orders.openOn(cfg.symbol)).toEqual([first, second]);
    const marginBefore = engine.openOrderMargin('a');
    const newPrice = first.price - 5 * cfg.tickUnits;
    const { order, fills } = modify('a', {
      orderId: first.orderId,
      side: 'BUY',
      price: px(newPrice),
      quantity: qty(20 * cfg.stepUnits),
    });
    expect(order).toBe(first);
    expect(fills).toEqual([]);
    expect(order).toMatchObject({
      price: newPrice,
      origQty: 20 * cfg.stepUnits,
      status: 'NEW',
      modifyCount: 1,
    });
    expect(engine.orders.openOn(cfg.symbol)).toEqual([second, first]);
    const margin = engine.openOrderMargin('a');
    expect(margin).toBeGreaterThan(marginBefore);
    expect(margin).toBe(
      (BigInt(newPrice) *
        BigInt(20 * cfg.stepUnits) *
        10n ** BigInt(8 - cfg.priceDecimals - cfg.qtyDecimals)) /
        20n,
    );
    expect(amendments()).toEqual([
      expect.objectContaining({
        x: 'AMENDMENT',
        X: 'NEW',
        i: first.orderId,
        p: px(newPrice),
        q: qty(20 * cfg.stepUnits),
        l: qty(0),
        z: qty(0),
        pm: 'NONE',
      }),
    ]);
    expect(events.at(-1)!.account).toBe('a');
  });

  it('a new price that crosses takes liquidity as a taker: AMENDMENT first, then TRADE and ACCOUNT_UPDATE', () => {
    const o = restingBuy('a', 50, 10);
    const ask = bestAsk();
    const askQty = book().asks[0]![1];
    const units = Math.min(10 * cfg.stepUnits, askQty);
    const { order, fills } = modify('a', {
      orderId: o.orderId,
      side: 'BUY',
      price: px(ask),
      quantity: qty(units),
    });
    expect(fills.length).toBe(1);
    expect(fills[0]).toMatchObject({ price: ask, qty: units, isMaker: false });
    expect(order.status).toBe('FILLED');
    expect(engine.orders.openOf('a')).toEqual([]);
    expect(engine.openOrderMargin('a')).toBe(0n);
    expect(engine.accounts.get('a').position(cfg.symbol).amt).toBe(units);
    const kinds = events.map((e) => (e.event.e === 'ACCOUNT_UPDATE' ? 'ACCOUNT' : e.event.o.x));
    expect(kinds).toEqual(['NEW', 'AMENDMENT', 'TRADE', 'ACCOUNT']);
    expect(events[2]!.event.o).toMatchObject({ X: 'FILLED', m: false, L: px(ask) });
  });

  it('a crossing modify larger than the touch fills what is there and rests the rest, uncrossed', () => {
    const o = restingBuy('a', 50, 10);
    const ask = bestAsk();
    const askQty = book().asks[0]![1];
    const { order, fills } = modify('a', {
      orderId: o.orderId,
      side: 'BUY',
      price: px(ask),
      quantity: qty(askQty + 5 * cfg.stepUnits),
    });
    expect(fills.map((f) => f.qty)).toEqual([askQty]);
    expect(order.status).toBe('PARTIALLY_FILLED');
    expect(bestAsk()).toBeGreaterThan(order.price);
    expect(engine.orders.openOf('a')).toEqual([order]);
  });

  it('addresses the order by origClientOrderId; orderId wins when both are sent', () => {
    const a = restingBuy('a', 50, 10, { newClientOrderId: 'mine-1' });
    const b = restingBuy('a', 60, 10, { newClientOrderId: 'mine-2' });
    modify('a', {
      origClientOrderId: 'mine-1',
      side: 'BUY',
      price: px(a.price),
      quantity: qty(12 * cfg.stepUnits),
    });
    expect(a.origQty).toBe(12 * cfg.stepUnits);
    modify('a', {
      orderId: b.orderId,
      origClientOrderId: 'mine-1',
      side: 'BUY',
      price: px(b.price),
      quantity: qty(13 * cfg.stepUnits),
    });
    expect(b.origQty).toBe(13 * cfg.stepUnits);
    expect(a.origQty).toBe(12 * cfg.stepUnits);
    expect(a.clientOrderId).toBe('mine-1');
  });

  it('refuses with Binance codes and leaves the order exactly as it was', () => {
    const o = restingBuy('a', 50, 10);
    const before = { ...o };
    const base = { orderId: o.orderId, side: 'BUY', price: px(o.price), quantity: qty(o.origQty) };
    const cases: Array<[Record<string, string | number | undefined>, number]> = [
      [{}, -5027],
      [{ side: 'SELL', price: px(o.price + cfg.tickUnits) }, -1130],
      [{ price: `${px(o.price)}00000001` }, -1111],
      [{ price: `${px(o.price).split('.')[0]}.05` }, -4014],
      [{ quantity: '0.0105' }, -1111],
      [{ quantity: '0' }, -4003],
      [{ quantity: qty(cfg.stepUnits) }, -5029],
      [{ quantity: '999' }, -2019],
      [{ priceMatch: 'QUEUE' }, -1106],
      [{ priceMatch: 'BEST' }, -5037],
      [{ orderId: 42 }, -2013],
      [{ orderId: undefined, origClientOrderId: 'nobody' }, -2013],
      [{ orderId: undefined }, -1102],
      [{ side: undefined }, -1102],
      [{ quantity: undefined }, -1102],
      [{ price: undefined }, -1102],
    ];
    for (const [change, code] of cases) {
      const params = { ...base, ...change };
      expect(refusal(() => modify('a', params)).code, JSON.stringify(change)).toBe(code);
    }
    expect(refusal(() => modify('b', base)).code).toBe(-2013);
    expect(o).toEqual(before);
    expect(amendments()).toEqual([]);
  });

  it('MARKET orders cannot be modified (-5025); closed LIMIT orders are gone (-2013)', () => {
    const m = place('a', { side: 'BUY', type: 'MARKET', quantity: qty(10 * cfg.stepUnits) });
    const bump = { side: 'BUY', price: px(bestBid()), quantity: qty(11 * cfg.stepUnits) };
    expect(refusal(() => modify('a', { orderId: m.orderId, ...bump })).code).toBe(-5025);
    const o = restingBuy('a', 50, 10);
    engine.cancel('a', cfg, o.orderId);
    expect(refusal(() => modify('a', { orderId: o.orderId, ...bump })).code).toBe(-2013);
  });

  it('cancels a partially filled order whose new quantity is not above the executed one', () => {
    const ask = bestAsk();
    const askQty = book().asks[0]![1];
    const o = place('a', {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: px(ask),
      quantity: qty(askQty + 10 * cfg.stepUnits),
    });
    expect(o.status).toBe('PARTIALLY_FILLED');
    const { order, fills } = modify('a', {
      orderId: o.orderId,
      side: 'BUY',
      price: px(o.price - cfg.tickUnits),
      quantity: qty(o.executedQty),
    });
    expect(fills).toEqual([]);
    expect(order).toMatchObject({ status: 'CANCELED', executedQty: askQty, reserved: 0n });
    expect(engine.orders.openOf('a')).toEqual([]);
    expect(engine.accounts.get('a').position(cfg.symbol).amt).toBe(askQty);
    expect(events.at(-1)!.event.o).toMatchObject({ x: 'CANCELED', X: 'CANCELED' });
  });

  it('cancels a GTX order whose new price would take', () => {
    const o = restingBuy('a', 50, 10, { timeInForce: 'GTX' });
    const { order } = modify('a', {
      orderId: o.orderId,
      side: 'BUY',
      price: px(bestAsk()),
      quantity: qty(o.origQty),
    });
    expect(order.status).toBe('CANCELED');
    expect(engine.accounts.get('a').position(cfg.symbol).amt).toBe(0);
    expect(amendments()).toEqual([]);
  });

  it('priceMatch: QUEUE joins the best bid, OPPONENT takes the best ask, and the mode is reported', () => {
    const o = restingBuy('a', 50, 10);
    modify('a', { orderId: o.orderId, side: 'BUY', priceMatch: 'QUEUE', quantity: qty(o.origQty) });
    expect(o.price).toBe(bestBid());
    expect(amendments().at(-1)).toMatchObject({ p: px(bestBid()), pm: 'QUEUE' });
    const fifth = book().bids[4]![0];
    modify('a', { orderId: o.orderId, side: 'BUY', priceMatch: 'QUEUE_5', quantity: qty(o.origQty) });
    expect(o.price).toBe(fifth);
    const ask = bestAsk();
    const units = Math.min(o.origQty, book().asks[0]![1]);
    const { fills } = modify('a', {
      orderId: o.orderId,
      side: 'BUY',
      priceMatch: 'OPPONENT',
      quantity: qty(units),
    });
    expect(fills[0]).toMatchObject({ price: ask, isMaker: false });
  });

  it('reduce-only orders stay reducing: -2022 once there is nothing to reduce', () => {
    place('a', { side: 'BUY', type: 'MARKET', quantity: qty(10 * cfg.stepUnits) });
    const o = place('a', {
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: px(bestAsk() + 50 * cfg.tickUnits),
      quantity: qty(10 * cfg.stepUnits),
      reduceOnly: 'true',
    });
    modify('a', {
      orderId: o.orderId,
      side: 'SELL',
      price: px(o.price + cfg.tickUnits),
      quantity: qty(5 * cfg.stepUnits),
    });
    expect(o.origQty).toBe(5 * cfg.stepUnits);
    place('a', { side: 'SELL', type: 'MARKET', quantity: qty(10 * cfg.stepUnits), reduceOnly: 'true' });
    const again = {
      orderId: o.orderId,
      side: 'SELL',
      price: px(o.price + cfg.tickUnits),
      quantity: qty(o.origQty),
    };
    expect(refusal(() => modify('a', again)).code).toBe(-2022);
  });

  it(`allows ${MAX_ORDER_MODIFICATIONS} modifications of one order, then answers -5026`, () => {
    const o = restingBuy('a', 50, 10);
    const prices = [px(o.price), px(o.price - cfg.tickUnits)];
    for (let i = 1; i <= MAX_ORDER_MODIFICATIONS; i++)
      modify('a', { orderId: o.orderId, side: 'BUY', price: prices[i % 2]!, quantity: qty(o.origQty) });
    expect(o.modifyCount).toBe(MAX_ORDER_MODIFICATIONS);
    const next = { orderId: o.orderId, side: 'BUY', price: prices[1]!, quantity: qty(o.origQty) };
    expect(refusal(() => modify('a', next))).toEqual({
      code: -5026,
      msg: 'Exceed maximum modify order limit.',
    });
  });
});
