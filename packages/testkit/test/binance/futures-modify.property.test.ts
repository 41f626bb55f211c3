// Property: whatever sequence of place / modify / cancel / market steps two accounts run on the
// USDⓈ-M engine, the books stay consistent — no negative or oversized reserved margin, positions
// and wallets equal to what the fills add up to, a placed or modified order never rests crossing
// the market's book, a refused modification changes nothing, an accepted one that reserves more
// never leaves the account below zero available.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notional } from '../../src/binance/decimal.js';
import { BinanceApiError } from '../../src/binance/errors.js';
import { SimulatedMarket } from '../../src/binance/market/market.js';
import { RequestParams } from '../../src/binance/params.js';
import { formatPrice, formatQty, resolveSymbol } from '../../src/binance/symbols.js';
import { FuturesEngine } from '../../src/binance/trading/futures-engine.js';
import { readModifyRequest } from '../../src/binance/trading/futures-modify.js';
import { readOrderRequest } from '../../src/binance/trading/order-input.js';
import { isOpen, type SimOrder } from '../../src/binance/trading/order-model.js';

const cfg = resolveSymbol('usdm', { symbol: 'BTCUSDT', levels: 40 });
const ACCOUNTS = ['alice', 'bob'] as const;
const START = 600_00000000n; // 600 USDT at 8 decimals: small enough that -2019 happens
const LEVERAGE = 20n;

type Op =
  | { kind: 'place'; who: 0 | 1; side: 'BUY' | 'SELL'; away: number; units: number; tif: string }
  | { kind: 'modify'; who: 0 | 1; pick: number; away: number; units: number; match: string }
  | { kind: 'cancel'; who: 0 | 1; pick: number }
  | { kind: 'step'; n: number };

const who = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('place' as const),
    who,
    side: fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
    away: fc.integer({ min: -3, max: 40 }),
    units: fc.integer({ min: 1, max: 60 }),
    tif: fc.constantFrom('GTC', 'GTC', 'GTX', 'IOC'),
  }),
  fc.record({
    kind: fc.constant('modify' as const),
    who,
    pick: fc.nat(),
    away: fc.integer({ min: -3, max: 40 }),
    units: fc.integer({ min: 1, max: 400 }),
    match: fc.constantFrom('', '', '', 'QUEUE', 'QUEUE_5', 'OPPONENT', 'OPPONENT_10'),
  }),
  fc.record({ kind: fc.constant('cancel' as const), who, pick: fc.nat() }),
  fc.record({ kind: fc.constant('step' as const), n: fc.integer({ min: 1, max: 3 }) }),
);

const PLACE_REFUSALS = new Set([-2019, -5022, -4164]);
const MODIFY_REFUSALS = new Set([-2013, -2019, -5027, -5029, -5037]);

function run(ops: readonly Op[]): void {
  let t = 1_700_000_000_000;
  const market = new SimulatedMarket({ symbols: [cfg], seed: 'modify-property', now: () => t });
  let emitted = 0;
  const engine = new FuturesEngine(
    market,
    () => t,
    () => emitted++,
    { USDT: '600' },
  );
  const best = () => {
    const snap = market.snapshot(cfg.symbol, 1);
    return { bid: snap.bids[0]?.[0], ask: snap.asks[0]?.[0] };
  };
  // `away` ticks behind the far touch: ≤ 0 crosses (a BUY at or above the best ask).
  const priceFor = (side: 'BUY' | 'SELL', away: number) => {
    const { bid, ask } = best();
    const ref = side === 'BUY' ? (ask ?? cfg.initialPriceUnits) : (bid ?? cfg.initialPriceUnits);
    const p = side === 'BUY' ? ref - away * cfg.tickUnits : ref + away * cfg.tickUnits;
    return Math.max(cfg.tickUnits, p);
  };
  const params = (o: Record<string, string | number | undefined>) =>
    RequestParams.fromObject({ symbol: cfg.symbol, ...o });

  for (const o of ops) {
    t += 10;
    const account = o.kind === 'step' ? '' : ACCOUNTS[o.who];
    if (o.kind === 'step') {
      market.step(o.n);
    } else if (o.kind === 'place') {
      try {
        const req = readOrderRequest(
          params({
            side: o.side,
            type: 'LIMIT',
            timeInForce: o.tif,
            price: formatPrice(cfg, priceFor(o.side, o.away)),
            quantity: formatQty(cfg, o.units * cfg.stepUnits),
          }),
          cfg,
        );
        expectUncrossed(engine.place(account, req).order);
      } catch (error) {
        expectRefusal(error, PLACE_REFUSALS);
      }
    } else if (o.kind === 'cancel') {
      const open = engine.orders.openOf(account);
      if (open.length > 0) engine.cancel(account, cfg, open[o.pick % open.length]!.orderId);
    } else {
      const all = engine.orders.allOf(account, cfg.symbol);
      if (all.length === 0) continue;
      const target = all[o.pick % all.length]!;
      const before = snapshot(target);
      const reservedBefore = target.reserved;
      const emittedBefore = emitted;
      try {
        const req = readModifyRequest(
          params({
            orderId: target.orderId,
            side: target.side,
            quantity: formatQty(cfg, o.units * cfg.stepUnits),
            price: o.match === '' ? formatPrice(cfg, priceFor(target.side, o.away)) : undefined,
            priceMatch: o.match === '' ? undefined : o.match,
          }),
          cfg,
        );
        const { order, fills } = engine.modify(account, req);
        expectUncrossed(order);
        if (fills.length === 0 && order.reserved > reservedBefore)
          expect(engine.available(account, 'USDT')).toBeGreaterThanOrEqual(0n);
      } catch (error) {
        expectRefusal(error, MODIFY_REFUSALS);
        expect(snapshot(target)).toEqual(before);
        expect(emitted).toBe(emittedBefore);
      }
    }
    for (const a of ACCOUNTS) expectConsistent(engine, a);
  }

  function expectUncrossed(order: SimOrder): void {
    if (!isOpen(order)) return;
    const { bid, ask } = best();
    if (order.side === 'BUY' && ask !== undefined) expect(order.price).toBeLessThan(ask);
    if (order.side === 'SELL' && bid !== undefined) expect(order.price).toBeGreaterThan(bid);
  }
}

function snapshot(o: SimOrder) {
  return {
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    reserved: o.reserved,
    status: o.status,
    modifyCount: o.modifyCount,
    fills: o.fills.length,
  };
}

function expectRefusal(error: unknown, allowed: ReadonlySet<number>): void {
  if (!(error instanceof BinanceApiError)) throw error;
  expect(allowed.has(error.code), `unexpected refusal ${error.code} ${error.message}`).toBe(true);
}

function expectConsistent(engine: FuturesEngine, account: string): void {
  const open = engine.orders.openOf(account, cfg.symbol);
  let reservedSum = 0n;
  let position = 0;
  let wallet = START;
  for (const o of engine.orders.allOf(account, cfg.symbol)) {
    const filled = o.fills.reduce((sum, f) => sum + f.qty, 0);
    expect(filled).toBe(o.executedQty);
    expect(o.executedQty).toBeLessThanOrEqual(o.origQty);
    expect(o.reserved).toBeGreaterThanOrEqual(0n);
    if (isOpen(o)) {
      expect(open).toContain(o);
      expect(o.executedQty).toBeLessThan(o.origQty);
      const cap = notional(o.price, cfg.priceDecimals, o.origQty - o.executedQty, cfg.qtyDecimals) / LEVERAGE;
      expect(o.reserved).toBeLessThanOrEqual(cap);
      reservedSum += o.reserved;
    } else {
      expect(o.reserved).toBe(0n);
      expect(open).not.toContain(o);
    }
    for (const f of o.fills) {
      position += o.side === 'BUY' ? f.qty : -f.qty;
      wallet += f.realizedPnl - f.commission;
    }
  }
  expect(engine.openOrderMargin(account)).toBe(reservedSum);
  const acct = engine.accounts.get(account);
  expect(acct.position(cfg.symbol).amt).toBe(position);
  expect(acct.balance('USDT')).toBe(wallet);
}

describe('FuturesEngine place / modify / cancel (property)', () => {
  it('keeps margin, positions, wallets and the resting orders consistent', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => run(ops)),
      { numRuns: 300 },
    );
  });
});
