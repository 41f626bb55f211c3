// What a Bybit feed builds lazily and closes on disconnect: the REST client (on the feed's session,
// clock and limiter), the instruments of its category (cached, mapping venue and unified symbols),
// the public streams, the market watchers over them, the local order books, and the private
// stream (this category's orders and the wallet).
import {
  type Clock,
  type Credentials,
  type HttpSession,
  type Logger,
  RateLimiter,
  SymbolMapper,
} from '@venuekit/base';
import { BybitBookManager } from '../book/book-manager.js';
import { type BybitInstrument, parseInstruments } from '../parsing/instruments.js';
import { BybitPrivateStream } from '../private/private-stream.js';
import { BybitRestClient } from '../rest/rest-client.js';
import { BybitMarketWatchers } from '../streams/market-watchers.js';
import { BybitPublicStreams } from '../streams/public-streams.js';
import type { StreamSymbolNames } from '../streams/stream-events.js';
import type { BybitEnvironment } from '../urls.js';

/** Everything the resources are built from. */
export interface FeedResourceParts {
  category: 'spot' | 'linear';
  environment: BybitEnvironment;
  restUrl: string;
  publicUrl: string;
  privateUrl: string;
  credentials: Credentials | undefined;
  session: HttpSession | undefined;
  limiter: unknown;
  clock: Clock;
  logger: Logger;
  recvWindow: number | undefined;
  timeoutMs: number | undefined;
  bookDepth: number | undefined;
  instrumentsTtlMs: number;
}

/** The lazily built parts of one Bybit feed. */
export class FeedResources {
  readonly #parts: FeedResourceParts;
  #rest: BybitRestClient | undefined;
  #streams: BybitPublicStreams | undefined;
  #watchers: BybitMarketWatchers | undefined;
  #books: BybitBookManager | undefined;
  #private: BybitPrivateStream | undefined;
  #mapper: SymbolMapper<BybitInstrument> | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<SymbolMapper<BybitInstrument>> | undefined;

  constructor(parts: FeedResourceParts) {
    this.#parts = parts;
  }

  /** The REST client (created on first use). */
  get rest(): BybitRestClient {
    if (this.#rest === undefined) {
      const p = this.#parts;
      this.#rest = new BybitRestClient({
        baseUrl: p.restUrl,
        apiKey: p.credentials?.apiKey,
        apiSecret: p.credentials?.secret,
        session: p.session,
        limiter: p.limiter instanceof RateLimiter ? p.limiter : undefined,
        clock: p.clock,
        logger: p.logger,
        recvWindow: p.recvWindow,
        timeoutMs: p.timeoutMs,
      });
    }
    return this.#rest;
  }

  /** The instruments of the category, cached for `instrumentsTtlMs`; concurrent callers share one request. */
  async instruments(refresh = false): Promise<SymbolMapper<BybitInstrument>> {
    const p = this.#parts;
    const fresh = this.#mapper !== undefined && p.clock.now() - this.#loadedAt < p.instrumentsTtlMs;
    if (fresh && !refresh) return this.#mapper!;
    this.#loading ??= this.rest
      .instruments(p.category)
      .then((list) => {
        const parsed = parseInstruments(list, p.category, (symbol, error) =>
          p.logger.warn('Bybit instrument skipped', { symbol, error: error.message }),
        );
        if (this.#mapper === undefined) this.#mapper = new SymbolMapper('bybit', parsed);
        else this.#mapper.update(parsed);
        this.#loadedAt = p.clock.now();
        return this.#mapper;
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }

  /** The instrument of `symbol` (venue `BTCUSDT` or unified `BTC/USDT`); BadSymbolError when unknown. */
  async instrument(symbol: string): Promise<BybitInstrument> {
    const mapper = await this.instruments();
    if (!mapper.has(symbol)) await this.instruments(true);
    return mapper.instrument(symbol);
  }

  /** Names of a venue symbol for stream results (from the cached instruments, if loaded). */
  names(symbol: string): StreamSymbolNames | undefined {
    const found = this.#mapper?.find(symbol);
    return found === undefined ? undefined : { symbol: found.symbol, unifiedSymbol: found.unifiedSymbol };
  }

  /** The public streams of the category (created on first use). */
  get streams(): BybitPublicStreams {
    const p = this.#parts;
    this.#streams ??= new BybitPublicStreams({
      category: p.category,
      url: p.publicUrl,
      clock: p.clock,
      logger: p.logger,
    });
    return this.#streams;
  }

  /** Trades, tickers and klines over the public streams. */
  get watchers(): BybitMarketWatchers {
    this.#watchers ??= new BybitMarketWatchers(this.streams, { symbolNames: (s) => this.names(s) });
    return this.#watchers;
  }

  /** The local order books. */
  get books(): BybitBookManager {
    const p = this.#parts;
    this.#books ??= new BybitBookManager({
      streams: this.streams,
      depth: p.bookDepth,
      symbolNames: (s) => this.names(s),
      clock: p.clock,
      logger: p.logger,
    });
    return this.#books;
  }

  /** The private stream with this category's `order` topic and the wallet (needs credentials). */
  privateStream(credentials: Credentials): BybitPrivateStream {
    const p = this.#parts;
    this.#private ??= new BybitPrivateStream({
      credentials,
      url: p.privateUrl,
      topics: [`order.${p.category}`, 'wallet'],
      symbolNames: (s) => this.names(s),
      // Auth expires must be in Bybit's time, not this host's: the REST client's synced clock.
      clock: this.rest.clock,
      syncClock: () => this.rest.syncClock(),
      logger: p.logger,
    });
    return this.#private;
  }

  /** Closes everything built so far. */
  async close(): Promise<void> {
    const priv = this.#private;
    this.#private = undefined;
    await priv?.close();
    const books = this.#books;
    const streams = this.#streams;
    const rest = this.#rest;
    this.#books = undefined;
    this.#watchers = undefined;
    this.#streams = undefined;
    this.#rest = undefined;
    await books?.close();
    await streams?.close();
    await rest?.close();
  }
}
