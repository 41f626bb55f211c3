// Spot balances per account (one account per API key): free and locked amounts per asset as
// bigints at 8 decimals, with the set of assets changed since the last account-position event.
import { AMOUNT_DECIMALS, parseScaledBig } from '../decimal.js';

/** Balances a new Spot account starts with, unless the simulator is told otherwise. */
export const DEFAULT_SPOT_BALANCES: Readonly<Record<string, string>> = {
  USDT: '100000',
  BTC: '10',
  ETH: '100',
  BNB: '1000',
};

/** One asset's balance. */
export interface AssetBalance {
  free: bigint;
  locked: bigint;
}

/** The balances of one Spot account. */
export class SpotBalances {
  readonly assets = new Map<string, AssetBalance>();
  updateTime = 0;
  readonly #changed = new Set<string>();

  /** The balance of `asset` (created at zero). */
  of(asset: string): AssetBalance {
    let b = this.assets.get(asset);
    if (b === undefined) {
      b = { free: 0n, locked: 0n };
      this.assets.set(asset, b);
    }
    return b;
  }

  /** Adds `delta` (may be negative) to the free amount. */
  addFree(asset: string, delta: bigint, time: number): void {
    this.of(asset).free += delta;
    this.#touch(asset, time);
  }

  /** Moves `amount` from free to locked. */
  lock(asset: string, amount: bigint, time: number): void {
    const b = this.of(asset);
    b.free -= amount;
    b.locked += amount;
    this.#touch(asset, time);
  }

  /** Moves `amount` from locked to free. */
  unlock(asset: string, amount: bigint, time: number): void {
    const b = this.of(asset);
    b.locked -= amount;
    b.free += amount;
    this.#touch(asset, time);
  }

  /** Removes `amount` from locked (spent by a fill). */
  spendLocked(asset: string, amount: bigint, time: number): void {
    this.of(asset).locked -= amount;
    this.#touch(asset, time);
  }

  /** The assets changed since the last call, and forgets them. */
  takeChanged(): string[] {
    const out = [...this.#changed];
    this.#changed.clear();
    return out;
  }

  #touch(asset: string, time: number): void {
    this.#changed.add(asset);
    this.updateTime = time;
  }
}

/** Spot accounts by API key, created on first use with the starting balances. */
export class SpotAccounts {
  readonly #start: Map<string, bigint>;
  readonly #accounts = new Map<string, SpotBalances>();

  /** `start`: asset → amount every new account gets. */
  constructor(start: Readonly<Record<string, string>> = DEFAULT_SPOT_BALANCES) {
    this.#start = parseBalances(start);
  }

  /** The account of `apiKey`. */
  get(apiKey: string): SpotBalances {
    let a = this.#accounts.get(apiKey);
    if (a === undefined) {
      a = new SpotBalances();
      for (const [asset, amount] of this.#start) a.of(asset).free = amount;
      a.takeChanged();
      this.#accounts.set(apiKey, a);
    }
    return a;
  }
}

/** Parses `{ asset: "decimal" }` into bigint amounts; throws a TypeError naming a bad entry. */
export function parseBalances(input: Readonly<Record<string, string>>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [asset, text] of Object.entries(input)) {
    const v = parseScaledBig(String(text), AMOUNT_DECIMALS);
    if (v === undefined)
      throw new TypeError(`balances.${asset}: '${text}' is not a decimal with at most 8 decimals`);
    out.set(asset, v);
  }
  return out;
}
