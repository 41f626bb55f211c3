// The `tickers.{symbol}` topics of one BybitMarketWatchers, each shared by every watchTicker
// iterator of it: one subscription and one TickerMerger per topic, so a linear delta is merged
// once and every iterator sees the same complete ticker; an iterator that joins a live topic
// starts from the merged state. A merger that gets a delta before any snapshot (the topic was
// already held by another listener of the streams, so Bybit sent no snapshot to us) asks for a
// fresh one with `resubscribe` instead of yielding a ticker without open / high / low. The topic
// and its merger are dropped when the last iterator leaves. An iterator gets each ticker once: the
// merged state is handed to a joiner only if no ticker reached it while its subscribe was pending
// (Bybit's snapshot often arrives in the same read as the acknowledgement).
import type { PoolSubscription, Ticker } from '@venuekit/base';
import type { BybitStreamMessage } from './public-protocol.js';
import type { BybitPublicStreams } from './public-streams.js';
import { type StreamSymbolNames, TickerMerger } from './stream-events.js';

/** Where one iterator takes tickers. */
export interface TickerSink {
  push(ticker: Ticker): void;
  fail(error: unknown): void;
}

/** A sink of a topic, and whether a ticker already reached it. */
interface Joined {
  readonly sink: TickerSink;
  fed: boolean;
}

interface TickerTopic {
  readonly topic: string;
  readonly merger: TickerMerger;
  readonly sinks: Set<Joined>;
  /** The last ticker merged, for iterators that join. */
  last: Ticker | undefined;
  readonly subscription: Promise<PoolSubscription>;
  resyncing: boolean;
}

/** Shared ticker topics of one category's streams. */
export class SharedTickers {
  readonly #streams: BybitPublicStreams;
  readonly #topics = new Map<string, TickerTopic>();

  constructor(streams: BybitPublicStreams) {
    this.#streams = streams;
  }

  /**
   * Adds `sink` to `topic` (subscribing it if this is its first iterator) and resolves, once the
   * topic is acknowledged, with the function that takes the sink off. The sink gets the current
   * ticker first, when there is one and no ticker reached it while it waited (never one twice).
   */
  async join(topic: string, names: StreamSymbolNames, sink: TickerSink): Promise<() => Promise<void>> {
    const shared = this.#topics.get(topic) ?? this.#open(topic, names);
    const joined: Joined = { sink, fed: false };
    shared.sinks.add(joined);
    try {
      await shared.subscription;
    } catch (error) {
      shared.sinks.delete(joined);
      throw error;
    }
    if (!joined.fed && shared.last !== undefined) {
      joined.fed = true;
      sink.push(shared.last);
    }
    return () => this.#leave(shared, joined);
  }

  #open(topic: string, names: StreamSymbolNames): TickerTopic {
    const shared: TickerTopic = {
      topic,
      merger: new TickerMerger(names),
      sinks: new Set(),
      last: undefined,
      subscription: this.#streams.subscribe(topic, (m) => this.#onMessage(shared, m), {
        onError: (error) => this.#failed(shared, error),
      }),
      resyncing: false,
    };
    shared.subscription.catch(() => {
      if (this.#topics.get(topic) === shared) this.#topics.delete(topic);
    });
    this.#topics.set(topic, shared);
    return shared;
  }

  #onMessage(shared: TickerTopic, message: BybitStreamMessage): void {
    try {
      if (message.type === 'delta' && !shared.merger.hasSnapshot) {
        this.#resync(shared);
        return;
      }
      const ticker = shared.merger.apply(message.type, message.data, message.ts);
      shared.last = ticker;
      for (const joined of shared.sinks) {
        joined.fed = true;
        joined.sink.push(ticker);
      }
    } catch (error) {
      this.#streams.events.emit('error', error as Error);
    }
  }

  /** Asks Bybit for a fresh snapshot of the topic (once at a time); a failure fails the topic. */
  #resync(shared: TickerTopic): void {
    if (shared.resyncing) return;
    shared.resyncing = true;
    this.#streams.resubscribe(shared.topic).then(
      () => {
        shared.resyncing = false;
      },
      // The topic failed for every listener (onError above), or everyone left meanwhile.
      () => {
        shared.resyncing = false;
      },
    );
  }

  #failed(shared: TickerTopic, error: Error): void {
    if (this.#topics.get(shared.topic) === shared) this.#topics.delete(shared.topic);
    for (const joined of shared.sinks) joined.sink.fail(error);
    shared.sinks.clear();
  }

  async #leave(shared: TickerTopic, joined: Joined): Promise<void> {
    if (!shared.sinks.delete(joined) || shared.sinks.size > 0) return;
    if (this.#topics.get(shared.topic) === shared) this.#topics.delete(shared.topic);
    const subscription = await shared.subscription.catch(() => undefined);
    await subscription?.unsubscribe();
  }
}
