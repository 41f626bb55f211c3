// The REST hosts each Binance signer signs for, per environment. Keys differ per environment
// (a production key does not work on the testnet, and Spot testnet keys are not futures testnet
// keys), so each environment has its own signer name under which `apis` holds its credentials,
// as pybotters does. Market-data-only hosts (data-api.binance.vision) take no key and are absent.

/** Production REST hosts: Spot (`api`, `api-gcp`, `api1`…`api4`), USD-M (`fapi`) and COIN-M (`dapi`). */
export const BINANCE_PROD_HOSTS: readonly string[] = Object.freeze([
  'api.binance.com',
  'api-gcp.binance.com',
  'api1.binance.com',
  'api2.binance.com',
  'api3.binance.com',
  'api4.binance.com',
  'fapi.binance.com',
  'dapi.binance.com',
]);

/** Spot testnet REST hosts (`testnet.binance.vision`). */
export const BINANCE_SPOT_TESTNET_HOSTS: readonly string[] = Object.freeze([
  'testnet.binance.vision',
  'api1.testnet.binance.vision',
]);

/** USD-M futures testnet REST host (keys from testnet.binancefuture.com). */
export const BINANCE_FUTURES_TESTNET_HOSTS: readonly string[] = Object.freeze(['testnet.binancefuture.com']);

/** Demo-mode REST hosts, Spot and USD-M (keys from demo.binance.com work on both). */
export const BINANCE_DEMO_HOSTS: readonly string[] = Object.freeze([
  'demo-api.binance.com',
  'demo-fapi.binance.com',
]);

/** Signer names: the names credentials are stored under in `apis` (`{ binance: [key, secret] }`). */
export const BINANCE_SIGNER_NAMES = Object.freeze({
  prod: 'binance',
  spotTestnet: 'binance_testnet',
  futuresTestnet: 'binance_futures_testnet',
  demo: 'binance_demo',
} as const);

/** Every host any Binance signer signs for. */
export const BINANCE_SIGNED_HOSTS: readonly string[] = Object.freeze([
  ...BINANCE_PROD_HOSTS,
  ...BINANCE_SPOT_TESTNET_HOSTS,
  ...BINANCE_FUTURES_TESTNET_HOSTS,
  ...BINANCE_DEMO_HOSTS,
]);
