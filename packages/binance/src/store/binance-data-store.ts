// BinanceDataStore: Binance state kept current in memory, after pybotters' store of the same
// name — books, trades, tickers, open orders, balances and positions — fed with raw socket
// messages through `onmessage` (combined market streams, Spot WS API user data, USD-M listenKey
// events) and seeded from REST through `initialize` (depth snapshots, open orders, account,
// balances, positionRisk), routed by URL path. Unlike pybotters, books follow the official
// algorithm with gap checks (book-sync.ts): a book with a gap is cleared, never served, and
// resynced — from `fetchSnapshot` when one is given, or when the application passes a new depth
// snapshot to `initialize`. Items are the venuekit models (numbers) and are shared: do not mutate.
import {
  type Balance,
  type Clock,
  DataStore,
  DataStoreCollection,
  type Logger,
  type Order,
  OrderBookStore,
  type Position,
  SequenceGapError,
  silentLogger,
  systemClock,
  type Ticker,
  type Trade,
  ValidationError,
} from '@venuekit/base';
import { BookSync, type DepthDiff, type DepthSnapshot } from '../book/book-sync.js';
import { DEFAULT_SNAPSHOT_LIMIT, type SnapshotFetcher } from '../book/snapshot-fetcher.js';
import { SnapshotQueue } from '../book/snapshot-queue.js';
import type { BinanceMarket } from '../errors/error-codes.js';
import { parseFuturesBalances, parsePositions, parseSpotBalances } from '../parsing/account.js';
import type { SymbolNames } from '../parsing/market.js';
import { parseOrder } from '../parsing/orders.js';
import type { FuturesBalanceWire, OrderWire, PositionRiskWire, SpotAccountWire } from '../rest/wire-types.js';
import { tickerFromBookTicker, tickerFromEvent, tradeFromEvent } from '../streams/stream-events.js';
import {
  balancesFromAccountPosition,
  balancesFromAccountUpdate,
  orderFromExecutionReport,
  orderFromOrderTradeUpdate,
  positionsFromAccountUpdate,
} from './user-data-events.js';

/** Options of {@link BinanceDataStore}. */
export interface BinanceDataStoreOptions {
  /** `'spot'` (default) or `'usdm'`: the book rules and order types. */
  market?: BinanceMarket;
  /** Names of a Binance symbol for items (default: the symbol for both). */
  symbolNames?: (symbol: string) => SymbolNames | undefined;
  /**
   * Fetches snapshots by itself (e.g. `restSnapshotFetcher(rest)`): for a book's first diffs and
   * after a gap. Without it, pass depth snapshots to `initialize` (see `onGap`).
   */
  fetchSnapshot?: SnapshotFetcher;
  /** Levels per snapshot fetched (default 1000). */
  snapshotLimit?: number;
  /** Diffs held per symbol while waiting for a snapshot (default 10 000). */
  maxBufferedDiffs?: number;
  /** Called when a book was discarded after a gap: pass a fresh `GET /depth` to `initialize`. */
  onGap?: (symbol: string, reason: string) => void;
  /** Trades kept (default 99 999, as pybotters). */
  maxTrades?: number;
  clock?: Clock;
  logger?: Logger;
}

const FINAL: ReadonlySet<string> = new Set(['filled', 'canceled', 'expired', 'rejected']);

/** Binance stores: `book`, `trades`, `ticker`, `orders` (open ones), `balances`, `positions`. */
export class BinanceDataStore extends DataStoreCollection {
  /** Order books of every symbol whose depth diffs were fed; only live books are held. */
  readonly book = this.add('book', new OrderBookStore({ name: 'book' }));
  /** Public trades, oldest first (append-only, bounded by `maxTrades`). */
  readonly trades: DataStore<Trade>;
  /** Latest 24-hour ticker merged with the latest book ticker, per symbol. */
  readonly ticker = this.add('ticker', new DataStore<Ticker>({ name: 'ticker', keys: ['symbol'] }));
  /** Open orders; an order leaves when it is filled, canceled, expired or rejected. */
  readonly orders = this.add('orders', new DataStore<Order>({ name: 'orders', keys: ['symbol', 'id'] }));
  /** Balances per asset. */
  readonly balances = this.add('balances', new DataStore<Balance>({ name: 'balances', keys: ['asset'] }));
  /** Open USD-M positions per symbol and side. */
  readonly positions = this.add(
    'positions',
    new DataStore<Position>({ name: 'positions', keys: ['symbol', 'side'] }),
  );
  readonly market: BinanceMarket;
  readonly #syncs = new Map<string, BookSync>();
  readonly #names: (symbol: string) => SymbolNames;
  readonly #o: BinanceDataStoreOptions;
  readonly #clock: Clock;
  readonly #queue: SnapshotQueue | undefined;

  constructor(options: BinanceDataStoreOptions = {}) {
    super();
    this.market = options.market ?? 'spot';
    if (this.market !== 'spot' && this.market !== 'usdm')
      throw new ValidationError(`market must be 'spot' or 'usdm', got ${JSON.stringify(options.market)}`, {
        venue: 'binance',
      });
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    const names = options.symbolNames ?? (() => undefined);
    this.#names = (symbol) => names(symbol) ?? { symbol, unifiedSymbol: symbol };
    this.trades = this.add(
      'trades',
      new DataStore<Trade>({ name: 'trades', maxlen: options.maxTrades ?? 99_999 }),
    );
    const fetch = options.fetchSnapshot;
    const limit = options.snapshotLimit ?? DEFAULT_SNAPSHOT_LIMIT;
    const logger = options.logger ?? silentLogger;
    this.#queue =
      fetch === undefined
        ? undefined
        : new SnapshotQueue(
            async (symbol, signal) => {
              const snapshot = await fetch(symbol, limit, signal);
              return this.#syncOf(symbol).onSnapshot(snapshot) === 'live';
            },
            {
              concurrency: 4,
              initialRetryMs: 250,
              maxRetryMs: 30_000,
              clock: this.#clock,
              logger,
              onError: (symbol, error) =>
                logger.warn(`snapshot of ${symbol} failed (retrying)`, { error: (error as Error)?.message }),
            },
          );
  }

  /** True while `symbol`'s book is live (correct at its last update id). */
  isLive(symbol: string): boolean {
    return this.#syncs.get(symbol)?.live === true;
  }

  /** Update id of `symbol`'s live book, or undefined. */
  lastUpdateId(symbol: string): number | undefined {
    const sync = this.#syncs.get(symbol);
    return sync?.live ? sync.lastUpdateId : undefined;
  }

  /** Stops background snapshot fetching (if `fetchSnapshot` was given). */
  close(): void {
    this.#queue?.close();
  }

  protected override handleMessage(msg: unknown): void {
    if (msg === null || typeof msg !== 'object') return;
    const m = msg as Record<string, unknown>;
    // Combined market streams wrap payloads as {stream, data}; the Spot WS API user data as {subscriptionId, event}.
    const data = (m.data ?? m.event ?? m) as Record<string, unknown>;
    if (data === null || typeof data !== 'object') return;
    switch (data.e) {
      case 'depthUpdate':
        this.#onDiff(data as unknown as DepthDiff & { s: string });
        return;
      case 'trade':
      case 'aggTrade':
        this.trades.insert([tradeFromEvent(data, this.#names(String(data.s)))]);
        return;
      case '24hrTicker':
        this.ticker.update([tickerFromEvent(data, this.#names(String(data.s)))]);
        return;
      case 'bookTicker':
        this.#onBookTicker(data);
        return;
      case 'executionReport':
        this.#onOrder(orderFromExecutionReport(data, this.#names(String(data.s))));
        return;
      case 'ORDER_TRADE_UPDATE': {
        const o = (data.o ?? {}) as Record<string, unknown>;
        this.#onOrder(orderFromOrderTradeUpdate(data, this.#names(String(o.s))));
        return;
      }
      case 'outboundAccountPosition':
        this.balances.update(balancesFromAccountPosition(data));
        return;
      case 'ACCOUNT_UPDATE':
        this.balances.update(balancesFromAccountUpdate(data, (asset) => this.balances.get({ asset })));
        this.#onPositions(data);
        return;
      default:
        // Spot book tickers have no event type: {u, s, b, B, a, A}.
        if (data.e === undefined && typeof data.u === 'number' && 'b' in data && 'a' in data && 'B' in data)
          this.#onBookTicker(data);
    }
  }

  protected override handleResponse(path: string, data: unknown, url: URL | undefined): boolean {
    if (path.endsWith('/depth')) {
      const symbol = url?.searchParams.get('symbol');
      if (!symbol)
        throw new ValidationError(`initialize: ${path} needs its URL (with ?symbol=) to know the book`, {
          venue: 'binance',
        });
      const outcome = this.#syncOf(symbol).onSnapshot(data as DepthSnapshot);
      if (outcome !== 'live')
        throw new SequenceGapError(
          `initialize: the ${symbol} snapshot does not fit the buffered diffs (${outcome}); fetch a newer one`,
          { venue: 'binance', details: { symbol, outcome } },
        );
      return true;
    }
    if (path === '/api/v3/openOrders' || path === '/fapi/v1/openOrders') {
      const symbol = url?.searchParams.get('symbol') ?? undefined;
      this.orders.findAndDelete(symbol === undefined ? undefined : { symbol });
      const market = this.market;
      this.orders.insert((data as OrderWire[]).map((o) => parseOrder(o, this.#names(o.symbol), market)));
      return true;
    }
    if (path === '/api/v3/account') {
      this.balances.clear();
      this.balances.insert(parseSpotBalances(data as SpotAccountWire));
      return true;
    }
    if (/^\/fapi\/v[23]\/balance$/.test(path)) {
      this.balances.clear();
      this.balances.insert(parseFuturesBalances(data as FuturesBalanceWire[]));
      return true;
    }
    if (/^\/fapi\/v[23]\/account$/.test(path)) {
      const assets = ((data as { assets?: Array<Record<string, string>> }).assets ?? []).map((a) => ({
        asset: a.asset!,
        balance: a.walletBalance!,
        availableBalance: a.availableBalance!,
      }));
      this.balances.clear();
      this.balances.insert(parseFuturesBalances(assets as unknown as FuturesBalanceWire[]));
      return true;
    }
    if (/^\/fapi\/v[23]\/positionRisk$/.test(path)) {
      this.positions.clear();
      this.positions.insert(parsePositions(data as PositionRiskWire[], (s) => this.#names(s)));
      return true;
    }
    return false;
  }

  #syncOf(symbol: string): BookSync {
    let sync = this.#syncs.get(symbol);
    if (sync === undefined) {
      sync = new BookSync(symbol, this.market, this.book, this.#o.maxBufferedDiffs ?? 10_000);
      this.#syncs.set(symbol, sync);
    }
    return sync;
  }

  #onDiff(diff: DepthDiff & { s: string }): void {
    const sync = this.#syncOf(String(diff.s));
    const outcome = sync.onDiff(diff);
    // With fetchSnapshot, the first diff of a book fetches its snapshot (the queue skips repeats).
    if (outcome === 'buffered' && sync.buffered === 1) this.#queue?.request(sync.symbol);
    if (outcome !== 'gap' && outcome !== 'invalid') return;
    this.#o.onGap?.(sync.symbol, sync.lastError ?? outcome);
    this.#queue?.request(sync.symbol);
  }

  #onBookTicker(data: Record<string, unknown>): void {
    const t = tickerFromBookTicker(data, this.#names(String(data.s)), this.#clock.now());
    this.ticker.update([
      {
        venue: t.venue,
        symbol: t.symbol,
        unifiedSymbol: t.unifiedSymbol,
        bid: t.bid,
        bidSize: t.bidSize,
        ask: t.ask,
        askSize: t.askSize,
        timestamp: t.timestamp,
      },
    ]);
  }

  #onOrder(order: Order): void {
    if (FINAL.has(order.status)) this.orders.delete([{ symbol: order.symbol, id: order.id }]);
    else this.orders.update([order]);
  }

  #onPositions(data: Record<string, unknown>): void {
    for (const change of positionsFromAccountUpdate(data, this.#names)) {
      if (change.open) {
        const p = change.position;
        // One-way mode: a position that flipped sides leaves its old side.
        this.positions.delete([{ symbol: p.symbol, side: p.side === 'long' ? 'short' : 'long' }]);
        this.positions.insert([p]);
      } else {
        const symbol = this.#names(change.symbol).symbol;
        if (change.positionSide !== 'SHORT') this.positions.delete([{ symbol, side: 'long' }]);
        if (change.positionSide !== 'LONG') this.positions.delete([{ symbol, side: 'short' }]);
      }
    }
  }
}
