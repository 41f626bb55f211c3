// Turns market events into stream messages for the streams somebody is subscribed to: every
// depth diff to the diff and partial-depth streams, every trade to trade / aggTrade, candles and
// tickers after trades, book tickers when the top changes, mark prices at most once a second.
import type { DepthEvent, MarketListener, TradeEvent } from '../market/events.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import type { VenueContext } from '../venue-context.js';
import type { StreamHub } from './stream-hub.js';
import type { StreamInfo } from './stream-names.js';
import {
  aggTradePayload,
  avgPricePayloadObject,
  bookTickerPayloadObject,
  depthDiffPayload,
  klinePayload,
  markPricePayloadObject,
  miniTickerPayloadObject,
  partialDepthPayload,
  tickerPayloadObject,
  tradePayload,
} from './stream-payloads.js';

interface SymbolStreams {
  readonly streams: Map<string, StreamInfo>;
  /** Trades since candles / tickers were last published. */
  traded: boolean;
  lastTop: string;
  lastMarkAt: number;
}

/** Publishes a market's events to a {@link StreamHub}. */
export class StreamPublisher implements MarketListener {
  readonly #venue: VenueContext;
  readonly #hub: StreamHub;
  readonly #bySymbol = new Map<string, SymbolStreams>();
  readonly #global = new Map<string, StreamInfo>();
  #tradedGlobal = false;

  /** Creates the publisher for `hub`. */
  constructor(venue: VenueContext, hub: StreamHub) {
    this.#venue = venue;
    this.#hub = hub;
  }

  /** A stream got its first subscriber. */
  streamAdded(info: StreamInfo): void {
    if (info.symbol === undefined) {
      this.#global.set(info.name, info);
      return;
    }
    let s = this.#bySymbol.get(info.symbol);
    if (s === undefined) {
      s = { streams: new Map(), traded: false, lastTop: '', lastMarkAt: Number.NEGATIVE_INFINITY };
      this.#bySymbol.set(info.symbol, s);
    }
    s.streams.set(info.name, info);
  }

  /** A stream lost its last subscriber. */
  streamRemoved(info: StreamInfo): void {
    if (info.symbol === undefined) this.#global.delete(info.name);
    else this.#bySymbol.get(info.symbol)?.streams.delete(info.name);
  }

  /** MarketListener: a trade. */
  onTrade(t: TradeEvent): void {
    const s = this.#bySymbol.get(t.cfg.symbol);
    if (s !== undefined) {
      s.traded = true;
      for (const info of s.streams.values()) {
        if (info.kind === 'trade') this.#hub.publish(info, () => tradePayload(t));
        else if (info.kind === 'aggTrade') this.#hub.publish(info, () => aggTradePayload(t));
      }
    }
    if (this.#global.size > 0) this.#tradedGlobal = true;
  }

  /** MarketListener: a depth diff; also the moment candles, tickers and book tickers go out. */
  onDepth(ev: DepthEvent): void {
    const s = this.#bySymbol.get(ev.cfg.symbol);
    const m = this.#venue.market.get(ev.cfg.symbol)!;
    if (s !== undefined && s.streams.size > 0) this.#publishSymbol(s, m, ev);
    if (this.#global.size > 0 && this.#tradedGlobal) {
      this.#tradedGlobal = false;
      this.#publishGlobal(ev.time);
    }
  }

  #publishSymbol(s: SymbolStreams, m: SymbolMarket, ev: DepthEvent): void {
    const now = ev.time;
    let diff: string | undefined;
    const traded = s.traded;
    s.traded = false;
    for (const info of s.streams.values()) {
      switch (info.kind) {
        case 'depth':
          this.#hub.publish(info, () => (diff ??= depthDiffPayload(ev)));
          break;
        case 'partialDepth':
          this.#hub.publish(info, () => partialDepthPayload(m, info.levels, ev));
          break;
        case 'bookTicker': {
          const top = `${m.bids.best()}:${m.bids.qtyAt(m.bids.best() ?? 0)}:${m.asks.best()}:${m.asks.qtyAt(m.asks.best() ?? 0)}`;
          if (top !== s.lastTop) {
            s.lastTop = top;
            this.#hub.publish(info, () => JSON.stringify(bookTickerPayloadObject(m, now)));
          }
          break;
        }
        case 'markPrice':
          if (now - s.lastMarkAt >= 1000) {
            s.lastMarkAt = now;
            this.#hub.publish(info, () => JSON.stringify(markPricePayloadObject(m, now)));
          }
          break;
        case 'kline':
          if (traded)
            this.#hub.publish(info, () =>
              klinePayload(m.cfg, info.interval, m.klines.current(info.interval, now), now),
            );
          break;
        case 'ticker':
          if (traded) this.#hub.publish(info, () => JSON.stringify(tickerPayloadObject(m, now)));
          break;
        case 'miniTicker':
          if (traded) this.#hub.publish(info, () => JSON.stringify(miniTickerPayloadObject(m, now)));
          break;
        case 'avgPrice':
          if (traded) this.#hub.publish(info, () => JSON.stringify(avgPricePayloadObject(m, now)));
          break;
        default:
          break;
      }
    }
  }

  #publishGlobal(now: number): void {
    const markets = this.#venue.market.symbols.map((c) => this.#venue.market.get(c.symbol)!);
    for (const info of this.#global.values()) {
      switch (info.kind) {
        case 'allMiniTicker':
          this.#hub.publish(info, () => JSON.stringify(markets.map((m) => miniTickerPayloadObject(m, now))));
          break;
        case 'allTicker':
          this.#hub.publish(info, () => JSON.stringify(markets.map((m) => tickerPayloadObject(m, now))));
          break;
        case 'allBookTicker':
          for (const m of markets)
            this.#hub.publish(info, () => JSON.stringify(bookTickerPayloadObject(m, now)));
          break;
        default:
          this.#hub.publish(info, () => JSON.stringify(markets.map((m) => markPricePayloadObject(m, now))));
      }
    }
  }
}
