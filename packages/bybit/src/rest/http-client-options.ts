// The options of BybitHttpClient (the aiobybit seed's constructor, in TypeScript form) and their
// validation: bad input is a ConfigError naming the field.
import {
  type Clock,
  ConfigError,
  type HttpSession,
  type HttpSessionOptions,
  type Logger,
  type RateLimiter,
  type RetryOptions,
} from '@venuekit/base';
import { recvWindowText } from '../auth/rest-signer.js';
import { BYBIT_URLS, type BybitEnvironment } from '../urls.js';

/** Options of {@link BybitHttpClient}. Every field is optional. */
export interface BybitHttpClientOptions {
  /** API key. Needed (with `apiSecret`) for private endpoints. */
  apiKey?: string | undefined;
  /** API secret (HMAC), or the PKCS#8 PEM private key of a self-generated RSA key. */
  apiSecret?: string | undefined;
  /** Use the testnet (`api-testnet.bybit.com`). */
  testnet?: boolean | undefined;
  /** Use demo trading (`api-demo.bybit.com`; with `testnet` too, `api-demo-testnet.bybit.com` as the seed does). */
  demo?: boolean | undefined;
  /** X-BAPI-RECV-WINDOW in ms (default 5000). */
  recvWindow?: number | undefined;
  /** REST origin overriding the environment's (a simulator: `http://127.0.0.1:PORT`, a regional host). */
  baseUrl?: string | undefined;
  /** HTTP session to use. Default: the shared session if set up (BybitSessionManager), else one of its own. */
  session?: HttpSession | undefined;
  /** Options of the session the client creates when it owns one (default 50 connections). */
  sessionOptions?: HttpSessionOptions | undefined;
  /**
   * Rate limiter to use instead of the default, which already shares Bybit's per-IP limit with
   * every client of the same host and egress (proxy / local address) and the per-UID limits with
   * every client of the same API key on that route. A limiter given here is used as it is: its
   * windows count this client's requests (and those of any client you give it to) only.
   */
  limiter?: RateLimiter | undefined;
  /** Machine time source (default: the system clock); tests pass a FakeClock. */
  clock?: Clock | undefined;
  /** Deadline of each call in ms, limiter waits and retries included (default 10 000). */
  timeoutMs?: number | undefined;
  /** Retries of GETs after network errors and 5xx (base's defaults); `false` disables. */
  retry?: RetryOptions | false | undefined;
  /** Where retries, penalties and clock re-syncs are logged (default: the console logger). */
  logger?: Logger | undefined;
  /** Broker referral id, sent as the `Referer` header. */
  referralId?: string | undefined;
  /** User-Agent header (default `venuekit`). */
  userAgent?: string | undefined;
}

/**
 * The REST host of demo trading on the testnet (`demo` and `testnet` both set), as the aiobybit
 * seed maps it. Bybit's demo-trading guide advises against testnet demo keys; mainnet demo
 * trading (`demo: true` alone) is `api-demo.bybit.com`.
 */
export const BYBIT_DEMO_TESTNET_REST = 'https://api-demo-testnet.bybit.com';

/** The environment the options pick: demo (on mainnet or, with `testnet`, the testnet), testnet, or production. */
export function environmentOf(options: BybitHttpClientOptions): BybitEnvironment {
  for (const field of ['testnet', 'demo'] as const) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'boolean')
      throw new ConfigError(`BybitHttpClient: ${field} must be true or false, got ${JSON.stringify(value)}`, {
        venue: 'bybit',
        details: { field },
      });
  }
  return options.demo === true ? 'demo' : options.testnet === true ? 'testnet' : 'prod';
}

/** Validates the options; returns the REST origin and the recv window header text. */
export function checkHttpClientOptions(options: BybitHttpClientOptions): {
  baseUrl: string;
  environment: BybitEnvironment;
  recvWindow: string;
  hasCredentials: boolean;
} {
  const environment = environmentOf(options);
  const hasKey = options.apiKey !== undefined && options.apiKey !== '';
  const hasSecret = options.apiSecret !== undefined && options.apiSecret !== '';
  if (hasKey !== hasSecret)
    throw new ConfigError(
      `BybitHttpClient: ${hasKey ? 'apiSecret' : 'apiKey'} is missing; give both apiKey and apiSecret, or neither for public endpoints only`,
      { venue: 'bybit', details: { field: hasKey ? 'apiSecret' : 'apiKey' } },
    );
  for (const field of ['apiKey', 'apiSecret', 'baseUrl', 'referralId'] as const) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'string')
      throw new ConfigError(`BybitHttpClient: ${field} must be a string`, {
        venue: 'bybit',
        details: { field },
      });
  }
  const demoTestnet = options.demo === true && options.testnet === true;
  const baseUrl = options.baseUrl ?? (demoTestnet ? BYBIT_DEMO_TESTNET_REST : BYBIT_URLS[environment].rest);
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new ConfigError(
      `BybitHttpClient: baseUrl must be an absolute http(s) URL such as "https://api.bybit.com" (got ${JSON.stringify(baseUrl)})`,
      { venue: 'bybit', details: { field: 'baseUrl' } },
    );
  }
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    environment,
    recvWindow: recvWindowText(options.recvWindow),
    hasCredentials: hasKey && hasSecret,
  };
}
