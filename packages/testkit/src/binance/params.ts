// Request parameters as the simulator reads them, whatever the transport: REST query + form body
// (query wins on duplicates, as on Binance) or a WS API `params` object (values stringified).
import { BinanceErrors } from './errors.js';

const DECIMAL_RE = /^\d{1,20}(\.\d{1,20})?$/;

/** Read-only view of one request's parameters, with validating getters that throw BinanceApiError. */
export class RequestParams {
  readonly #values: Map<string, string>;

  /** Wraps a name → value map. */
  constructor(values: Map<string, string>) {
    this.#values = values;
  }

  /** From a REST request: the query string and the form-encoded body; the query wins on duplicates. */
  static fromRest(query: URLSearchParams, body: string): RequestParams {
    const values = new Map<string, string>();
    if (body.length > 0) for (const [k, v] of new URLSearchParams(body)) values.set(k, v);
    for (const [k, v] of query) values.set(k, v);
    return new RequestParams(values);
  }

  /** From a WS API `params` object: strings as they are, numbers and booleans via String(). */
  static fromObject(params: Record<string, unknown> | undefined): RequestParams {
    const values = new Map<string, string>();
    if (params !== undefined) {
      for (const [k, v] of Object.entries(params)) {
        if (v === undefined || v === null) continue;
        values.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    }
    return new RequestParams(values);
  }

  /** True if `name` was sent (even empty). */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  /** The raw value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const v = this.#values.get(name);
    return v === undefined || v === '' ? undefined : v;
  }

  /** The raw value; -1102 when absent or empty. */
  required(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw BinanceErrors.mandatory(name);
    return v;
  }

  /** An integer parameter within [min, max]; `fallback` when absent. */
  int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.get(name);
    if (v === undefined) return fallback;
    return parseIntParam(name, v, min, max);
  }

  /** An optional integer parameter within [min, max]. */
  optionalInt(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.get(name);
    return v === undefined ? undefined : parseIntParam(name, v, min, max);
  }

  /** A plain decimal string (`123.45`), or undefined; -1100 on other characters. */
  decimal(name: string): string | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    if (!DECIMAL_RE.test(v)) throw BinanceErrors.illegalChars(name);
    return v;
  }

  /** One of `allowed`, or `fallback` when absent; `error()` otherwise. */
  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    fallback: T | undefined,
    error: () => Error,
  ): T | undefined {
    const v = this.get(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) throw error();
    return v as T;
  }

  /** Every name → value pair. */
  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}

function parseIntParam(name: string, v: string, min: number, max: number): number {
  if (!/^-?\d{1,16}$/.test(v)) throw BinanceErrors.mandatory(name);
  const n = Number(v);
  if (n > max) throw BinanceErrors.tooLarge(name, max);
  if (n < min) throw BinanceErrors.invalidParam(name);
  return n;
}
