// DataStoreCollection: the stores of one venue connection, grouped (pybotters' DataStoreManager).
// A venue subclasses it, adds its stores, and implements `handleMessage` (socket messages) and
// `handleResponse` (REST snapshots routed by URL path). Applications pass `collection.onmessage`
// to a WebSocketApp and `await collection.initialize(client.fetch(...), ...)` to seed it.
import { ConfigError, VenueError } from '../errors.js';
import { ChangeHub } from './change-hub.js';

/** What a collection needs from a store it groups. DataStore and OrderBookStore both fit. */
export interface GroupedStore {
  /** Number of items. */
  readonly size: number;
  /** Resolves after the next change. */
  wait(signal?: AbortSignal): Promise<void>;
}

/** An HTTP result as venuekit's `Client.fetch` resolves it. */
export interface FetchResultLike {
  response: { url: string | URL; status?: number; statusText?: string };
  data: unknown;
}

/** Anything `initialize` accepts: a fetch result, or a bare `{ url | path, data }`. */
export type InitializeSource =
  | FetchResultLike
  | { url: string | URL; data: unknown; status?: number }
  | { path: string; data: unknown };

/** One response `initialize` could not apply. */
export interface InitializeFailure {
  /** Position of the response among the arguments. */
  index: number;
  /** URL path of the response, when it got that far. */
  path: string | undefined;
  /** Why: the fetch rejected, the status was an error, no route matched, or the handler threw. */
  error: unknown;
}

/** Some responses given to `initialize` failed; the others were applied. See `failures`. */
export class InitializeError extends VenueError {
  override name = 'InitializeError';
  /** Every response that failed, in the order they failed. */
  readonly failures: readonly InitializeFailure[];
  constructor(failures: readonly InitializeFailure[]) {
    const first = failures[0];
    const firstMessage = first?.error instanceof Error ? first.error.message : String(first?.error);
    super(
      `initialize: ${failures.length} response(s) failed (the rest were applied); first: ${first?.path ?? `argument ${first?.index}`}: ${firstMessage}`,
      { cause: first?.error, details: { paths: failures.map((f) => f.path ?? `#${f.index}`) } },
    );
    this.failures = failures;
  }
}

function pathOf(source: InitializeSource): {
  path: string;
  url: URL | undefined;
  status: number | undefined;
} {
  if ('path' in source && typeof source.path === 'string') {
    return { path: source.path, url: undefined, status: undefined };
  }
  const withUrl = 'response' in source ? source.response : (source as { url: string | URL; status?: number });
  const url = new URL(String(withUrl.url), 'http://relative.invalid');
  return { path: url.pathname, url, status: withUrl.status };
}

/**
 * A named group of stores fed by one venue connection. Subclasses add stores in their
 * constructor (`readonly orders = this.add('orders', new DataStore({ keys: ['id'] }))`) and
 * implement {@link handleMessage}; those that seed from REST also implement {@link handleResponse}.
 * @typeParam Ws the socket handle passed with each message (venues use it to send, e.g. to
 * unsubscribe once a snapshot arrived).
 */
export abstract class DataStoreCollection<Ws = unknown> implements Iterable<[string, GroupedStore]> {
  readonly #stores = new Map<string, GroupedStore>();
  readonly #messages = new ChangeHub<never>();

  /**
   * Feeds one decoded socket message to the collection, then wakes {@link wait}. Bound to the
   * instance, so it can be passed as a handler directly (`onJson: store.onmessage`). A handler
   * that throws still wakes waiters; the error propagates to the caller (the socket reports it).
   */
  readonly onmessage = (msg: unknown, ws?: Ws): void => {
    try {
      this.handleMessage(msg, ws);
    } finally {
      this.#messages.notify();
    }
  };

  /** Applies one socket message to the stores. */
  protected abstract handleMessage(msg: unknown, ws: Ws | undefined): void;

  /**
   * Applies one REST response whose URL path is `path`; returns false when the path is not one
   * this collection initializes from (initialize then reports it). The default handles nothing.
   */
  protected handleResponse(_path: string, _data: unknown, _url: URL | undefined): boolean {
    return false;
  }

  /** Adds a store under `name` and returns it. A name can be used once (ConfigError otherwise). */
  add<S extends GroupedStore>(name: string, store: S): S {
    if (this.#stores.has(name)) throw new ConfigError(`DataStoreCollection: a store named '${name}' exists`);
    this.#stores.set(name, store);
    return store;
  }

  /** The store named `name`, or undefined. */
  get(name: string): GroupedStore | undefined {
    return this.#stores.get(name);
  }

  /** True when a store named `name` exists. */
  has(name: string): boolean {
    return this.#stores.has(name);
  }

  /** Store names in the order they were added. */
  names(): string[] {
    return [...this.#stores.keys()];
  }

  /** Iterates `[name, store]` pairs. */
  [Symbol.iterator](): IterableIterator<[string, GroupedStore]> {
    return this.#stores.entries();
  }

  /** Resolves after the next {@link onmessage} call; rejects if `signal` aborts first. */
  wait(signal?: AbortSignal): Promise<void> {
    return this.#messages.wait(signal);
  }

  /**
   * Seeds stores from REST responses: each argument is a fetch result (or a promise of one) and
   * is applied as soon as it arrives, routed by its URL path to {@link handleResponse}. Every
   * response is given its chance; if any failed (rejected, error status, unknown path, or the
   * handler threw), this rejects afterwards with an {@link InitializeError} listing them all.
   */
  async initialize(...sources: Array<InitializeSource | PromiseLike<InitializeSource>>): Promise<void> {
    const failures: InitializeFailure[] = [];
    const apply = (index: number, source: InitializeSource): void => {
      let path: string | undefined;
      try {
        const where = pathOf(source);
        path = where.path;
        if (where.status !== undefined && (where.status < 200 || where.status >= 300))
          throw new VenueError(`initialize: ${path} answered HTTP ${where.status}`, { status: where.status });
        if (!this.handleResponse(path, source.data, where.url))
          throw new ConfigError(`initialize: no store of this collection initializes from ${path}`);
      } catch (error) {
        failures.push({ index, path, error });
      }
    };
    await Promise.all(
      sources.map((source, index) =>
        Promise.resolve(source).then(
          (resolved) => apply(index, resolved),
          (error: unknown) => {
            failures.push({ index, path: undefined, error });
          },
        ),
      ),
    );
    if (failures.length > 0) throw new InitializeError(failures);
  }
}
