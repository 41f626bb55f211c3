// The session methods of the Binance WebSocket APIs: session.logon / status / logout (Ed25519
// keys only, as Binance documents for Spot and USDⓈ-M) and, on Spot, the user-data subscriptions
// (userDataStream.subscribe, .subscribe.signature, .unsubscribe, session.subscriptions).
import type { SimWsConnection } from '../../sim/types.js';
import type { RegisteredApiKey } from '../auth/api-keys.js';
import { BinanceApiError } from '../errors.js';
import type { UserDataHub } from './user-data-hub.js';

/** State of one WS API connection. */
export class WsApiSession {
  readonly conn: SimWsConnection;
  readonly connectedSince: number;
  /** From the URL (`?returnRateLimits=false` hides them by default). */
  readonly returnRateLimits: boolean;
  /** Spot: user data is subscribed on the connection (and session results say whether). */
  readonly userDataSubscriptions: boolean;
  /** The key authenticated with session.logon. */
  key: RegisteredApiKey | undefined;
  authorizedSince: number | undefined;
  readonly #subscriptions = new Map<number, { account: string; remove: () => void }>();
  #nextSubscriptionId = 0;

  /** Creates the session of `conn`. */
  constructor(
    conn: SimWsConnection,
    connectedSince: number,
    returnRateLimits: boolean,
    userDataSubscriptions = true,
  ) {
    this.conn = conn;
    this.connectedSince = connectedSince;
    this.returnRateLimits = returnRateLimits;
    this.userDataSubscriptions = userDataSubscriptions;
    conn.onClose(() => this.unsubscribeAll());
  }

  /** session.logon / status / logout result. */
  status(now: number): Record<string, unknown> {
    const out: Record<string, unknown> = {
      apiKey: this.key?.apiKey ?? null,
      authorizedSince: this.key === undefined ? null : this.authorizedSince,
      connectedSince: this.connectedSince,
      returnRateLimits: this.returnRateLimits,
      serverTime: now,
    };
    if (this.userDataSubscriptions) out.userDataStream = this.#subscriptions.size > 0;
    return out;
  }

  /** session.logon with an already verified request: Ed25519 keys only. */
  logon(key: RegisteredApiKey, now: number): Record<string, unknown> {
    if (key.kind !== 'ED25519') {
      throw new BinanceApiError(
        -4056,
        `${key.kind === 'HMAC' ? 'HMAC_SHA256' : 'RSA'} API key is not supported.`,
      );
    }
    this.key = key;
    this.authorizedSince = now;
    return this.status(now);
  }

  /** session.logout. */
  logout(now: number): Record<string, unknown> {
    this.key = undefined;
    this.authorizedSince = undefined;
    return this.status(now);
  }

  /** Subscribes `account`'s user data on this connection; -2035 if already subscribed. */
  subscribe(hub: UserDataHub, account: string): { subscriptionId: number } {
    for (const sub of this.#subscriptions.values()) {
      if (sub.account === account)
        throw new BinanceApiError(-2035, 'User Data Stream subscription already active.');
    }
    if (this.#subscriptions.size >= 1000)
      throw new BinanceApiError(-2042, 'Maximum subscription ID reached for this connection.');
    const subscriptionId = this.#nextSubscriptionId++;
    const remove = hub.addSpotSubscriber(account, { subscriptionId, send: (frame) => this.conn.send(frame) });
    this.#subscriptions.set(subscriptionId, { account, remove });
    return { subscriptionId };
  }

  /** userDataStream.unsubscribe: one subscription (or all when id is undefined); -2036 if none. */
  unsubscribe(subscriptionId: number | undefined): Record<string, never> {
    if (subscriptionId === undefined) {
      if (this.#subscriptions.size === 0)
        throw new BinanceApiError(-2036, 'User Data Stream subscription not active.');
      this.unsubscribeAll();
      return {};
    }
    const sub = this.#subscriptions.get(subscriptionId);
    if (sub === undefined) throw new BinanceApiError(-2036, 'User Data Stream subscription not active.');
    sub.remove();
    this.#subscriptions.delete(subscriptionId);
    return {};
  }

  /** session.subscriptions result. */
  subscriptions(): Array<{ subscriptionId: number }> {
    return [...this.#subscriptions.keys()].map((subscriptionId) => ({ subscriptionId }));
  }

  /** Drops every subscription (connection closed). */
  unsubscribeAll(): void {
    for (const sub of this.#subscriptions.values()) sub.remove();
    this.#subscriptions.clear();
  }
}
