// Account events into models. Spot: outboundAccountPosition gives the changed assets' free and
// locked amounts (authoritative); balanceUpdate gives a deposit/withdrawal/transfer delta, applied
// to the last known balance when there is one. USD-M: ACCOUNT_UPDATE gives wallet balances —
// `total` is the wallet balance, `free` the cross-wallet balance (the event carries no "available
// for orders"; getBalances has it) — and positions, flat ones included with `size: 0` so a
// consumer sees a position close.
import type { Balance, Position } from '@venuekit/base';
import { decimalField, integerField } from '../parsing/decimal-fields.js';
import type { SymbolNames } from '../parsing/market.js';
import type { AccountPositionWire, AccountUpdateWire, BalanceUpdateWire } from './event-wire.js';

/** A change of one asset by `delta` (Spot balanceUpdate). */
export interface BalanceDelta {
  readonly venue: 'binance';
  readonly asset: string;
  readonly delta: number;
  /** ms since the epoch (clear time). */
  readonly timestamp: number;
}

/** Spot `outboundAccountPosition` as the changed balances. */
export function parseAccountPosition(wire: AccountPositionWire): Balance[] {
  const out: Balance[] = [];
  for (const [i, b] of (wire.B ?? []).entries()) {
    const free = decimalField(b.f, `outboundAccountPosition.B[${i}].f`);
    const locked = decimalField(b.l, `outboundAccountPosition.B[${i}].l`);
    out.push({ venue: 'binance', asset: b.a, free, locked, total: free + locked });
  }
  return out;
}

/** Spot `balanceUpdate` as a delta. */
export function parseBalanceUpdate(wire: BalanceUpdateWire): BalanceDelta {
  return {
    venue: 'binance',
    asset: wire.a,
    delta: decimalField(wire.d, 'balanceUpdate.d'),
    timestamp: integerField(wire.T ?? wire.E, 'balanceUpdate.T'),
  };
}

/** `previous` after `delta` (free absorbs the change; never below zero). */
export function applyBalanceDelta(previous: Balance, delta: BalanceDelta): Balance {
  const free = Math.max(0, previous.free + delta.delta);
  return {
    venue: 'binance',
    asset: previous.asset,
    free,
    locked: previous.locked,
    total: free + previous.locked,
  };
}

/** USD-M `ACCOUNT_UPDATE` balances: total = wallet balance, free = cross-wallet balance (≤ total). */
export function parseFuturesAccountBalances(wire: AccountUpdateWire): Balance[] {
  const out: Balance[] = [];
  for (const [i, b] of (wire.a?.B ?? []).entries()) {
    const total = Math.max(0, decimalField(b.wb, `ACCOUNT_UPDATE.a.B[${i}].wb`));
    const cross = decimalField(b.cw ?? b.wb, `ACCOUNT_UPDATE.a.B[${i}].cw`);
    const free = Math.min(total, Math.max(0, cross));
    out.push({ venue: 'binance', asset: b.a, free, locked: total - free, total });
  }
  return out;
}

/**
 * USD-M `ACCOUNT_UPDATE` positions. Hedge mode's LONG/SHORT `ps` gives the side, one-way mode
 * the sign of `pa`; a flat position has `size: 0`.
 */
export function parseFuturesAccountPositions(
  wire: AccountUpdateWire,
  namesOf: (symbol: string) => SymbolNames,
): Position[] {
  const out: Position[] = [];
  const updatedAt = integerField(wire.T ?? wire.E, 'ACCOUNT_UPDATE.T');
  for (const [i, p] of (wire.a?.P ?? []).entries()) {
    const amount = decimalField(p.pa, `ACCOUNT_UPDATE.a.P[${i}].pa`);
    const names = namesOf(p.s);
    const side = p.ps === 'LONG' ? 'long' : p.ps === 'SHORT' ? 'short' : amount < 0 ? 'short' : 'long';
    const marginType = p.mt?.toLowerCase();
    out.push({
      venue: 'binance',
      symbol: names.symbol,
      unifiedSymbol: names.unifiedSymbol,
      side,
      size: Math.abs(amount),
      entryPrice: Math.max(0, decimalField(p.ep, `ACCOUNT_UPDATE.a.P[${i}].ep`)),
      unrealizedPnl: decimalField(p.up, `ACCOUNT_UPDATE.a.P[${i}].up`),
      realizedPnl: p.cr === undefined ? undefined : decimalField(p.cr, `ACCOUNT_UPDATE.a.P[${i}].cr`),
      marginMode: marginType === 'isolated' ? 'isolated' : marginType === 'cross' ? 'cross' : undefined,
      updatedAt,
    });
  }
  return out;
}
