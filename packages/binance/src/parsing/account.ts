// Account state into models: Spot balances (free + locked), USD-M balances (wallet balance, of
// which `availableBalance` is free) and USD-M positions from positionRisk (signed amounts become
// a side and a size; flat entries are left out).
import type { Balance, Position } from '@venuekit/base';
import type { FuturesBalanceWire, PositionRiskWire, SpotAccountWire } from '../rest/wire-types.js';
import { decimalField, integerField, positiveOrUndefined } from './decimal-fields.js';
import type { SymbolNames } from './market.js';

/** Options of the balance parsers. */
export interface BalanceOptions {
  /** Keep assets whose total is zero (default false). */
  includeZero?: boolean;
}

/** Spot balances of `GET /api/v3/account`. */
export function parseSpotBalances(account: SpotAccountWire, options: BalanceOptions = {}): Balance[] {
  const out: Balance[] = [];
  for (const [i, b] of (account.balances ?? []).entries()) {
    const free = decimalField(b.free, `balances[${i}].free`);
    const locked = decimalField(b.locked, `balances[${i}].locked`);
    const total = free + locked;
    if (total === 0 && options.includeZero !== true) continue;
    out.push({ venue: 'binance', asset: b.asset, free, locked, total });
  }
  return out;
}

/**
 * USD-M balances of `GET /fapi/v3/balance`: `total` is the wallet balance, `free` what is
 * available for new orders (never more than the total), `locked` the rest (margin in use).
 */
export function parseFuturesBalances(
  balances: readonly FuturesBalanceWire[],
  options: BalanceOptions = {},
): Balance[] {
  const out: Balance[] = [];
  for (const [i, b] of balances.entries()) {
    const total = Math.max(0, decimalField(b.balance, `balance[${i}].balance`));
    const available = decimalField(b.availableBalance, `balance[${i}].availableBalance`);
    const free = Math.min(total, Math.max(0, available));
    if (total === 0 && options.includeZero !== true) continue;
    out.push({ venue: 'binance', asset: b.asset, free, locked: total - free, total });
  }
  return out;
}

/**
 * A USD-M position from positionRisk (v2 or v3), or `undefined` when it is flat. In hedge mode
 * `positionSide` (LONG/SHORT) gives the side; in one-way mode the sign of `positionAmt` does.
 */
export function parsePosition(wire: PositionRiskWire, names: SymbolNames): Position | undefined {
  const amount = decimalField(wire.positionAmt, 'position.positionAmt');
  if (amount === 0) return undefined;
  const side =
    wire.positionSide === 'LONG'
      ? 'long'
      : wire.positionSide === 'SHORT'
        ? 'short'
        : amount > 0
          ? 'long'
          : 'short';
  const marginType = wire.marginType?.toLowerCase();
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    side,
    size: Math.abs(amount),
    entryPrice: Math.max(0, decimalField(wire.entryPrice, 'position.entryPrice')),
    markPrice: positiveOrUndefined(wire.markPrice, 'position.markPrice'),
    liquidationPrice: positiveOrUndefined(wire.liquidationPrice, 'position.liquidationPrice'),
    unrealizedPnl: decimalField(wire.unRealizedProfit, 'position.unRealizedProfit'),
    leverage: positiveOrUndefined(wire.leverage, 'position.leverage'),
    marginMode:
      marginType === 'isolated'
        ? 'isolated'
        : marginType === 'cross' || marginType === 'crossed'
          ? 'cross'
          : undefined,
    updatedAt: integerField(wire.updateTime, 'position.updateTime'),
  };
}

/**
 * Open positions of positionRisk. `namesOf` resolves a Binance symbol to its names (a
 * SymbolMapper's `find`); a symbol it does not know keeps Binance's name in both fields rather
 * than hiding an open position.
 */
export function parsePositions(
  wires: readonly PositionRiskWire[],
  namesOf: (symbol: string) => SymbolNames | undefined,
): Position[] {
  const out: Position[] = [];
  for (const wire of wires) {
    const names = namesOf(wire.symbol) ?? { symbol: wire.symbol, unifiedSymbol: wire.symbol };
    const position = parsePosition(wire, names);
    if (position !== undefined) out.push(position);
  }
  return out;
}
