// Unified trading accounts of the Bybit simulator, one per UID: coin balances shared by spot and
// linear (wallet, locked by spot orders, realised PnL), linear one-way positions, and the coins
// changed since the last `wallet` push. Amounts are bigints at 8 decimals.
import { AMOUNT_DECIMALS, parseUnitsBig } from '../decimal.js';
import type { BybitSymbolConfig } from '../symbols.js';

/** Balances a new account starts with unless the simulator is told otherwise. */
export const DEFAULT_BYBIT_BALANCES: Readonly<Record<string, string>> = {
  USDT: '100000',
  USDC: '100000',
  BTC: '10',
  ETH: '100',
};

/** One coin of an account. */
export interface CoinBalance {
  wallet: bigint;
  /** Held by open spot orders. */
  locked: bigint;
  cumRealisedPnl: bigint;
}

/** A linear position in one-way mode (positionIdx 0). */
export interface LinearPosition {
  readonly cfg: BybitSymbolConfig;
  /** Signed size units: > 0 long, < 0 short. */
  size: number;
  /** Entry value: |size| × average price, in price×size units. */
  entryValue: bigint;
  leverage: number;
  curRealisedPnl: bigint;
  cumRealisedPnl: bigint;
  createdTime: number;
  updatedTime: number;
  seq: number;
}

/** Leverage of a new linear position. */
export const DEFAULT_LEVERAGE = 10;

/** The unified account of one UID. */
export class UnifiedAccount {
  readonly uid: number;
  readonly coins = new Map<string, CoinBalance>();
  readonly positions = new Map<string, LinearPosition>();
  /** Initial margin held by open linear orders, per settle coin. */
  readonly orderMargin = new Map<string, bigint>();
  readonly #changed = new Set<string>();
  #positionsChanged = new Set<string>();

  /** Creates an account holding `balances` (`{COIN: "amount"}`). */
  constructor(uid: number, balances: Readonly<Record<string, string>>) {
    this.uid = uid;
    for (const [coin, text] of Object.entries(balances)) {
      const amount = parseUnitsBig(text, AMOUNT_DECIMALS);
      if (amount === undefined)
        throw new TypeError(`balances.${coin}: '${text}' is not a non-negative decimal`);
      this.coins.set(coin, { wallet: amount, locked: 0n, cumRealisedPnl: 0n });
    }
  }

  /** The balance of `coin` (created at zero). */
  coin(coin: string): CoinBalance {
    let c = this.coins.get(coin);
    if (c === undefined) {
      c = { wallet: 0n, locked: 0n, cumRealisedPnl: 0n };
      this.coins.set(coin, c);
    }
    return c;
  }

  /** Adds `delta` (may be negative) to the wallet of `coin`. */
  addWallet(coin: string, delta: bigint): void {
    this.coin(coin).wallet += delta;
    this.#changed.add(coin);
  }

  /** Moves `delta` into (positive) or out of (negative) the spot-locked amount of `coin`. */
  addLocked(coin: string, delta: bigint): void {
    const c = this.coin(coin);
    c.locked += delta;
    if (c.locked < 0n) c.locked = 0n;
    this.#changed.add(coin);
  }

  /** Adds `delta` to the margin held by open linear orders in `coin`. */
  addOrderMargin(coin: string, delta: bigint): void {
    const next = (this.orderMargin.get(coin) ?? 0n) + delta;
    this.orderMargin.set(coin, next < 0n ? 0n : next);
    this.#changed.add(coin);
  }

  /** The position of a linear symbol (created flat). */
  position(cfg: BybitSymbolConfig, now: number): LinearPosition {
    let p = this.positions.get(cfg.symbol);
    if (p === undefined) {
      p = {
        cfg,
        size: 0,
        entryValue: 0n,
        leverage: DEFAULT_LEVERAGE,
        curRealisedPnl: 0n,
        cumRealisedPnl: 0n,
        createdTime: now,
        updatedTime: now,
        seq: 0,
      };
      this.positions.set(cfg.symbol, p);
    }
    return p;
  }

  /** Marks a position as changed for the next push. */
  touchPosition(symbol: string): void {
    this.#positionsChanged.add(symbol);
  }

  /** Coins changed since the last call. */
  takeChangedCoins(): string[] {
    const out = [...this.#changed];
    this.#changed.clear();
    return out;
  }

  /** Positions changed since the last call. */
  takeChangedPositions(): LinearPosition[] {
    const out = [...this.#positionsChanged].map((s) => this.positions.get(s)!).filter((p) => p !== undefined);
    this.#positionsChanged = new Set();
    return out;
  }
}

/** Accounts by UID, created on first use with the configured starting balances. */
export class AccountBook {
  readonly #accounts = new Map<number, UnifiedAccount>();
  readonly #balances: Readonly<Record<string, string>>;

  /** Creates the book; every new account starts with `balances`. */
  constructor(balances: Readonly<Record<string, string>> = DEFAULT_BYBIT_BALANCES) {
    this.#balances = balances;
    new UnifiedAccount(0, balances); // validates the balances up front
  }

  /** The account of `uid`. */
  get(uid: number): UnifiedAccount {
    let a = this.#accounts.get(uid);
    if (a === undefined) {
      a = new UnifiedAccount(uid, this.#balances);
      this.#accounts.set(uid, a);
    }
    return a;
  }
}
