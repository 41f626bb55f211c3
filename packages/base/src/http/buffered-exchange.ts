// One HTTP request/response exchange, driven through undici's dispatch API with a handler that
// buffers the whole body as it arrives. This is the layer undici's own `request()` is built on,
// minus the Readable stream it creates per response: REST answers from venues are small JSON
// documents read in full, so collecting the chunks and decoding them once is the lean path.
//
// The exchange holds one slot of its session's ConnectionGate from dispatch until undici is done
// with the request, and can be aborted at any stage (queued at the gate, queued in undici, on
// the wire); the promise settles at once, the slot is returned when undici lets go.
import type { Dispatcher } from 'undici';
import { NetworkError, type VenueError } from '../errors.js';
import type { ConnectionGate, GateWaiter } from './connection-gate.js';
import { safeUrlText } from './safe-url.js';
import { transportError } from './transport-errors.js';

/** Response headers as undici parses them: lower-case names; repeated headers become arrays. */
export type HttpHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What an exchange sends. `path` includes the query string; `body` is the exact text sent. */
export interface ExchangeRequest {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

/** The parts of a session an exchange needs. */
export interface ExchangeHost {
  readonly dispatcher: Dispatcher;
  readonly gate: ConnectionGate;
  readonly maxResponseBytes: number;
}

const EMPTY_HEADERS: HttpHeaders = Object.freeze({});
const QUEUED = 0;
const DISPATCHED = 1;
const FINISHED = 2;

/** A request in progress; `promise` resolves to the exchange itself once the body is complete. */
export class BufferedExchange implements Dispatcher.DispatchHandler, GateWaiter {
  /** HTTP status code (0 until the response starts). */
  status = 0;
  /** HTTP reason phrase. */
  statusText = '';
  /** Response headers. */
  headers: HttpHeaders = EMPTY_HEADERS;
  /** The response body, decoded as UTF-8. */
  body = '';
  /** True once undici put the request on a socket: from then on it may have reached the server. */
  sent = false;
  /** Settles when the exchange completes, fails or is aborted. */
  readonly promise: Promise<BufferedExchange>;

  readonly #host: ExchangeHost;
  readonly #request: ExchangeRequest;
  readonly #venue: string | undefined;
  #resolve!: (value: BufferedExchange) => void;
  #reject!: (reason: unknown) => void;
  #state = QUEUED;
  #settled = false;
  #controller: Dispatcher.DispatchController | undefined;
  #abortReason: Error | undefined;
  #first: Buffer | undefined;
  #chunks: Buffer[] | undefined;
  #bytes = 0;

  constructor(host: ExchangeHost, request: ExchangeRequest, venue?: string) {
    this.#host = host;
    this.#request = request;
    this.#venue = venue;
    this.promise = new Promise<BufferedExchange>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Called by the gate when this exchange receives a slot. */
  grant(): void {
    this.#state = DISPATCHED;
    try {
      // The request object already has the shape undici's dispatch options expect.
      this.#host.dispatcher.dispatch(this.#request as Dispatcher.DispatchOptions, this);
    } catch (error) {
      // Dispatchers report most failures through onResponseError; a few throw (bad options).
      this.onResponseError(undefined, error as Error);
    }
  }

  /** Stops the exchange; the promise rejects with `reason` now, whatever stage it is in. */
  abort(reason: Error): void {
    if (this.#settled) return;
    if (this.#state === QUEUED) {
      this.#host.gate.cancel(this);
      this.#state = FINISHED;
      this.#fail(reason);
      return;
    }
    this.#abortReason = reason;
    // Undici reports the abort through onResponseError, which returns the slot.
    this.#controller?.abort(reason);
    this.#fail(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.#abortReason !== undefined) {
      controller.abort(this.#abortReason);
      return;
    }
    this.#controller = controller;
    this.sent = true;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    this.headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#bytes += chunk.length;
    if (this.#bytes > this.#host.maxResponseBytes) {
      controller.abort(
        new NetworkError(
          `${this.#describe()} failed: response larger than maxResponseBytes (${this.#host.maxResponseBytes})`,
          { venue: this.#venue, status: this.status },
        ),
      );
      return;
    }
    if (this.#first === undefined) this.#first = chunk;
    else if (this.#chunks === undefined) this.#chunks = [this.#first, chunk];
    else this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.#finish();
    if (this.#settled) return;
    this.#settled = true;
    if (this.#chunks !== undefined) this.body = Buffer.concat(this.#chunks, this.#bytes).toString('utf8');
    else if (this.#first !== undefined) this.body = this.#first.toString('utf8');
    this.#first = undefined;
    this.#chunks = undefined;
    this.#resolve(this);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#finish();
    this.#first = undefined;
    this.#chunks = undefined;
    if (this.#settled) return;
    this.#fail(transportError(error, this.#describe(), this.#venue, this.sent));
  }

  #finish(): void {
    if (this.#state === DISPATCHED) this.#host.gate.release();
    this.#state = FINISHED;
  }

  #fail(error: VenueError | Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#reject(error);
  }

  #describe(): string {
    return `${this.#request.method} ${safeUrlText(this.#request.origin, this.#request.path)}`;
  }
}
