// The REST hosts each Bybit signer signs for, per environment. Keys differ per environment
// (mainnet, testnet and demo-trading keys are separate), so each environment has its own signer
// name under which `apis` holds its credentials, as pybotters does (`bybit`, `bybit_testnet`,
// `bybit_demo`).

/** Production REST hosts (`api.bybit.com` and its alternative `api.bytick.com`). */
export const BYBIT_PROD_HOSTS: readonly string[] = Object.freeze(['api.bybit.com', 'api.bytick.com']);

/** Testnet REST host. */
export const BYBIT_TESTNET_HOSTS: readonly string[] = Object.freeze(['api-testnet.bybit.com']);

/** Demo-trading REST host (demo keys are created in the mainnet account's demo mode). */
export const BYBIT_DEMO_HOSTS: readonly string[] = Object.freeze(['api-demo.bybit.com']);

/** Signer names: the names credentials are stored under in `apis` (`{ bybit: [key, secret] }`). */
export const BYBIT_SIGNER_NAMES = Object.freeze({
  prod: 'bybit',
  testnet: 'bybit_testnet',
  demo: 'bybit_demo',
} as const);

/** Every host any Bybit signer signs for. */
export const BYBIT_SIGNED_HOSTS: readonly string[] = Object.freeze([
  ...BYBIT_PROD_HOSTS,
  ...BYBIT_TESTNET_HOSTS,
  ...BYBIT_DEMO_HOSTS,
]);
