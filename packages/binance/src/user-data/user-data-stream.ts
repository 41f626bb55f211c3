// What Spot and USD-M user data have in common once the events arrive: each raw event is
// offered as is (for BinanceDataStore.onmessage), then normalized to models — orders, fills,
// balances, positions — and handed out as events and as bounded async iterables (the feed's
// watchOrders / watchBalances). Balances and positions are also kept as the latest known state.
// A malformed event is reported as an `error` and the stream carries on. After a reconnect (or a
// renewed subscription) it says so twice: `resync` (its own reason) and `restored`, base's common
// payload every venue stream emits, with the window nothing was pushed.
import { EventEmitter } from 'node:events';
import {
  type Balance,
  defaultLogger,
  type Fill,
  type Logger,
  type Order,
  type Position,
  type StreamRestored,
  type SubscriptionOverflowPolicy,
  type SubscriptionStream,
  subscriptionToAsyncIterable,
  type WatchOptions,
} from '@venuekit/base';
import type { SymbolNames } from '../parsing/market.js';
import { emitSafely } from '../ws-api/safe-emit.js';
import {
  applyBalanceDelta,
  type BalanceDelta,
  parseAccountPosition,
  parseBalanceUpdate,
  parseFuturesAccountBalances,
  parseFuturesAccountPositions,
} from './account-events.js';
import type {
  AccountPositionWire,
  AccountUpdateWire,
  BalanceUpdateWire,
  ExecutionReportWire,
  OrderTradeUpdateWire,
  UserDataEventWire,
} from './event-wire.js';
import { type OrderEvent, parseExecutionReport, parseOrderTradeUpdate } from './order-events.js';

/** Why events may have been missed, so the consumer should reconcile over REST. */
export interface UserDataResync {
  readonly reason: 'reconnected' | 'resubscribed' | 'listenKeyRenewed';
}

/** Events of a user-data stream (Node EventEmitter style: name → listener arguments). */
export interface UserDataEvents {
  /** An order's new state (with the fill, if the event reports an execution). */
  order: [event: OrderEvent];
  /** An execution of one of the account's orders. */
  fill: [fill: Fill];
  /** Balances that changed (Spot outboundAccountPosition / balanceUpdate; USD-M ACCOUNT_UPDATE). */
  balances: [balances: Balance[]];
  /** A Spot deposit / withdrawal / transfer delta (balanceUpdate), as Binance sent it. */
  balanceDelta: [delta: BalanceDelta];
  /** USD-M positions that changed (flat ones with `size: 0`). */
  positions: [positions: Position[]];
  /** Every user-data event as Binance sent it (unwrapped), before normalization. */
  event: [event: UserDataEventWire];
  /** USD-M: the listenKey was kept alive for another 60 minutes. */
  keepAlive: [listenKey: string];
  /** Events may have been missed (after a reconnect or a new listenKey): re-query orders and balances. */
  resync: [info: UserDataResync];
  /**
   * The stream is back after a reconnect or a renewed subscription: events pushed in between
   * (`downSince`, for `downtimeMs`, in the stream's clock) are lost — reconcile over REST. Base's
   * common payload, as every venue stream emits it: one connection (`connection: 1`) carrying one
   * topic, `'userData'`. Comes right after `resync` (not for `listenKeyRenewed`: the reconnect that
   * follows the new key brings it).
   */
  restored: [info: StreamRestored];
  /** A malformed event or a failed keepalive / re-subscription; the stream carries on. */
  error: [error: Error];
}

/** Options shared by the user-data streams. */
export interface UserDataStreamOptions {
  /** Resolves a Binance symbol to its names (a SymbolMapper's `find`); default: the symbol as both. */
  namesOf?: (symbol: string) => SymbolNames | undefined;
  /** Where failures are logged when nobody listens to `error` (default: the console logger). */
  logger?: Logger;
}

/** The one topic a user-data stream's `restored` names. */
const USER_DATA_TOPICS: readonly string[] = Object.freeze(['userData']);

/** Defaults of the async iterables: orders and fills must not be lost silently. */
const STREAM_DEFAULTS: Readonly<{ capacity: number; overflow: SubscriptionOverflowPolicy }> = {
  capacity: 10_000,
  overflow: 'error',
};

/** The normalizing, event-emitting half of a user-data stream. */
export class UserDataStream extends EventEmitter<UserDataEvents> {
  readonly #namesOf: (symbol: string) => SymbolNames | undefined;
  protected readonly logger: Logger;
  readonly #balances = new Map<string, Balance>();
  readonly #positions = new Map<string, Position>();
  readonly #ends = new Set<() => void>();
  #downSince: number | undefined;

  constructor(options: UserDataStreamOptions = {}) {
    super();
    this.#namesOf = options.namesOf ?? (() => undefined);
    this.logger = options.logger ?? defaultLogger;
  }

  /** The latest known balance of every asset seen (seed with {@link seedBalances}). */
  balances(): Balance[] {
    return [...this.#balances.values()];
  }

  /** The latest known USD-M positions (open ones only). */
  positions(): Position[] {
    return [...this.#positions.values()].filter((p) => p.size > 0);
  }

  /** Seeds the balance state from REST (so balanceUpdate deltas apply to known amounts). */
  seedBalances(balances: readonly Balance[]): void {
    for (const b of balances) this.#balances.set(b.asset, b);
  }

  /** Orders as they change (Order), ending when the stream stops. Overflow default `'error'`. */
  orders(options?: WatchOptions): SubscriptionStream<Order> {
    return this.#iterate('order', (push) => (e: OrderEvent) => push(e.order), options, 'orders');
  }

  /** The account's fills as they happen. */
  fills(options?: WatchOptions): SubscriptionStream<Fill> {
    return this.#iterate('fill', (push) => push, options, 'fills');
  }

  /** The balances that changed, per event (`Balance[]`, as the feed's watchBalances yields). */
  balanceUpdates(options?: WatchOptions): SubscriptionStream<Balance[]> {
    return this.#iterate('balances', (push) => push, options, 'balances');
  }

  /** The positions that changed, per event (USD-M). */
  positionUpdates(options?: WatchOptions): SubscriptionStream<Position[]> {
    return this.#iterate('positions', (push) => push, options, 'positions');
  }

  /** Every raw event (for a DataStore), per event. */
  rawEvents(options?: WatchOptions): SubscriptionStream<UserDataEventWire> {
    return this.#iterate('event', (push) => push, options, 'events');
  }

  /**
   * Takes one user-data event (unwrapped). Returns the event name, so subclasses can react to
   * control events (`listenKeyExpired`, `eventStreamTerminated`).
   */
  protected handleEvent(event: UserDataEventWire): string {
    const name = event.e;
    this.#emit('event', event);
    try {
      switch (name) {
        case 'executionReport':
          this.#order(
            parseExecutionReport(event as ExecutionReportWire, this.#names((event as ExecutionReportWire).s)),
          );
          break;
        case 'ORDER_TRADE_UPDATE': {
          const wire = event as OrderTradeUpdateWire;
          this.#order(parseOrderTradeUpdate(wire, this.#names(wire.o?.s)));
          break;
        }
        case 'outboundAccountPosition':
          this.#balancesChanged(parseAccountPosition(event as AccountPositionWire));
          break;
        case 'balanceUpdate': {
          const delta = parseBalanceUpdate(event as BalanceUpdateWire);
          this.#emit('balanceDelta', delta);
          const known = this.#balances.get(delta.asset);
          if (known !== undefined) this.#balancesChanged([applyBalanceDelta(known, delta)]);
          break;
        }
        case 'ACCOUNT_UPDATE': {
          const wire = event as AccountUpdateWire;
          const balances = parseFuturesAccountBalances(wire);
          if (balances.length > 0) this.#balancesChanged(balances);
          const positions = parseFuturesAccountPositions(wire, (s) => this.#names(s));
          if (positions.length > 0) this.#positionsChanged(positions, wire);
          break;
        }
      }
    } catch (error) {
      this.#emit('error', error instanceof Error ? error : new Error(String(error)));
    }
    return name;
  }

  /**
   * Nothing is pushed from `now` (clock ms) on — the socket closed, or Binance ended the stream —
   * until the next {@link announceResync}. A later call before that keeps the first time.
   */
  protected markDown(now: number): void {
    this.#downSince ??= now;
  }

  /**
   * Tells consumers that events may have been missed: `resync`, then (unless the key was just
   * renewed — a reconnect follows) `restored` with the window since {@link markDown}.
   */
  protected announceResync(reason: UserDataResync['reason'], now: number): void {
    this.#emit('resync', { reason });
    if (reason === 'listenKeyRenewed') return;
    const since = this.#downSince;
    this.#downSince = undefined;
    const info: StreamRestored =
      since === undefined
        ? { connection: 1, topics: USER_DATA_TOPICS }
        : { connection: 1, topics: USER_DATA_TOPICS, downSince: since, downtimeMs: Math.max(0, now - since) };
    this.#emit('restored', info);
  }

  /** Reports that the listenKey was kept alive. */
  protected announceKeepAlive(listenKey: string): void {
    this.#emit('keepAlive', listenKey);
  }

  /** Reports a failure no caller receives. */
  protected reportError(error: unknown): void {
    this.#emit('error', error instanceof Error ? error : new Error(String(error)));
  }

  /** Ends every async iterable (their loops finish after what is buffered). */
  protected endStreams(): void {
    for (const end of [...this.#ends]) end();
    this.#ends.clear();
  }

  #order(event: OrderEvent): void {
    this.#emit('order', event);
    if (event.fill !== undefined) this.#emit('fill', event.fill);
  }

  #balancesChanged(balances: Balance[]): void {
    for (const b of balances) this.#balances.set(b.asset, b);
    this.#emit('balances', balances);
  }

  /** Keyed by symbol and Binance's position side: one-way (`BOTH`) keeps one entry per symbol, so a flip from long to short replaces it. */
  #positionsChanged(positions: Position[], wire: AccountUpdateWire): void {
    const sides = wire.a.P ?? [];
    for (const [i, p] of positions.entries()) this.#positions.set(`${p.symbol}:${sides[i]?.ps ?? 'BOTH'}`, p);
    this.#emit('positions', positions);
  }

  #names(symbol: string | undefined): SymbolNames {
    const s = typeof symbol === 'string' ? symbol : '';
    return this.#namesOf(s) ?? { symbol: s, unifiedSymbol: s };
  }

  #iterate<E extends keyof UserDataEvents, T>(
    event: E,
    adapt: (push: (value: T) => void) => (...args: UserDataEvents[E]) => void,
    options: WatchOptions | undefined,
    label: string,
  ): SubscriptionStream<T> {
    return subscriptionToAsyncIterable<T>(
      (push, _fail, end) => {
        const listener = adapt(push) as (...args: unknown[]) => void;
        this.on(event, listener as never);
        this.#ends.add(end);
        return () => {
          this.off(event, listener as never);
          this.#ends.delete(end);
        };
      },
      {
        signal: options?.signal,
        capacity: options?.capacity ?? STREAM_DEFAULTS.capacity,
        overflow: options?.overflow ?? STREAM_DEFAULTS.overflow,
        logger: this.logger,
        label: `binance user data ${label}`,
        venue: 'binance',
      },
    );
  }

  #emit<E extends keyof UserDataEvents>(event: E, ...args: UserDataEvents[E]): void {
    emitSafely(this as EventEmitter, this.logger, 'Binance user-data', event, args);
  }
}
