// Turns a category market's steps into public stream messages for the topics somebody is
// subscribed to: orderbook snapshots / deltas per depth window, public trades, tickers (spot:
// snapshots on trades; linear: a snapshot on subscribe, then deltas of the changed fields) and
// klines (the live candle on trades; the closed candle with `confirm: true` when a new one opens).
import type { CategoryMarket } from '../market/category-market.js';
import type { MarketListener, StepResult } from '../market/events.js';
import { candleStart, type BybitKlineInterval } from '../market/kline-intervals.js';
import { tickerFields } from '../market/market-json.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import type { PublicHub } from './public-hub.js';
import { depthFrame, klineFrame, tickerFrame, tradeFrame } from './public-payloads.js';
import { parsePublicTopic } from './topics.js';

/** Publishes a category market's steps to a {@link PublicHub}. */
export class PublicPublisher implements MarketListener {
  readonly #market: CategoryMarket;
  readonly #hub: PublicHub;
  /** Linear tickers: the fields subscribers were last told, per topic. */
  readonly #tickerState = new Map<string, Record<string, string>>();
  /** Klines: start of the candle last published, per topic. */
  readonly #klineStart = new Map<string, number>();
  /** Kline topics with subscribers, per symbol (topic → interval). */
  readonly #klineTopics = new Map<string, Map<string, BybitKlineInterval>>();

  /** Creates the publisher and listens to `market`. */
  constructor(market: CategoryMarket, hub: PublicHub) {
    this.#market = market;
    this.#hub = hub;
    market.listen(this);
  }

  /** The messages a new subscriber of `topic` gets right after the ack. */
  initialFrames(topic: string): string[] {
    const parsed = parsePublicTopic(topic, this.#market);
    if ('error' in parsed) return [];
    const m = this.#market.require(parsed.symbol);
    const now = this.#hub.options.now();
    const category = this.#market.category;
    switch (parsed.kind) {
      case 'orderbook': {
        const msg = m.snapshotMessage(m.window(parsed.depth, now));
        return [depthFrame(category, topic, m.cfg, msg, now, m.seq, m.lastTime)];
      }
      case 'tickers': {
        const fields = tickerFields(m, now);
        if (category === 'linear' && !this.#tickerState.has(topic)) this.#tickerState.set(topic, fields);
        return [tickerFrame(category, topic, 'snapshot', streamTicker(category, fields), m.seq, now)];
      }
      case 'kline': {
        const start = candleStart(parsed.interval, now);
        if (!this.#klineStart.has(topic)) this.#klineStart.set(topic, start);
        let topics = this.#klineTopics.get(parsed.symbol);
        if (topics === undefined) {
          topics = new Map();
          this.#klineTopics.set(parsed.symbol, topics);
        }
        topics.set(topic, parsed.interval);
        return [
          klineFrame(topic, m.cfg, parsed.interval, m.klines.candle(parsed.interval, start, now), false, now),
        ];
      }
      default:
        return [];
    }
  }

  /** A topic lost its last subscriber: forget what it was told. */
  topicRemoved(topic: string): void {
    this.#tickerState.delete(topic);
    this.#klineStart.delete(topic);
    for (const topics of this.#klineTopics.values()) topics.delete(topic);
  }

  /** MarketListener: one committed step. */
  onStep(r: StepResult): void {
    const hub = this.#hub;
    const m = r.market;
    const category = this.#market.category;
    const symbol = m.cfg.symbol;
    for (const msg of r.depth) {
      const topic = `orderbook.${msg.window.depth}.${symbol}`;
      if (hub.has(topic))
        hub.publish(topic, () => depthFrame(category, topic, m.cfg, msg, r.time, r.seq, r.time), r.time);
    }
    if (r.trades.length > 0) {
      const topic = `publicTrade.${symbol}`;
      if (hub.has(topic)) hub.publish(topic, () => tradeFrame(category, topic, r.trades, r.time), r.time);
    }
    this.#tickers(r, m);
    const klines = this.#klineTopics.get(symbol);
    if (klines !== undefined)
      for (const [topic, interval] of klines) if (hub.has(topic)) this.#kline(topic, interval, m, r);
  }

  #tickers(r: StepResult, m: SymbolMarket): void {
    const topic = `tickers.${m.cfg.symbol}`;
    if (!this.#hub.has(topic)) return;
    const category = this.#market.category;
    if (category === 'spot') {
      if (r.trades.length > 0) {
        const fields = streamTicker(category, tickerFields(m, r.time));
        this.#hub.publish(
          topic,
          () => tickerFrame(category, topic, 'snapshot', fields, r.seq, r.time),
          r.time,
        );
      }
      return;
    }
    const now = tickerFields(m, r.time);
    const told = this.#tickerState.get(topic) ?? {};
    const delta: Record<string, string> = { symbol: m.cfg.symbol };
    let changed = false;
    for (const [k, v] of Object.entries(now)) {
      if (told[k] !== v) {
        delta[k] = v;
        changed = true;
      }
    }
    if (!changed) return;
    this.#tickerState.set(topic, now);
    this.#hub.publish(
      topic,
      () => tickerFrame(category, topic, 'delta', streamTicker(category, delta), r.seq, r.time),
      r.time,
    );
  }

  #kline(topic: string, interval: BybitKlineInterval, m: SymbolMarket, r: StepResult): void {
    const start = candleStart(interval, r.time);
    const last = this.#klineStart.get(topic);
    if (last !== undefined && last !== start) {
      const closed = m.klines.candle(interval, last, r.time);
      this.#hub.publish(topic, () => klineFrame(topic, m.cfg, interval, closed, true, r.time), r.time);
    }
    if (last !== start || r.trades.length > 0) {
      this.#klineStart.set(topic, start);
      const live = m.klines.candle(interval, start, r.time);
      this.#hub.publish(topic, () => klineFrame(topic, m.cfg, interval, live, false, r.time), r.time);
    }
  }
}

/** Fields a ticker stream carries: spot streams drop the book and index fields, linear streams the REST-only ones. */
function streamTicker(category: string, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (category === 'spot' ? SPOT_STREAM_FIELDS.has(k) : !LINEAR_REST_ONLY.has(k)) out[k] = v;
  }
  return out;
}

const SPOT_STREAM_FIELDS = new Set([
  'symbol',
  'lastPrice',
  'highPrice24h',
  'lowPrice24h',
  'prevPrice24h',
  'volume24h',
  'turnover24h',
  'price24hPcnt',
  'usdIndexPrice',
]);
const LINEAR_REST_ONLY = new Set(['predictedDeliveryPrice', 'basisRate', 'deliveryFeeRate', 'deliveryTime']);
