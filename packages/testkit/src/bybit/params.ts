// Request parameters as the Bybit simulator reads them: a GET query string or a POST JSON body,
// behind one reader. Values are read as text (numbers and booleans in a JSON body are accepted
// and turned into text); errors are left to the caller, who knows the venue's error code.
import { BybitErrors } from './errors.js';

/** Read-only parameters of one request. */
export class BybitParams {
  readonly #values: Map<string, unknown>;

  /** Wraps name → value pairs. */
  constructor(values: Map<string, unknown>) {
    this.#values = values;
  }

  /** From a query string. */
  static fromQuery(query: URLSearchParams): BybitParams {
    return new BybitParams(new Map(query));
  }

  /** From a POST body: it must be a JSON object (10001 otherwise). */
  static fromJsonBody(body: string): BybitParams {
    let parsed: unknown;
    try {
      parsed = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw BybitErrors.params('Request parameter error: the body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw BybitErrors.params('Request parameter error: the body must be a JSON object');
    }
    return new BybitParams(new Map(Object.entries(parsed)));
  }

  /** True if `name` was sent with a non-empty value. */
  has(name: string): boolean {
    return this.text(name) !== undefined;
  }

  /** The value as text; undefined when absent, null, empty or not a string / number / boolean. */
  text(name: string): string | undefined {
    const v = this.#values.get(name);
    if (typeof v === 'string') return v === '' ? undefined : v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return undefined;
  }

  /** An integer within [min, max], `fallback` when absent; 10001 naming the parameter otherwise. */
  int(name: string, fallback: number, min: number, max: number): number {
    const v = this.text(name);
    if (v === undefined) return fallback;
    if (!/^-?\d{1,16}$/.test(v) || Number(v) < min || Number(v) > max) {
      throw BybitErrors.params(`params error: ${name} must be an integer ${min}-${max}, got '${v}'`);
    }
    return Number(v);
  }

  /** An optional integer (ms timestamps); 10001 when not an integer. */
  optionalInt(name: string): number | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    if (!/^\d{1,16}$/.test(v))
      throw BybitErrors.params(`params error: ${name} must be an integer, got '${v}'`);
    return Number(v);
  }

  /** A boolean sent as true/false (or 1/0); `fallback` when absent. */
  bool(name: string, fallback: boolean): boolean {
    const v = this.text(name);
    if (v === undefined) return fallback;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw BybitErrors.params(`params error: ${name} must be true or false, got '${v}'`);
  }
}
