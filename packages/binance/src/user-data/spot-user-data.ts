// Spot user data over the WebSocket API (the listenKey flow was retired for Spot on 2026-02-20;
// protocols/binance.md §7): `userDataStream.subscribe` on a logged-on session (Ed25519 keys), or
// `userDataStream.subscribe.signature` with any key type. Events arrive on the session's own
// connection as `{subscriptionId, event}`. After every reconnect the subscription is renewed as
// one of the session's open steps — before the session is back in service, so no order can be
// placed while its events would be lost — and consumers are told to reconcile (`resync`, then
// `restored` with the window since the connection dropped, in the session's server clock).
import { NetworkError } from '@venuekit/base';
import type { OpeningCall } from '../ws-api/ws-api-core.js';
import type { BinanceWsApi } from '../ws-api/ws-api-client.js';
import type { UserDataEventWire } from './event-wire.js';
import { UserDataStream, type UserDataStreamOptions } from './user-data-stream.js';

/** Options of {@link SpotUserDataStream}. */
export type SpotUserDataOptions = UserDataStreamOptions;

/** The account's Spot user data over a {@link BinanceWsApi} session. */
export class SpotUserDataStream extends UserDataStream implements AsyncDisposable {
  /** The session the events arrive on. */
  readonly session: BinanceWsApi;
  #subscriptionId: number | undefined;
  #removeStep: (() => void) | undefined;
  #started = false;
  #stopped = false;
  readonly #onUserData = (event: Record<string, unknown>, subscriptionId: number | undefined): void => {
    if (subscriptionId !== undefined && subscriptionId !== this.#subscriptionId) return;
    if (typeof event.e !== 'string') return;
    const name = this.handleEvent(event as UserDataEventWire);
    if (name === 'eventStreamTerminated') {
      this.markDown(this.session.clock.now());
      this.#resubscribe();
    }
  };
  readonly #onDisconnected = (): void => this.markDown(this.session.clock.now());

  constructor(session: BinanceWsApi, options: SpotUserDataOptions = {}) {
    super(options);
    this.session = session;
  }

  /** The current subscription's id, while subscribed. */
  get subscriptionId(): number | undefined {
    return this.#subscriptionId;
  }

  /**
   * Subscribes (the session must be started) and keeps the subscription across reconnects.
   * Idempotent. Start iterating `orders()` / `balanceUpdates()` before placing orders.
   */
  async start(): Promise<void> {
    if (this.#stopped) throw new NetworkError('this user-data stream is stopped', { venue: 'binance' });
    if (this.#started) return;
    this.#started = true;
    this.session.on('userData', this.#onUserData);
    this.session.on('disconnected', this.#onDisconnected);
    try {
      await this.#subscribe((method, params) => this.session.request(method, params));
    } catch (error) {
      this.session.off('userData', this.#onUserData);
      this.session.off('disconnected', this.#onDisconnected);
      this.#started = false;
      throw error;
    }
    this.#removeStep = this.session.addOpenStep(async (call) => {
      await this.#subscribe(call);
      this.announceResync('reconnected', this.session.clock.now());
    });
  }

  /** Unsubscribes (when the session is still in service) and ends every iterable. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#removeStep?.();
    this.session.off('userData', this.#onUserData);
    this.session.off('disconnected', this.#onDisconnected);
    const id = this.#subscriptionId;
    this.#subscriptionId = undefined;
    if (id !== undefined && this.session.operationalStatus === true) {
      try {
        await this.session.request('userDataStream.unsubscribe', { subscriptionId: id });
      } catch (error) {
        this.logger.debug('Binance userDataStream.unsubscribe failed while stopping', { error });
      }
    }
    this.endStreams();
  }

  /** `await using stream = new SpotUserDataStream(session)` stops it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #subscribe(call: OpeningCall): Promise<void> {
    const method = this.session.loggedOn ? 'userDataStream.subscribe' : 'userDataStream.subscribe.signature';
    const result = await call<{ subscriptionId?: unknown }>(method);
    this.#subscriptionId = typeof result?.subscriptionId === 'number' ? result.subscriptionId : undefined;
  }

  /** Binance ended the subscription (eventStreamTerminated): subscribe again on the same connection. */
  #resubscribe(): void {
    if (this.#stopped) return;
    this.#subscriptionId = undefined;
    this.#subscribe((method, params) => this.session.request(method, params)).then(
      () => this.announceResync('resubscribed', this.session.clock.now()),
      (error: unknown) => this.reportError(error),
    );
  }
}
