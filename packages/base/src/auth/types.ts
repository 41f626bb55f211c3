// The signing contract shared by the HTTP client, WebSocket sessions and every venue plugin.
// A Signer is pure and synchronous: given a request, credentials and a context (clock, nonce),
// it returns the request with exactly the venue's authentication added.

/** API credentials for one venue account. Use `createCredentials()` so they print redacted. */
export interface Credentials {
  readonly apiKey: string;
  readonly secret: string;
  /** Only some venues use one (OKX, KuCoin, …). */
  readonly passphrase?: string | undefined;
}

/** An HTTP request as a signer sees it. `body` is the exact text that will be sent. */
export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | undefined;
}

/** What a signer may read besides the request: time and a nonce source. */
export interface SignContext {
  /** Current time in ms (usually a server-offset clock). */
  now(): number;
  /** A strictly increasing nonce for this key, as a decimal string. */
  nonce(): string;
}

/** How a venue wants request `data` encoded in the body. */
export type BodyEncoding = 'json' | 'form';

/**
 * Adds a venue's authentication to requests. `hosts` lets the generic `Client` pick the signer
 * by the URL's host; a signer can also be named explicitly (`auth: 'binance'`) for other hosts
 * such as testnets and simulators.
 */
export interface Signer {
  /** The name credentials are looked up by in `apis` and `auth: '<name>'` refers to. */
  readonly name: string;
  /** Exact hosts this signer signs for (no wildcards). */
  readonly hosts: readonly string[];
  /** How request `data` is encoded for this venue (default `'json'`). */
  readonly bodyEncoding?: BodyEncoding | undefined;
  /** Returns the signed request; must not read the clock or randomness except through `ctx`. */
  sign(req: SignableRequest, credentials: Credentials, ctx: SignContext): SignableRequest;
}
