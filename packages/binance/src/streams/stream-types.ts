// The shapes BinanceMarketStreams works with: what users pass and get back (listeners,
// subscriptions, events, connection reports) and its own records of consumers and streams, plus
// the small helpers the stream router and the planned reconnects share.
import type { PoolSubscription, StreamRestored } from '@venuekit/base';
import type { StreamSequence, TopicHandover } from './handover.js';
import type { StreamLane } from './stream-lane.js';
import type { StreamRoute } from './stream-names.js';

/** Why a connection was replaced: its age (the 24-hour cut ahead) or Binance's shutdown notice. */
export type RotateReason = 'age' | 'serverShutdown';

/** Receives each payload of a stream (the `data` of the combined message) and the stream's name. */
export type StreamListener = (data: unknown, stream: string) => void;

/** Options of {@link BinanceMarketStreams.subscribe}. */
export interface StreamSubscribeOptions {
  /** A stream failed after it was established (its resubscription was refused); it is gone. */
  onError?: (error: Error, stream: string) => void;
  /** Gives up waiting for the acknowledgement; nothing stays subscribed for this call. */
  signal?: AbortSignal;
  /**
   * Takes each message as the raw combined-stream frame (`{"stream":…,"data":…}` bytes, valid only
   * during the call) instead of its decoded `data`, for decoders that read bytes; return false to
   * get the decoded `data` through the listener instead. Frames come this way only while every
   * consumer of the stream takes them and the stream is not switching connections; otherwise
   * the listener gets every message, so it must handle everything `onFrame` does.
   */
  onFrame?: (frame: Buffer, stream: string) => boolean;
}

/** A live subscription to one or more streams. */
export interface MarketStreamSubscription extends AsyncDisposable {
  readonly streams: readonly string[];
  /** Stops delivery at once; streams nobody else wants are unsubscribed. */
  unsubscribe(): Promise<void>;
}

/** Events of {@link BinanceMarketStreams} and their payloads. */
export interface BinanceMarketStreamsEvents {
  /** Something went wrong (a listener threw, a restore was refused, a replacement failed); streams go on. */
  error: Error;
  /** A connection's socket opened (first time or after a reconnect). */
  connectionOpen: { connection: number };
  /**
   * After a reconnect, the connection's streams are subscribed again: messages sent while it was
   * down (`downSince`, for `downtimeMs`) are lost. Base's common {@link StreamRestored} payload
   * (`topics` are the stream names), plus `streams`, the same names under their older field.
   */
  restored: StreamRestored & { readonly streams: readonly string[] };
  /** A connection's socket closed (it reconnects unless being replaced) with the streams it carried. */
  connectionClose: { connection: number; code: number; reason: string; streams: readonly string[] };
  /** A planned reconnect finished: every stream of `from` now comes from `to`. */
  rotated: { from: number; to: number; reason: RotateReason };
}

/** What {@link BinanceMarketStreams.connections} reports about one connection. */
export interface StreamConnectionInfo {
  readonly id: number;
  readonly route: StreamRoute;
  readonly streams: readonly string[];
  readonly isOpen: boolean;
  readonly openedAt: number | undefined;
  readonly retiring: boolean;
  readonly pongs: number;
}

/** One subscribe call's listener. */
export interface Consumer {
  readonly fn: StreamListener;
  readonly onError: ((error: Error, stream: string) => void) | undefined;
  readonly onFrame: ((frame: Buffer, stream: string) => boolean) | undefined;
}

/** One wanted stream: its consumers, the connection carrying it, and any handover in progress. */
export interface Topic {
  readonly name: string;
  readonly route: StreamRoute;
  readonly sequence: StreamSequence;
  readonly consumers: Set<Consumer>;
  lane: StreamLane;
  /** The per-stream pool subscription on `lane`, once attached. */
  own: PoolSubscription | undefined;
  /** Settles when the stream is acknowledged on its lane. */
  ready: Promise<void>;
  /**
   * After a handover: the last position the old connection delivered. Messages at or before it
   * on the new connection are repeats (it may lag behind); cleared by the first one past it.
   */
  floor: number | undefined;
  handover: { lane: StreamLane; state: TopicHandover; own: PoolSubscription | undefined } | undefined;
}

/** True when `data` is past the topic's floor (which is then cleared); false for a repeat. */
export function pastFloor(topic: Topic, data: unknown): boolean {
  if (topic.sequence.key(data) <= topic.floor!) return false;
  topic.floor = undefined;
  return true;
}

/** `value` as an Error. */
export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** `promise`, or the signal's reason if it aborts first. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
