// Account state from Bybit: balances of the unified wallet and linear positions. The balance
// parser is the one both REST (`/v5/account/wallet-balance`) and the private `wallet` topic use
// (the stream item is the same object as a REST list item, bybit.md §7). A coin's `total` is its
// walletBalance; `locked` is what spot orders hold (`locked`) plus the initial margin of open
// derivatives orders (`totalOrderIM`), capped at the total; `free` is the rest (never below 0).
import { type Balance, type Position, ValidationError } from '@venuekit/base';
import type { PositionWire, WalletWire } from '../rest/wire-types.js';
import { decimalField, decimalOrZero, positiveOrUndefined, timeField } from './decimal-fields.js';
import type { SymbolNames } from './market.js';

/**
 * Balances of every coin of the wallets in a `wallet-balance` result or `wallet` push (coins
 * with nothing are kept). ValidationError names a wallet without a coin list or a coin without a name.
 */
export function parseWalletBalances(list: readonly WalletWire[]): Balance[] {
  const out: Balance[] = [];
  for (const wallet of list) {
    const coins: unknown = wallet.coin;
    if (!Array.isArray(coins))
      throw new ValidationError(`Bybit wallet: coin is not a list (got ${JSON.stringify(coins)})`, {
        venue: 'bybit',
        details: { field: 'coin' },
      });
    for (const c of coins as WalletWire['coin']) {
      const asset: unknown = c.coin;
      if (typeof asset !== 'string' || asset === '')
        throw new ValidationError(`Bybit wallet: coin name is missing (got ${JSON.stringify(asset)})`, {
          venue: 'bybit',
          details: { field: 'coin' },
        });
      const total = Math.max(0, decimalOrZero(c.walletBalance, `${asset}.walletBalance`));
      const held =
        Math.max(0, decimalOrZero(c.locked, `${asset}.locked`)) +
        Math.max(0, decimalOrZero(c.totalOrderIM, `${asset}.totalOrderIM`));
      const locked = Math.min(total, held);
      out.push({ venue: 'bybit', asset, free: Math.max(0, total - locked), locked, total });
    }
  }
  return out;
}

/** A Position from one item of `/v5/position/list`; `undefined` for an empty slot (size 0). */
export function parsePosition(item: PositionWire, names: SymbolNames, now: number): Position | undefined {
  const s = names.symbol;
  const size = decimalOrZero(item.size, `${s}.size`);
  if (size === 0 || item.side === '') return undefined;
  const position: Position = {
    venue: 'bybit',
    symbol: s,
    unifiedSymbol: names.unifiedSymbol,
    side: item.side === 'Sell' ? 'short' : 'long',
    size,
    entryPrice:
      positiveOrUndefined(item.avgPrice, `${s}.avgPrice`) ??
      decimalOrZero(item.entryPrice, `${s}.entryPrice`),
    unrealizedPnl: decimalOrZero(item.unrealisedPnl, `${s}.unrealisedPnl`),
    updatedAt:
      item.updatedTime !== undefined && item.updatedTime !== ''
        ? timeField(item.updatedTime, `${s}.updatedTime`)
        : now,
  };
  const mark = positiveOrUndefined(item.markPrice, `${s}.markPrice`);
  if (mark !== undefined) position.markPrice = mark;
  const liq = positiveOrUndefined(item.liqPrice, `${s}.liqPrice`);
  if (liq !== undefined) position.liquidationPrice = liq;
  if (item.cumRealisedPnl !== undefined && item.cumRealisedPnl !== '')
    position.realizedPnl = decimalField(item.cumRealisedPnl, `${s}.cumRealisedPnl`);
  const leverage = positiveOrUndefined(item.leverage, `${s}.leverage`);
  if (leverage !== undefined) position.leverage = leverage;
  if (item.tradeMode !== undefined) position.marginMode = item.tradeMode === 1 ? 'isolated' : 'cross';
  return position;
}
