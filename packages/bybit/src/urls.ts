// Bybit v5 endpoints per environment (protocols/bybit.md §1). A client or feed picks one set by
// `environment`; `urls` options override any entry (e.g. a simulator's `sim.urls`, which has the
// same shape). Demo trading has its own REST and private-stream hosts; its public data is
// mainnet's.

/** The endpoints of Bybit v5 in one environment. */
export interface BybitUrls {
  /** REST origin, e.g. `https://api.bybit.com` (paths start with `/v5/`). */
  rest: string;
  /** Public spot stream, e.g. `wss://stream.bybit.com/v5/public/spot`. */
  publicSpot: string;
  /** Public linear (USDT/USDC perpetuals and futures) stream. */
  publicLinear: string;
  /** Private stream (order, execution, wallet, position topics). */
  private: string;
}

/** Bybit environments venuekit knows. */
export type BybitEnvironment = 'prod' | 'testnet' | 'demo';

/** Endpoints per environment. */
export const BYBIT_URLS: Readonly<Record<BybitEnvironment, Readonly<BybitUrls>>> = Object.freeze({
  prod: Object.freeze({
    rest: 'https://api.bybit.com',
    publicSpot: 'wss://stream.bybit.com/v5/public/spot',
    publicLinear: 'wss://stream.bybit.com/v5/public/linear',
    private: 'wss://stream.bybit.com/v5/private',
  }),
  testnet: Object.freeze({
    rest: 'https://api-testnet.bybit.com',
    publicSpot: 'wss://stream-testnet.bybit.com/v5/public/spot',
    publicLinear: 'wss://stream-testnet.bybit.com/v5/public/linear',
    private: 'wss://stream-testnet.bybit.com/v5/private',
  }),
  demo: Object.freeze({
    rest: 'https://api-demo.bybit.com',
    publicSpot: 'wss://stream.bybit.com/v5/public/spot',
    publicLinear: 'wss://stream.bybit.com/v5/public/linear',
    private: 'wss://stream-demo.bybit.com/v5/private',
  }),
});

/** The endpoints of `environment` with `overrides` applied (a simulator's URLs, a regional host). */
export function bybitUrlsFor(
  environment: BybitEnvironment = 'prod',
  overrides: Partial<BybitUrls> = {},
): BybitUrls {
  return { ...BYBIT_URLS[environment], ...overrides };
}
