// BybitDataStore: the stores of Bybit's public and private streams in one DataStoreCollection
// (after pybotters' BybitDataStore): `orderbook` (an OrderBookStore kept by Bybit's rules —
// a snapshot or `u = 1` replaces the symbol's book, size "0" deletes, a gap in `u` clears the book
// and, when the socket is given, resubscribes the topic for a fresh snapshot), `trade`, `ticker`
// (linear deltas merged), `kline`, `order` (open orders only), `execution`, `position` and
// `wallet`. Feed it with `onmessage` from any socket carrying Bybit frames; seed it with
// `initialize(...)` from REST responses (open orders, positions, wallet, tickers, klines).
// Bybit's frames do not say their category, so books and tickers are keyed by symbol: use one
// store per category (spot and linear `BTCUSDT` are different markets), and one depth per symbol.
import { DataStore, DataStoreCollection, OrderBookStore, VenueError } from '@venuekit/base';
import { type BookData, BybitBookSync } from '../book/book-sync.js';
import {
  type BybitExecutionItem,
  type BybitKlineItem,
  type BybitOrderItem,
  type BybitPositionItem,
  type BybitTickerItem,
  type BybitTradeItem,
  type BybitWalletItem,
  CLOSED_ORDER_STATUSES,
} from './store-items.js';

/**
 * What the store needs to resync a book: a socket that sends text (a `WebSocketApp`, a `ws`
 * socket), or something that resubscribes a topic for a fresh snapshot (`BybitPublicStreams`,
 * which keeps the topic's other listeners).
 */
export type BybitStoreSocket =
  | { send(data: string): void }
  | { resubscribe(topic: string): Promise<unknown> };

type Wire = Record<string, unknown>;

/** Public and private Bybit stores fed from socket messages and REST responses. */
export class BybitDataStore extends DataStoreCollection<BybitStoreSocket> {
  /** Order books by symbol, sorted; only live books are in it. */
  readonly orderbook = this.add('orderbook', new OrderBookStore({ name: 'orderbook' }));
  /** Public trades, oldest first (at most 99,999). */
  readonly trade = this.add('trade', new DataStore<BybitTradeItem>({ name: 'trade', maxlen: 99_999 }));
  /** Tickers by symbol. */
  readonly ticker = this.add('ticker', new DataStore<BybitTickerItem>({ name: 'ticker', keys: ['symbol'] }));
  /** Candles by symbol, interval and start. */
  readonly kline = this.add(
    'kline',
    new DataStore<BybitKlineItem>({ name: 'kline', keys: ['symbol', 'interval', 'start'] }),
  );
  /** Open orders by orderId (closed ones are deleted). */
  readonly order = this.add('order', new DataStore<BybitOrderItem>({ name: 'order', keys: ['orderId'] }));
  /** Executions, oldest first (at most 99,999). */
  readonly execution = this.add(
    'execution',
    new DataStore<BybitExecutionItem>({ name: 'execution', maxlen: 99_999 }),
  );
  /** Positions by category, symbol and positionIdx. */
  readonly position = this.add(
    'position',
    new DataStore<BybitPositionItem>({ name: 'position', keys: ['category', 'symbol', 'positionIdx'] }),
  );
  /** Wallet coins by accountType and coin. */
  readonly wallet = this.add(
    'wallet',
    new DataStore<BybitWalletItem>({ name: 'wallet', keys: ['accountType', 'coin'] }),
  );
  readonly #books = new Map<string, BybitBookSync>();
  readonly #resyncing = new Set<string>();
  #resyncs = 0;
  #otherDepthMessages = 0;

  /** Book resubscriptions sent so far (gaps found while a socket was given). */
  get resyncs(): number {
    return this.#resyncs;
  }

  /**
   * Book deltas skipped because their depth is not the one the symbol's book follows (two
   * depths of one symbol subscribed at once: the latest snapshot's depth is kept).
   */
  get otherDepthMessages(): number {
    return this.#otherDepthMessages;
  }

  /** The book state of `symbol` (update id, live, counters), if its topic was seen. */
  book(symbol: string): BybitBookSync | undefined {
    return this.#books.get(symbol);
  }

  protected override handleMessage(msg: unknown, ws: BybitStoreSocket | undefined): void {
    if (msg === null || typeof msg !== 'object') return;
    const m = msg as { topic?: unknown; type?: unknown; data?: unknown };
    const topic = m.topic;
    if (typeof topic !== 'string') return;
    const data = m.data;
    const dot = topic.indexOf('.');
    const kind = dot < 0 ? topic : topic.slice(0, dot);
    switch (kind) {
      case 'orderbook':
        this.#onBook(topic, m.type as string | undefined, data as BookData, ws);
        return;
      case 'publicTrade':
        if (Array.isArray(data)) this.trade.insert(data as BybitTradeItem[]);
        return;
      case 'tickers':
        if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
          if (m.type === 'snapshot') this.ticker.insert([data as BybitTickerItem]);
          else this.ticker.update([data as BybitTickerItem]);
        }
        return;
      case 'kline': {
        if (!Array.isArray(data)) return;
        const symbol = topic.slice(topic.lastIndexOf('.') + 1);
        this.kline.update((data as Wire[]).map((k) => ({ ...k, symbol }) as BybitKlineItem));
        return;
      }
      case 'order':
        if (Array.isArray(data)) this.#onOrders(data as BybitOrderItem[]);
        return;
      case 'execution':
        if (Array.isArray(data)) this.execution.insert(data as BybitExecutionItem[]);
        return;
      case 'position':
        if (Array.isArray(data)) this.position.update(data as BybitPositionItem[]);
        return;
      case 'wallet':
        if (Array.isArray(data)) this.#onWallet(data as Wire[]);
        return;
    }
  }

  protected override handleResponse(path: string, data: unknown, url: URL | undefined): boolean {
    switch (path) {
      case '/v5/order/realtime': {
        const r = resultOf(path, data);
        this.#onOrders(withCategory(r));
        return true;
      }
      case '/v5/position/list':
        this.position.update(withCategory(resultOf(path, data)) as unknown as BybitPositionItem[]);
        return true;
      case '/v5/account/wallet-balance':
        this.#onWallet(listOf(resultOf(path, data)));
        return true;
      case '/v5/market/tickers':
        this.ticker.insert(listOf(resultOf(path, data)) as BybitTickerItem[]);
        return true;
      case '/v5/market/kline': {
        const r = resultOf(path, data) as { symbol?: string; list?: unknown[] };
        const interval = url?.searchParams.get('interval') ?? '';
        const symbol = r.symbol ?? url?.searchParams.get('symbol') ?? '';
        // REST klines are newest first: store them oldest first, like the stream adds them.
        const rows = [...(r.list ?? [])].reverse() as string[][];
        this.kline.update(
          rows.map(([start, open, high, low, close, volume, turnover]) => ({
            symbol,
            interval,
            start: Number(start),
            open,
            high,
            low,
            close,
            volume,
            turnover,
          })),
        );
        return true;
      }
      case '/v5/execution/list':
        this.execution.insert(withCategory(resultOf(path, data)) as unknown as BybitExecutionItem[]);
        return true;
      default:
        return false;
    }
  }

  #onBook(topic: string, type: string | undefined, data: BookData, ws: BybitStoreSocket | undefined): void {
    const last = topic.lastIndexOf('.');
    const symbol = topic.slice(last + 1);
    const depth = Number(topic.slice(topic.indexOf('.') + 1, last));
    let sync = this.#books.get(symbol);
    if (sync !== undefined && sync.depth !== depth) {
      // One book per symbol: a snapshot of another depth (a new subscription) takes the book
      // over; deltas of a depth that is not the book's are not this book's and are skipped, so
      // two depths subscribed at once do not reset each other on every message.
      if (type !== 'snapshot') {
        this.#otherDepthMessages++;
        return;
      }
      sync.reset('depth changed');
      sync = undefined;
    }
    if (sync === undefined) {
      sync = new BybitBookSync(symbol, depth, this.orderbook);
      this.#books.set(symbol, sync);
    }
    const outcome = sync.onMessage(type, data);
    if (outcome === 'snapshot' || outcome === 'reset') this.#resyncing.delete(topic);
    else if ((outcome === 'gap' || outcome === 'invalid' || outcome === 'waiting') && ws !== undefined)
      this.#resync(topic, ws);
  }

  /** Unsubscribes and resubscribes `topic` on `ws`: Bybit answers with a fresh snapshot. */
  #resync(topic: string, ws: BybitStoreSocket): void {
    if (this.#resyncing.has(topic)) return;
    this.#resyncing.add(topic);
    this.#resyncs++;
    if ('resubscribe' in ws) {
      // Refused or unanswered, the resubscribe fails the topic for every listener of the streams
      // (their onError is called) and no more frames of it arrive: the book stays as it is until
      // someone subscribes the topic again. Clearing the flag lets that new subscription's
      // first gap or snapshot-less delta ask again.
      ws.resubscribe(topic).catch(() => this.#resyncing.delete(topic));
      return;
    }
    const args = JSON.stringify([topic]);
    ws.send(`{"req_id":"resync-${this.#resyncs}-u","op":"unsubscribe","args":${args}}`);
    ws.send(`{"req_id":"resync-${this.#resyncs}-s","op":"subscribe","args":${args}}`);
  }

  #onOrders(items: readonly BybitOrderItem[]): void {
    const open: BybitOrderItem[] = [];
    const closed: BybitOrderItem[] = [];
    for (const item of items) (CLOSED_ORDER_STATUSES.has(item.orderStatus) ? closed : open).push(item);
    if (open.length > 0) this.order.update(open);
    if (closed.length > 0) this.order.delete(closed);
  }

  #onWallet(accounts: readonly Wire[]): void {
    const coins: BybitWalletItem[] = [];
    for (const account of accounts) {
      const accountType = String(account.accountType ?? '');
      const list = account.coin;
      if (!Array.isArray(list)) continue;
      for (const c of list as Wire[]) coins.push({ ...c, accountType, coin: String(c.coin) });
    }
    if (coins.length > 0) this.wallet.update(coins);
  }
}

/** The `result` of a v5 envelope (or `data` itself when it is no envelope); a retCode ≠ 0 throws. */
function resultOf(path: string, data: unknown): Wire {
  if (data === null || typeof data !== 'object')
    throw new VenueError(`initialize: ${path} did not answer a JSON object`, { venue: 'bybit' });
  const d = data as { retCode?: unknown; retMsg?: unknown; result?: unknown };
  if (d.retCode === undefined) return d as Wire;
  if (d.retCode !== 0)
    throw new VenueError(`initialize: ${path} answered retCode ${String(d.retCode)}: ${String(d.retMsg)}`, {
      venue: 'bybit',
      code: d.retCode as number,
    });
  return (d.result ?? {}) as Wire;
}

function listOf(result: Wire): Wire[] {
  return Array.isArray(result.list) ? (result.list as Wire[]) : [];
}

/** The result's `list`, each item given the result's `category` unless it has its own. */
function withCategory<T>(result: Wire): T[] {
  const category = result.category;
  return listOf(result).map((item) =>
    item.category === undefined && category !== undefined ? { ...item, category } : item,
  ) as T[];
}
