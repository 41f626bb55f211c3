// USDⓈ-M futures accounts (one per API key): wallet balances per margin asset, one-way (BOTH)
// positions per symbol with their cost basis, leverage per symbol, and the margin arithmetic
// (unrealized PnL at the mark price, initial margin, available balance), cross margin only.
import { notional } from '../decimal.js';
import { parseBalances } from './spot-accounts.js';

/** Wallet a new futures account starts with, unless the simulator is told otherwise. */
export const DEFAULT_FUTURES_BALANCES: Readonly<Record<string, string>> = { USDT: '100000', USDC: '0' };

/** Leverage of a symbol until the account changes it. */
export const DEFAULT_LEVERAGE = 20;

/** One one-way position. */
export interface FuturesPosition {
  readonly symbol: string;
  /** Signed quantity units: long > 0, short < 0. */
  amt: number;
  /** Entry notional of |amt| at 8 decimals (entry price = cost / |amt|). */
  cost: bigint;
  /** Realized PnL accumulated on this symbol. */
  realized: bigint;
  updateTime: number;
}

/** The state of one futures account. */
export class FuturesAccount {
  readonly wallet = new Map<string, bigint>();
  readonly positions = new Map<string, FuturesPosition>();
  readonly leverage = new Map<string, number>();
  updateTime = 0;

  /** Wallet balance of `asset`. */
  balance(asset: string): bigint {
    return this.wallet.get(asset) ?? 0n;
  }

  /** Adds `delta` to the wallet balance of `asset`. */
  addBalance(asset: string, delta: bigint, time: number): void {
    this.wallet.set(asset, this.balance(asset) + delta);
    this.updateTime = time;
  }

  /** The position on `symbol` (created flat). */
  position(symbol: string): FuturesPosition {
    let p = this.positions.get(symbol);
    if (p === undefined) {
      p = { symbol, amt: 0, cost: 0n, realized: 0n, updateTime: 0 };
      this.positions.set(symbol, p);
    }
    return p;
  }

  /** Leverage of `symbol`. */
  leverageOf(symbol: string): number {
    return this.leverage.get(symbol) ?? DEFAULT_LEVERAGE;
  }
}

/** Unrealized PnL of `p` at `markUnits` (8 decimals). */
export function unrealizedPnl(
  p: FuturesPosition,
  markUnits: number,
  priceDecimals: number,
  qtyDecimals: number,
): bigint {
  if (p.amt === 0) return 0n;
  const value = notional(markUnits, priceDecimals, Math.abs(p.amt), qtyDecimals);
  return p.amt > 0 ? value - p.cost : p.cost - value;
}

/** Entry price of `p` as a decimal string (`"0.0"` when flat). */
export function entryPrice(p: FuturesPosition, qtyDecimals: number): string {
  if (p.amt === 0) return '0.0';
  const price = Number(p.cost) / 1e8 / (Math.abs(p.amt) / 10 ** qtyDecimals);
  return trimDecimal(price.toFixed(8));
}

/** `"60000.10000000"` → `"60000.1"`, keeping at least one decimal. */
export function trimDecimal(text: string): string {
  if (!text.includes('.')) return `${text}.0`;
  const t = text.replace(/0+$/, '');
  return t.endsWith('.') ? `${t}0` : t;
}

/** Futures accounts by API key. */
export class FuturesAccounts {
  readonly #start: Map<string, bigint>;
  readonly #accounts = new Map<string, FuturesAccount>();

  /** `start`: asset → wallet balance every new account gets. */
  constructor(start: Readonly<Record<string, string>> = DEFAULT_FUTURES_BALANCES) {
    this.#start = parseBalances(start);
  }

  /** The account of `apiKey`. */
  get(apiKey: string): FuturesAccount {
    let a = this.#accounts.get(apiKey);
    if (a === undefined) {
      a = new FuturesAccount();
      for (const [asset, amount] of this.#start) a.wallet.set(asset, amount);
      this.#accounts.set(apiKey, a);
    }
    return a;
  }
}
