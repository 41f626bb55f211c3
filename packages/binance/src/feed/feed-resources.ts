// The transports behind one Binance feed, each made on first use and released together: the
// REST client, the market streams, the local order books, the WebSocket API session and the
// user-data stream. What must outlive a disconnect lives on the feed itself and is handed in:
// the server-offset clock and the request limiter (a 418 ban or a spent weight window must not
// be forgotten by reconnecting).
import type { Balance, Clock, Credentials, Logger, ServerOffsetClock } from '@venuekit/base';
import { BinanceBookManager } from '../book/book-manager.js';
import { restSnapshotFetcher } from '../book/snapshot-fetcher.js';
import type { SymbolNames } from '../parsing/market.js';
import type { BinanceRequestLimiter } from '../rest/request-limiter.js';
import { BinanceRestClient } from '../rest/rest-client.js';
import { BinanceMarketStreams } from '../streams/market-streams.js';
import { SpotUserDataStream } from '../user-data/spot-user-data.js';
import { UsdmUserDataStream } from '../user-data/usdm-user-data.js';
import { BinanceWsApi } from '../ws-api/ws-api-client.js';
import type { ResolvedBinanceSettings } from './feed-options.js';

/** The user-data stream of a feed: Spot's over the WS API, USD-M's over a listenKey. */
export type FeedUserData = SpotUserDataStream | UsdmUserDataStream;

/** What the resources are built from. */
export interface FeedResourceParts {
  readonly settings: ResolvedBinanceSettings;
  readonly credentials: Credentials | undefined;
  readonly clock: Clock;
  readonly serverClock: ServerOffsetClock;
  readonly limiter: BinanceRequestLimiter;
  readonly logger: Logger;
  /** Names of a Binance symbol (the feed's SymbolMapper). */
  readonly namesOf: (symbol: string) => SymbolNames | undefined;
  /** The account's balances over REST, to seed the user-data state. */
  readonly fetchBalances: () => Promise<Balance[]>;
}

/** Lazily made transports of one feed. */
export class FeedResources {
  readonly #p: FeedResourceParts;
  #rest: BinanceRestClient | undefined;
  #streams: BinanceMarketStreams | undefined;
  #books: BinanceBookManager | undefined;
  #wsApi: BinanceWsApi | undefined;
  #userData: Promise<FeedUserData> | undefined;

  constructor(parts: FeedResourceParts) {
    this.#p = parts;
  }

  /** The REST client (made on first use). */
  get rest(): BinanceRestClient {
    const { settings: s, credentials, clock, serverClock, limiter, logger } = this.#p;
    this.#rest ??= new BinanceRestClient({
      market: s.market,
      baseUrl: s.urls.rest,
      credentials,
      recvWindow: s.recvWindow,
      session: s.session,
      clock,
      serverClock,
      limiter,
      timeoutMs: s.requestTimeoutMs,
      logger,
    });
    return this.#rest;
  }

  /** The market streams (made on first use). */
  get streams(): BinanceMarketStreams {
    const { settings: s, clock, logger } = this.#p;
    this.#streams ??= new BinanceMarketStreams({
      market: s.market,
      baseUrl: s.urls.stream,
      reconnect: s.reconnect,
      clock,
      logger,
    });
    return this.#streams;
  }

  /** The local order books (made on first use; snapshots go through the REST limiter). */
  get books(): BinanceBookManager {
    const { settings: s, clock, logger, namesOf } = this.#p;
    this.#books ??= new BinanceBookManager({
      market: s.market,
      streams: this.streams,
      fetchSnapshot: restSnapshotFetcher(this.rest),
      snapshotLimit: s.book.snapshotLimit,
      speed: s.book.speed,
      maxConcurrentSnapshots: s.book.maxConcurrentSnapshots,
      symbolNames: namesOf,
      clock,
      logger,
    });
    return this.#books;
  }

  /** True once the WebSocket API session was made. */
  get hasWsApi(): boolean {
    return this.#wsApi !== undefined;
  }

  /**
   * The WebSocket API session, started (made and started on first use). A session that failed
   * to start, or stopped for good, is replaced on the next call.
   */
  async wsApi(): Promise<BinanceWsApi> {
    const { settings: s, credentials, clock, serverClock, logger } = this.#p;
    let api = this.#wsApi;
    if (api === undefined || api.operationalStatus === null) {
      api = new BinanceWsApi({
        market: s.market,
        url: s.urls.wsApi,
        credentials,
        recvWindow: s.recvWindow,
        clock,
        serverClock,
        reconnect: s.reconnect,
        logger,
      });
      this.#wsApi = api;
    }
    try {
      await api.start();
    } catch (error) {
      if (this.#wsApi === api) this.#wsApi = undefined;
      throw error;
    }
    return api;
  }

  /**
   * The account's user-data stream, started and seeded with the balances from REST. Concurrent
   * callers share one start; a failed start is forgotten so the next call tries again.
   */
  userData(): Promise<FeedUserData> {
    this.#userData ??= this.#startUserData().catch((error: unknown) => {
      this.#userData = undefined;
      throw error;
    });
    return this.#userData;
  }

  async #startUserData(): Promise<FeedUserData> {
    const { settings: s, logger, namesOf } = this.#p;
    let stream: FeedUserData;
    if (s.market === 'spot') {
      stream = new SpotUserDataStream(await this.wsApi(), { namesOf, logger });
    } else {
      stream = new UsdmUserDataStream({
        rest: this.rest,
        streamUrl: s.urls.stream,
        namesOf,
        logger,
        reconnect: s.reconnect,
      });
    }
    try {
      await stream.start();
      stream.seedBalances(await this.#p.fetchBalances());
    } catch (error) {
      await stream.stop();
      throw error;
    }
    return stream;
  }

  /** Stops and forgets every transport made so far; the next use makes new ones. */
  async release(): Promise<void> {
    const userData = this.#userData;
    const books = this.#books;
    const streams = this.#streams;
    const wsApi = this.#wsApi;
    const rest = this.#rest;
    this.#userData = undefined;
    this.#books = undefined;
    this.#streams = undefined;
    this.#wsApi = undefined;
    this.#rest = undefined;
    const failures: unknown[] = [];
    const attempt = async (step: (() => Promise<unknown>) | undefined): Promise<void> => {
      try {
        await step?.();
      } catch (error) {
        failures.push(error);
      }
    };
    await attempt(userData && (async () => (await userData.catch(() => undefined))?.stop()));
    await attempt(books && (() => books.close()));
    await attempt(streams && (() => streams.close()));
    await attempt(wsApi && (() => wsApi.stop()));
    await attempt(rest && (() => rest.close()));
    if (failures.length > 0) throw failures[0];
  }
}
