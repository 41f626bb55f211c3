// Hedge mode on USD-M: the `positionMode` option of the Binance feeds, with the name and meaning
// of Bybit's. In one-way mode (Binance's default, `dualSidePosition=false`) an order acts on the
// symbol's one net position and carries no positionSide. In hedge mode (`dualSidePosition=true`)
// Binance keeps a long and a short position per symbol and every order must name one with
// `positionSide` LONG or SHORT; `reduceOnly` is not accepted there — closing is the side that
// reduces that position (SELL + LONG closes a long, BUY + SHORT closes a short).
import { ConfigError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceOrderParams } from '../rest/rest-client-options.js';

/** A USD-M account's position mode: one net position per symbol, or a long and a short one. */
export type BinancePositionMode = 'one-way' | 'hedge';

/**
 * The positionSide of a hedge-mode order: the position it affects — LONG for a buy that opens or
 * a sell that reduces, SHORT for a sell that opens or a buy that reduces (Bybit's positionIdx
 * 1 / 2 for the same order).
 */
export function positionSideOf(side: 'buy' | 'sell', reduceOnly: boolean): 'LONG' | 'SHORT' {
  return (side === 'buy') !== reduceOnly ? 'LONG' : 'SHORT';
}

/**
 * Puts the position mode on built order parameters: nothing changes in one-way mode; in hedge
 * mode `positionSide` is set from the side and `reduceOnly` of the user's order, and the
 * `reduceOnly` parameter (which Binance refuses in hedge mode) is removed.
 */
export function applyPositionMode(
  params: BinanceOrderParams,
  mode: BinancePositionMode,
  side: 'buy' | 'sell',
  reduceOnly: boolean,
): BinanceOrderParams {
  if (mode === 'one-way') return params;
  params.positionSide = positionSideOf(side, reduceOnly);
  delete params.reduceOnly;
  return params;
}

/**
 * The `positionMode` option checked: `'one-way'` (default) or `'hedge'`, and `'hedge'` only on
 * USD-M (Spot has no positions). ConfigError naming the field otherwise.
 */
export function resolvePositionMode(market: BinanceMarket, value: unknown): BinancePositionMode {
  if (value === undefined) return 'one-way';
  if (value !== 'one-way' && value !== 'hedge')
    throw new ConfigError(
      `options.positionMode of the Binance feed: expected 'one-way' or 'hedge', got ${JSON.stringify(value)}`,
      { venue: 'binance', details: { field: 'positionMode' } },
    );
  if (value === 'hedge' && market !== 'usdm')
    throw new ConfigError(
      "options.positionMode of the Binance feed: 'hedge' is a USD-M account mode; a Spot feed has no positions",
      { venue: 'binance', details: { field: 'positionMode' } },
    );
  return value;
}
