// Shared types of the events module: typed event maps, handlers, subscriptions, error modes.

/**
 * Maps each event name to the type of its one payload (`void` for events without one). Any
 * object type (an interface too) works as an event map.
 */
export type EventMap = object;

/** The event names of an event map. */
export type EventName<Events extends EventMap> = Extract<keyof Events, string | symbol>;

/** The argument list of `emit` for a payload type: optional when `undefined` (or `void`) is allowed. */
export type PayloadArgs<T> = undefined extends T ? [payload?: T] : [payload: T];

/**
 * A listener: one payload in. Its return value is ignored unless it is a promise (an async
 * listener), whose rejection is handled per error mode.
 */
export type EventHandler<T> = (payload: T) => unknown;

/**
 * What happens when a listener throws (or its promise rejects):
 * - `'raise'`: every listener still runs, then `emit` rethrows the first error (later errors of
 *   the same emit are logged). Rejections from async listeners after `emit` returned have no
 *   caller to reach: they are logged and kept in `bus.errors()`. `emitAsync` rejects instead.
 * - `'log'`: errors go to the logger; `emit` returns an empty list.
 * - `'collect'`: `emit` returns the errors thrown synchronously; async rejections are kept in
 *   `bus.errors()` (and returned by `emitAsync`).
 */
export type ErrorMode = 'raise' | 'log' | 'collect';

/** A listener's error, as kept by `bus.errors()`. */
export interface ListenerError {
  /** The event being emitted. */
  event: string | symbol;
  /** What the listener threw or rejected with. */
  error: unknown;
}

/** A registration; disposable, so `using sub = bus.on(...)` removes it at the end of the block. */
export interface Subscription extends Disposable {
  /** True until the listener is removed (by this subscription, `off` or a `once` firing). */
  readonly active: boolean;
  /** Removes the listener; later calls do nothing. */
  unsubscribe(): void;
}
