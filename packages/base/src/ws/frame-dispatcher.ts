// The per-frame hot path of a WebSocketApp: hands each frame to the user's handlers
// synchronously (raw bytes first, then text, binary, JSON) and to pending `waitForJson` waits. A
// frame that is not valid JSON, or a handler that throws, is reported and the next frame is read
// as usual.
import type { WebSocket } from 'ws';
import { ValidationError } from '../errors.js';
import type { ResolvedAppOptions } from './app-options.js';
import { MalformedFrameError } from './errors.js';
import type { JsonWaiters } from './json-waiters.js';

/** Returned by {@link parseJsonFrame} for a frame that is not valid JSON (already reported). */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/** Parses a frame's text as JSON; on failure reports a MalformedFrameError and returns {@link NOT_JSON}. */
export function parseJsonFrame(text: string, report: (error: Error) => void): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    report(
      new MalformedFrameError(`received a frame that is not valid JSON: ${(error as Error).message}`, {
        cause: error,
        details: { length: text.length, preview: text.slice(0, 120) },
      }),
    );
    return NOT_JSON;
  }
}

/** Routes frames of one app to its handlers. */
export class FrameDispatcher {
  readonly #onFrame: ResolvedAppOptions['onFrame'];
  readonly #onJson: ResolvedAppOptions['onJson'];
  readonly #onText: ResolvedAppOptions['onText'];
  readonly #onBinary: ResolvedAppOptions['onBinary'];
  readonly #waiters: JsonWaiters;
  readonly #report: (error: Error) => void;

  constructor(options: ResolvedAppOptions, waiters: JsonWaiters, report: (error: Error) => void) {
    this.#onFrame = options.onFrame;
    this.#onJson = options.onJson;
    this.#onText = options.onText;
    this.#onBinary = options.onBinary;
    this.#waiters = waiters;
    this.#report = report;
  }

  /**
   * One frame: `onFrame` first (done if it returns true); binary → `onBinary` (or JSON, when
   * there is no `onBinary`); text → `onText`, then parsed for `onJson` and the waits. The literal
   * `ping` / `pong` text is not parsed.
   */
  dispatch(data: Buffer, isBinary: boolean, socket: WebSocket): void {
    const onFrame = this.#onFrame;
    if (onFrame !== undefined) {
      try {
        if (onFrame(data, isBinary, socket)) return;
      } catch (error) {
        this.#handlerFailed('onFrame', error);
        return;
      }
    }
    let text: string | undefined;
    if (isBinary) {
      if (this.#onBinary !== undefined) {
        try {
          this.#onBinary(data, socket);
        } catch (error) {
          this.#handlerFailed('onBinary', error);
        }
        return;
      }
    } else if (this.#onText !== undefined) {
      text = data.toString();
      try {
        this.#onText(text, socket);
      } catch (error) {
        this.#handlerFailed('onText', error);
      }
    }
    const onJson = this.#onJson;
    if (onJson === undefined && this.#waiters.size === 0) return;
    if (text === undefined) text = data.toString();
    if (text.length === 4 && (text === 'pong' || text === 'ping')) return;
    const message = parseJsonFrame(text, this.#report);
    if (message === NOT_JSON) return;
    if (this.#waiters.size > 0) this.#waiters.offer(message);
    if (onJson === undefined) return;
    try {
      onJson(message, socket);
    } catch (error) {
      this.#handlerFailed('onJson', error);
    }
  }

  /** A user handler threw: report its error as is (wrapped if not an Error); keep reading. */
  #handlerFailed(name: string, error: unknown): void {
    this.#report(
      error instanceof Error ? error : new ValidationError(`${name} handler threw: ${String(error)}`),
    );
  }
}
