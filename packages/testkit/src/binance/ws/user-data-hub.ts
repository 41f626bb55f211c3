// Delivers user-data events: Spot events to WS API user-data subscriptions (`{subscriptionId,
// event}`), USDⓈ-M events to listenKey stream connections. Also owns the USDⓈ-M listenKeys
// (60-minute validity, extended by keepalive; expiry sends `listenKeyExpired` and ends the stream).
import { createHash } from 'node:crypto';
import type { SimWsConnection } from '../../sim/types.js';
import { BinanceErrors } from '../errors.js';

/** How long a listenKey lives without keepalive (60 minutes). */
export const LISTEN_KEY_VALIDITY_MS = 60 * 60_000;

/** A Spot WS API user-data subscription. */
export interface SpotSubscription {
  readonly subscriptionId: number;
  send(frame: Record<string, unknown>): void;
}

interface ListenKeyState {
  readonly key: string;
  readonly account: string;
  expiresAt: number;
  readonly conns: Map<SimWsConnection, boolean>;
}

/** User-data fan-out for both markets. */
export class UserDataHub {
  readonly #spot = new Map<string, Set<SpotSubscription>>();
  readonly #keys = new Map<string, ListenKeyState>();
  readonly #byAccount = new Map<string, ListenKeyState>();
  readonly #seed: string;
  readonly #now: () => number;
  #keyCounter = 0;
  /** Called with every new listenKey (to serve `/ws/<listenKey>`). */
  onListenKey: (key: string) => void = () => {};

  /** Creates the hub; `seed` makes listenKeys reproducible. */
  constructor(seed: string, now: () => number) {
    this.#seed = seed;
    this.#now = now;
  }

  /** Adds a Spot subscription for `account`; returns a function that removes it. */
  addSpotSubscriber(account: string, sub: SpotSubscription): () => void {
    let set = this.#spot.get(account);
    if (set === undefined) {
      set = new Set();
      this.#spot.set(account, set);
    }
    set.add(sub);
    return () => set.delete(sub);
  }

  /** Sends a Spot event to every subscription of `account`. */
  emitSpot(account: string, event: Record<string, unknown>): void {
    const set = this.#spot.get(account);
    if (set === undefined) return;
    for (const sub of set) sub.send({ subscriptionId: sub.subscriptionId, event });
  }

  /** POST /fapi/v1/listenKey: the account's active key (extended) or a new one. */
  createListenKey(account: string): string {
    const now = this.#now();
    const existing = this.#byAccount.get(account);
    if (existing !== undefined && existing.expiresAt > now) {
      existing.expiresAt = now + LISTEN_KEY_VALIDITY_MS;
      return existing.key;
    }
    const key = createHash('sha256')
      .update(`${this.#seed}:listenKey:${++this.#keyCounter}:${account}`)
      .digest('hex');
    const state: ListenKeyState = { key, account, expiresAt: now + LISTEN_KEY_VALIDITY_MS, conns: new Map() };
    this.#keys.set(key, state);
    this.#byAccount.set(account, state);
    this.onListenKey(key);
    return key;
  }

  /** PUT /fapi/v1/listenKey: extends the account's key by 60 minutes; -1125 when it has none alive. */
  keepAlive(account: string): string {
    const now = this.#now();
    const state = this.#byAccount.get(account);
    if (state === undefined || state.expiresAt <= now) throw BinanceErrors.badListenKey();
    state.expiresAt = now + LISTEN_KEY_VALIDITY_MS;
    return state.key;
  }

  /** DELETE /fapi/v1/listenKey: closes the account's key and its connections. */
  closeListenKey(account: string): void {
    const state = this.#byAccount.get(account);
    if (state === undefined) return;
    this.#byAccount.delete(account);
    this.#keys.delete(state.key);
    for (const conn of state.conns.keys()) conn.close(1000, 'listenKey closed');
  }

  /** True if `key` is a live listenKey. */
  isListenKey(key: string): boolean {
    const s = this.#keys.get(key);
    return s !== undefined && s.expiresAt > this.#now();
  }

  /** Attaches a stream connection to `key` (combined: wrap events as `{stream,data}`). */
  attach(conn: SimWsConnection, key: string, combined: boolean): void {
    const state = this.#keys.get(key);
    if (state === undefined || state.expiresAt <= this.#now()) {
      conn.send({ e: 'listenKeyExpired', E: this.#now(), listenKey: key });
      conn.close(1008, 'invalid listenKey');
      return;
    }
    state.conns.set(conn, combined);
    conn.onClose(() => state.conns.delete(conn));
  }

  /** Sends a USDⓈ-M event to the account's listenKey connections (expiring the key if due). */
  emitFutures(account: string, event: Record<string, unknown>): void {
    const state = this.#byAccount.get(account);
    if (state === undefined || state.conns.size === 0) return;
    if (this.#expireIfDue(state)) return;
    for (const [conn, combined] of state.conns)
      conn.send(combined ? { stream: state.key, data: event } : event);
  }

  /** Expires every listenKey past its validity (sends `listenKeyExpired`). */
  expireDue(): void {
    for (const state of [...this.#keys.values()]) this.#expireIfDue(state);
  }

  /** Closes every listenKey connection (the 24-hour disconnect); returns how many. */
  disconnectAll(code: number, reason: string): number {
    let n = 0;
    for (const state of this.#keys.values()) {
      for (const conn of state.conns.keys()) {
        conn.close(code, reason);
        n++;
      }
    }
    return n;
  }

  #expireIfDue(state: ListenKeyState): boolean {
    const now = this.#now();
    if (state.expiresAt > now) return false;
    for (const [conn, combined] of state.conns) {
      const ev = { e: 'listenKeyExpired', E: now, listenKey: state.key };
      conn.send(combined ? { stream: state.key, data: ev } : ev);
      conn.close(1000, 'listenKey expired');
    }
    state.conns.clear();
    this.#keys.delete(state.key);
    if (this.#byAccount.get(state.account) === state) this.#byAccount.delete(state.account);
    return true;
  }
}
