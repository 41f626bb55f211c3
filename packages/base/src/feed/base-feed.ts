// A base class for venue feeds. Every operation throws `NotSupportedError` until a subclass
// overrides it, and `capabilities` is derived from which methods the subclass overrides, so the
// two can never disagree. It also gives subclasses the plumbing every feed needs: validated
// options, idempotent connect/disconnect, endpoint selection per environment, and streams that
// `disconnect()` ends for the user.
import type { Credentials } from '../auth/types.js';
import { ConfigError, NotSupportedError } from '../errors.js';
import type { Balance, Position } from '../models/account.js';
import type { Instrument } from '../models/instrument.js';
import type { Bar, OrderBook, Ticker, Trade } from '../models/market-data.js';
import type { Order, OrderRequest } from '../models/order.js';
import { type ResolvedFeedOptions, resolveFeedOptions } from './feed-options.js';
import {
  type StartSubscription,
  type SubscriptionStream,
  type SubscriptionStreamOptions,
  subscriptionToAsyncIterable,
} from './subscription-stream.js';
import {
  type Capabilities,
  FEED_OPERATIONS,
  type FeedEnvironment,
  type FeedOperation,
  type FeedOptions,
  type KlinesQuery,
  type OrderBookQuery,
  type TradesQuery,
  type VenueFeed,
  type WatchOptions,
} from './types.js';

/** What {@link BaseFeed}'s constructor needs. */
export interface BaseFeedInit<O extends FeedOptions = FeedOptions> {
  /** Feed id (`ACME___SPOT`). */
  id: string;
  /** Venue name used in errors and logs (`'acme'`). */
  venue: string;
  /** The user's options; validated here. */
  options?: O | undefined;
  /**
   * Force capabilities where overriding is not the whole story (e.g. an operation implemented
   * only for some markets). By default an operation is supported iff the subclass overrides it.
   */
  capabilities?: Partial<Capabilities> | undefined;
}

/** Endpoint defaults per environment, for {@link BaseFeed.endpoint}. */
export type EndpointDefaults = Partial<Record<FeedEnvironment, string>>;

/** Base class of venue feeds: unsupported by default, capabilities derived from overrides. */
export abstract class BaseFeed<O extends FeedOptions = FeedOptions> implements VenueFeed, AsyncDisposable {
  readonly id: string;
  readonly venue: string;
  readonly capabilities: Capabilities;
  /** The validated options with defaults filled in. */
  protected readonly options: ResolvedFeedOptions<O>;
  #connected = false;
  #connecting: Promise<void> | undefined;
  readonly #streams = new Set<SubscriptionStream<unknown>>();

  constructor(init: BaseFeedInit<O>) {
    this.id = init.id;
    this.venue = init.venue;
    this.options = resolveFeedOptions(init.options, init.venue);
    const base = BaseFeed.prototype as unknown as Record<FeedOperation, unknown>;
    const self = this as unknown as Record<FeedOperation, unknown>;
    const capabilities = {} as Record<FeedOperation, boolean>;
    for (const op of FEED_OPERATIONS) capabilities[op] = init.capabilities?.[op] ?? self[op] !== base[op];
    this.capabilities = Object.freeze(capabilities);
  }

  get isConnected(): boolean {
    return this.#connected;
  }

  /** Connects once; concurrent calls share the same attempt. A failed attempt can be retried. */
  connect(): Promise<void> {
    if (this.#connected) return Promise.resolve();
    this.#connecting ??= this.open().then(
      () => {
        this.#connected = true;
        this.#connecting = undefined;
      },
      (error: unknown) => {
        this.#connecting = undefined;
        throw error;
      },
    );
    return this.#connecting;
  }

  /** Ends every open stream, then closes the feed's resources. Safe to call at any time. */
  async disconnect(): Promise<void> {
    if (this.#connecting !== undefined) await this.#connecting.catch(() => undefined);
    const streams = [...this.#streams];
    this.#streams.clear();
    const results = await Promise.allSettled(streams.map((s) => s.return()));
    const wasConnected = this.#connected;
    this.#connected = false;
    if (wasConnected) await this.close();
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  /** Opens the feed's resources (sockets, time sync, instruments). Default: nothing to open. */
  protected async open(): Promise<void> {}
  /** Closes what {@link BaseFeed.open} opened. Default: nothing to close. */
  protected async close(): Promise<void> {}

  /** The error an unsupported operation throws. */
  protected notSupported(operation: FeedOperation | string): NotSupportedError {
    return new NotSupportedError(
      `${this.venue} (${this.id}) does not support ${operation}; check feed.capabilities.${operation} before calling it`,
      { venue: this.venue, details: { feed: this.id, operation } },
    );
  }

  /** The configured credentials, or a `ConfigError` saying that `operation` needs them. */
  protected requireCredentials(operation: string): Credentials {
    const credentials = this.options.credentials;
    if (credentials === undefined)
      throw new ConfigError(
        `${this.venue} ${operation} needs API credentials: pass { credentials: { apiKey, secret } } when creating the ${this.id} feed`,
        { venue: this.venue, details: { feed: this.id, operation } },
      );
    return credentials;
  }

  /**
   * The URL of endpoint `name`: the user's `urls[name]` override if given, else the default for
   * the configured environment. Throws `ConfigError` when neither exists (e.g. no testnet).
   */
  protected endpoint(name: string, defaults: EndpointDefaults): string {
    const url = this.options.urls[name] ?? defaults[this.options.environment];
    if (url === undefined)
      throw new ConfigError(
        `${this.venue} has no ${this.options.environment} URL for "${name}"; pass urls: { ${name}: '…' } to createFeed`,
        {
          venue: this.venue,
          details: { feed: this.id, endpoint: name, environment: this.options.environment },
        },
      );
    return url;
  }

  /**
   * A stream over a push subscription that `disconnect()` ends. Defaults the clock, logger and
   * venue from the feed; `watch` options (signal, capacity, overflow) come from the user.
   */
  protected stream<T>(
    label: string,
    start: StartSubscription<T>,
    options: WatchOptions & Omit<SubscriptionStreamOptions, 'label' | 'onClose'> = {},
  ): SubscriptionStream<T> {
    let stream: SubscriptionStream<T> | undefined;
    stream = subscriptionToAsyncIterable(start, {
      clock: this.options.clock,
      logger: this.options.logger,
      venue: this.venue,
      ...options,
      label: `${this.venue} ${label}`,
      onClose: () => {
        if (stream !== undefined) this.#streams.delete(stream as SubscriptionStream<unknown>);
      },
    });
    if (!stream.closed) this.#streams.add(stream as SubscriptionStream<unknown>);
    return stream;
  }

  /** Streams currently open (started or not yet started). */
  protected get openStreams(): number {
    return this.#streams.size;
  }

  async getInstruments(): Promise<Instrument[]> {
    throw this.notSupported('getInstruments');
  }
  async getTicker(_symbol: string): Promise<Ticker> {
    throw this.notSupported('getTicker');
  }
  async getOrderBook(_symbol: string, _query?: OrderBookQuery): Promise<OrderBook> {
    throw this.notSupported('getOrderBook');
  }
  async getTrades(_symbol: string, _query?: TradesQuery): Promise<Trade[]> {
    throw this.notSupported('getTrades');
  }
  async getKlines(_symbol: string, _interval: string, _query?: KlinesQuery): Promise<Bar[]> {
    throw this.notSupported('getKlines');
  }
  async placeOrder(_order: OrderRequest): Promise<Order> {
    throw this.notSupported('placeOrder');
  }
  async cancelOrder(_symbol: string, _id: string): Promise<Order> {
    throw this.notSupported('cancelOrder');
  }
  async getOrder(_symbol: string, _id: string): Promise<Order> {
    throw this.notSupported('getOrder');
  }
  async getOpenOrders(_symbol?: string): Promise<Order[]> {
    throw this.notSupported('getOpenOrders');
  }
  async getBalances(): Promise<Balance[]> {
    throw this.notSupported('getBalances');
  }
  async getPositions(_symbol?: string): Promise<Position[]> {
    throw this.notSupported('getPositions');
  }
  watchTicker(_symbol: string, _options?: WatchOptions): AsyncIterable<Ticker> {
    throw this.notSupported('watchTicker');
  }
  watchOrderBook(_symbol: string, _options?: WatchOptions & OrderBookQuery): AsyncIterable<OrderBook> {
    throw this.notSupported('watchOrderBook');
  }
  watchTrades(_symbol: string, _options?: WatchOptions): AsyncIterable<Trade> {
    throw this.notSupported('watchTrades');
  }
  watchKlines(_symbol: string, _interval: string, _options?: WatchOptions): AsyncIterable<Bar> {
    throw this.notSupported('watchKlines');
  }
  watchOrders(_options?: WatchOptions): AsyncIterable<Order> {
    throw this.notSupported('watchOrders');
  }
  watchBalances(_options?: WatchOptions): AsyncIterable<Balance[]> {
    throw this.notSupported('watchBalances');
  }
}
