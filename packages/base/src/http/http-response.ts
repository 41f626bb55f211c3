// The response a Client hands back: status, headers, the requested URL (with secret query values
// redacted) and the fully buffered body, decoded as JSON on demand with a single JSON.parse.
import { ValidationError } from '../errors.js';
import type { HttpHeaders } from './buffered-exchange.js';
import { safeUrlText } from './safe-url.js';

const UNDECODED = 0;
const JSON_BODY = 1;
const TEXT_BODY = 2;

/** A complete HTTP response. Treat `headers` and decoded data as read-only. */
export class HttpResponse {
  /** HTTP status code. */
  readonly status: number;
  /** HTTP reason phrase (may be empty). */
  readonly statusText: string;
  /** Response headers: lower-case names; repeated headers are arrays. */
  readonly headers: HttpHeaders;
  /** The response body as text. */
  readonly body: string;
  readonly #url: URL;
  #safeUrl: string | undefined;
  #decoded = UNDECODED;
  #data: unknown;

  /** @internal Built by the Client from a finished exchange. */
  constructor(status: number, statusText: string, headers: HttpHeaders, body: string, url: URL) {
    this.status = status;
    this.statusText = statusText;
    this.headers = headers;
    this.body = body;
    this.#url = url;
  }

  /** True for 2xx statuses. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The URL requested, with signature/key/token query values replaced by `[REDACTED]`. */
  get url(): string {
    this.#safeUrl ??= safeUrlText(this.#url.origin, this.#url.pathname + this.#url.search);
    return this.#safeUrl;
  }

  /** True when the body parsed as JSON (the Content-Type is not consulted). */
  get isJson(): boolean {
    if (this.#decoded === UNDECODED) this.#decode();
    return this.#decoded === JSON_BODY;
  }

  /** The decoded JSON when the body is JSON, else the body text (check {@link isJson}). */
  get data(): unknown {
    if (this.#decoded === UNDECODED) this.#decode();
    return this.#data;
  }

  /** The first value of header `name` (case-insensitive), or `undefined`. */
  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /** The body text. */
  text(): Promise<string> {
    return Promise.resolve(this.body);
  }

  /** The decoded JSON body; rejects with ValidationError when the body is not JSON. */
  json<T = unknown>(): Promise<T> {
    if (this.isJson) return Promise.resolve(this.#data as T);
    const preview = this.body.length > 120 ? `${this.body.slice(0, 120)}…` : this.body;
    return Promise.reject(
      new ValidationError(
        `Response from ${this.url} (HTTP ${this.status}) is not JSON: ${JSON.stringify(preview)}`,
        {
          status: this.status,
        },
      ),
    );
  }

  /** A plain, secret-free summary for logs. */
  toJSON(): Record<string, unknown> {
    return { status: this.status, statusText: this.statusText, url: this.url, headers: this.headers };
  }

  #decode(): void {
    try {
      this.#data = JSON.parse(this.body);
      this.#decoded = JSON_BODY;
    } catch {
      this.#data = this.body;
      this.#decoded = TEXT_BODY;
    }
  }
}
