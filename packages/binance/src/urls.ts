// Binance endpoints per environment (protocols/binance.md §1, binance-usdm.md §1). A feed or
// client picks one set by `environment`; `urls` options override any entry (e.g. a simulator).

/** The endpoints of one Binance market in one environment. */
export interface BinanceUrls {
  /** REST origin, e.g. `https://api.binance.com`. */
  rest: string;
  /** Market-stream origin (raw `/ws/...` and combined `/stream?...` paths are appended). */
  stream: string;
  /** WebSocket API endpoint (full URL including path). */
  wsApi: string;
}

/** Binance environments venuekit knows. */
export type BinanceEnvironment = 'prod' | 'testnet' | 'demo';

/** Spot endpoints per environment. */
export const SPOT_URLS: Readonly<Record<BinanceEnvironment, BinanceUrls>> = {
  prod: {
    rest: 'https://api.binance.com',
    stream: 'wss://stream.binance.com:9443',
    wsApi: 'wss://ws-api.binance.com:443/ws-api/v3',
  },
  testnet: {
    rest: 'https://testnet.binance.vision',
    stream: 'wss://stream.testnet.binance.vision',
    wsApi: 'wss://ws-api.testnet.binance.vision/ws-api/v3',
  },
  demo: {
    rest: 'https://demo-api.binance.com',
    stream: 'wss://demo-stream.binance.com',
    wsApi: 'wss://demo-ws-api.binance.com/ws-api/v3',
  },
};

/** USD-M futures endpoints per environment (testnet and demo share Binance's demo futures hosts). */
export const USDM_URLS: Readonly<Record<BinanceEnvironment, BinanceUrls>> = {
  prod: {
    rest: 'https://fapi.binance.com',
    stream: 'wss://fstream.binance.com',
    wsApi: 'wss://ws-fapi.binance.com/ws-fapi/v1',
  },
  testnet: {
    rest: 'https://demo-fapi.binance.com',
    stream: 'wss://fstream.binancefuture.com',
    wsApi: 'wss://testnet.binancefuture.com/ws-fapi/v1',
  },
  demo: {
    rest: 'https://demo-fapi.binance.com',
    stream: 'wss://fstream.binancefuture.com',
    wsApi: 'wss://testnet.binancefuture.com/ws-fapi/v1',
  },
};
