// EventBus: typed publish/subscribe on eventemitter3, in two modes. Callback mode (`on`,
// `once`, `off`) calls listeners synchronously in registration order; queue mode (`stream`)
// hands payloads to an async iterator with a bounded buffer. A listener's error — thrown, or a
// rejected promise from an async listener — is handled by the bus's error mode and never
// becomes an unhandled rejection.
import { EventEmitter } from 'eventemitter3';
import { ValidationError } from '../errors.js';
import { defaultLogger, type Logger } from '../log.js';
import { EventStream, type EventStreamOptions } from './event-stream.js';
import type {
  ErrorMode,
  EventHandler,
  EventMap,
  EventName,
  ListenerError,
  PayloadArgs,
  Subscription,
} from './types.js';

/** Options of {@link EventBus}. */
export interface EventBusOptions {
  /** How listener errors are handled (default `'log'`); see {@link ErrorMode}. */
  errorMode?: ErrorMode | undefined;
  /** Where errors go in `'log'` mode (and errors that cannot be raised). Default: console. */
  logger?: Logger | undefined;
  /** How many errors `errors()` keeps, newest last (default 100). */
  maxErrors?: number | undefined;
}

type Listener = (payload: unknown) => void;
const NO_ERRORS: readonly unknown[] = Object.freeze([]);
const ERROR_MODES: readonly ErrorMode[] = ['raise', 'log', 'collect'];

/** A typed event bus. `Events` maps event names to payload types. */
export class EventBus<Events extends EventMap = EventMap> {
  readonly #ee = new EventEmitter();
  /** Per event: each user handler and the wrapper registered with eventemitter3. */
  readonly #handlers = new Map<string | symbol, Map<EventHandler<never>, Listener>>();
  readonly #streams = new Set<EventStream<unknown>>();
  readonly #mode: ErrorMode;
  readonly #logger: Logger;
  readonly #maxErrors: number;
  readonly #errors: ListenerError[] = [];
  /** Sync errors of the emit in progress: `undefined` = report at once (log mode), `null` = none yet. */
  #pending: unknown[] | null | undefined = undefined;
  /** Promises returned by listeners during `emitAsync`. */
  #awaiting: PromiseLike<void>[] | undefined = undefined;

  constructor(options: EventBusOptions = {}) {
    const mode = options.errorMode ?? 'log';
    if (!ERROR_MODES.includes(mode))
      throw new ValidationError(
        `EventBus errorMode must be 'raise', 'log' or 'collect', got ${String(mode)}`,
      );
    this.#mode = mode;
    this.#logger = options.logger ?? defaultLogger;
    this.#maxErrors = options.maxErrors ?? 100;
  }

  /** The error mode. */
  get errorMode(): ErrorMode {
    return this.#mode;
  }

  /** Calls `handler` with every `event` payload until unsubscribed. Registering the same handler twice does nothing. */
  on<E extends EventName<Events>>(event: E, handler: EventHandler<Events[E]>): Subscription {
    return this.#add(event, handler, false);
  }

  /** Calls `handler` with the next `event` payload only. */
  once<E extends EventName<Events>>(event: E, handler: EventHandler<Events[E]>): Subscription {
    return this.#add(event, handler, true);
  }

  /** Removes `handler` from `event`, or every callback listener of `event` when no handler is given. */
  off<E extends EventName<Events>>(event: E, handler?: EventHandler<Events[E]>): void {
    const byHandler = this.#handlers.get(event);
    if (byHandler === undefined) return;
    if (handler === undefined) {
      for (const wrapper of byHandler.values()) this.#ee.removeListener(event, wrapper);
      this.#handlers.delete(event);
      return;
    }
    const wrapper = byHandler.get(handler as EventHandler<never>);
    if (wrapper === undefined) return;
    this.#ee.removeListener(event, wrapper);
    byHandler.delete(handler as EventHandler<never>);
    if (byHandler.size === 0) this.#handlers.delete(event);
  }

  /**
   * Calls every listener of `event` with `payload`, synchronously and in registration order.
   * Returns the errors listeners threw in `'collect'` mode (an empty list otherwise); in
   * `'raise'` mode rethrows the first one after all listeners ran.
   */
  emit<E extends EventName<Events>>(event: E, ...payload: PayloadArgs<Events[E]>): readonly unknown[];
  emit(event: string | symbol, payload?: unknown): readonly unknown[] {
    if (this.#mode === 'log' && this.#awaiting === undefined) {
      this.#ee.emit(event, payload);
      return NO_ERRORS;
    }
    const outerPending = this.#pending;
    const outerAwaiting = this.#awaiting;
    this.#pending = this.#mode === 'log' ? undefined : null;
    this.#awaiting = undefined;
    this.#ee.emit(event, payload);
    const errors = this.#pending as unknown[] | null | undefined;
    this.#pending = outerPending;
    this.#awaiting = outerAwaiting;
    return errors == null ? NO_ERRORS : this.#settle(event, errors);
  }

  /**
   * Like {@link EventBus.emit}, but waits for async listeners. Resolves with the listeners'
   * errors (thrown or rejected) in `'collect'` mode, an empty list in `'log'` mode; rejects with
   * the first error in `'raise'` mode.
   */
  emitAsync<E extends EventName<Events>>(
    event: E,
    ...payload: PayloadArgs<Events[E]>
  ): Promise<readonly unknown[]>;
  async emitAsync(event: string | symbol, payload?: unknown): Promise<readonly unknown[]> {
    const outerPending = this.#pending;
    const outerAwaiting = this.#awaiting;
    const awaiting: PromiseLike<void>[] = [];
    this.#pending = null;
    this.#awaiting = awaiting;
    this.#ee.emit(event, payload);
    // (cast: TypeScript narrows the field to its assignment above; listeners changed it since)
    const errors = (this.#pending as unknown[] | null) ?? [];
    this.#pending = outerPending;
    this.#awaiting = outerAwaiting;
    for (const result of await Promise.allSettled(awaiting))
      if (result.status === 'rejected') errors.push(result.reason);
    return errors.length === 0 ? NO_ERRORS : this.#settle(event, errors);
  }

  /**
   * Queue mode: an async iterator over `event` payloads with a bounded buffer (`capacity`,
   * default 1024) and an overflow policy (`'dropOldest'` by default; `'dropNewest'`,
   * `'conflate'` or `'error'`, see `OverflowPolicy`). It ends on `signal`, `break`, `close()`
   * or `bus.clear()`, and detaches.
   */
  stream<E extends EventName<Events>>(
    event: E,
    options: EventStreamOptions<Events[E]> = {},
  ): EventStream<Events[E]> {
    return new EventStream<Events[E]>(String(event), options, (stream, push) => {
      const listener = push as Listener;
      this.#ee.on(event, listener);
      this.#streams.add(stream as EventStream<unknown>);
      return () => {
        this.#ee.removeListener(event, listener);
        this.#streams.delete(stream as EventStream<unknown>);
      };
    });
  }

  /** Number of listeners (callbacks and streams) of `event`. */
  listenerCount(event: EventName<Events>): number {
    return this.#ee.listenerCount(event);
  }

  /** True when `event` has at least one listener. */
  hasListeners(event: EventName<Events>): boolean {
    return this.#ee.listenerCount(event) > 0;
  }

  /** Errors kept in `'collect'` mode, and async errors `'raise'` mode could not raise; newest last. */
  errors(): readonly ListenerError[] {
    return this.#errors.slice();
  }

  /** Forgets the kept errors. */
  clearErrors(): void {
    this.#errors.length = 0;
  }

  /** Removes every listener and ends every stream. */
  clear(): void {
    for (const stream of [...this.#streams]) stream.close();
    this.#ee.removeAllListeners();
    this.#handlers.clear();
  }

  #add(event: string | symbol, handler: EventHandler<never>, once: boolean): Subscription {
    if (typeof handler !== 'function')
      throw new ValidationError(
        `EventBus.${once ? 'once' : 'on'}("${String(event)}"): handler must be a function, got ${typeof handler}`,
      );
    if ((typeof event !== 'string' || event.length === 0) && typeof event !== 'symbol')
      throw new ValidationError('EventBus: event must be a non-empty string or a symbol');
    let byHandler = this.#handlers.get(event);
    if (byHandler === undefined) this.#handlers.set(event, (byHandler = new Map()));
    let wrapper = byHandler.get(handler);
    if (wrapper === undefined) {
      wrapper = this.#wrap(event, handler as EventHandler<unknown>, once);
      byHandler.set(handler, wrapper);
      if (once) this.#ee.once(event, wrapper);
      else this.#ee.on(event, wrapper);
    }
    const registered = wrapper;
    const isActive = (): boolean => this.#handlers.get(event)?.get(handler) === registered;
    const subscription: Subscription = {
      get active() {
        return isActive();
      },
      unsubscribe: () => {
        if (isActive())
          this.off(event as EventName<Events>, handler as EventHandler<Events[EventName<Events>]>);
      },
      [Symbol.dispose]() {
        subscription.unsubscribe();
      },
    };
    return subscription;
  }

  #wrap(event: string | symbol, handler: EventHandler<unknown>, once: boolean): Listener {
    const wrapper = (payload: unknown): void => {
      if (once) this.#forget(event, handler, wrapper);
      try {
        const result = handler(payload) as PromiseLike<void> | null | undefined;
        if (result != null && typeof result.then === 'function') {
          const awaiting = this.#awaiting;
          if (awaiting !== undefined) awaiting.push(result);
          else result.then(undefined, (error: unknown) => this.#unraisable(event, error));
        }
      } catch (error) {
        const pending = this.#pending;
        if (pending === undefined) this.#report(event, error);
        else if (pending === null) this.#pending = [error];
        else pending.push(error);
      }
    };
    return wrapper;
  }

  #forget(event: string | symbol, handler: EventHandler<unknown>, wrapper: Listener): void {
    const byHandler = this.#handlers.get(event);
    if (byHandler?.get(handler) !== wrapper) return;
    byHandler.delete(handler);
    if (byHandler.size === 0) this.#handlers.delete(event);
  }

  /** Applies the error mode to the errors of one emit. */
  #settle(event: string | symbol, errors: unknown[]): readonly unknown[] {
    if (this.#mode === 'log') {
      for (const error of errors) this.#report(event, error);
      return NO_ERRORS;
    }
    if (this.#mode === 'raise') {
      for (let i = 1; i < errors.length; i++) this.#report(event, errors[i]);
      throw errors[0];
    }
    for (const error of errors) this.#keep(event, error);
    return errors;
  }

  /** An async listener rejected after `emit` returned. */
  #unraisable(event: string | symbol, error: unknown): void {
    if (this.#mode !== 'log') this.#keep(event, error);
    if (this.#mode !== 'collect') this.#report(event, error);
  }

  #report(event: string | symbol, error: unknown): void {
    this.#logger.error(`EventBus listener for "${String(event)}" failed`, { event: String(event), error });
  }

  #keep(event: string | symbol, error: unknown): void {
    this.#errors.push({ event, error });
    if (this.#errors.length > this.#maxErrors) this.#errors.shift();
  }
}
