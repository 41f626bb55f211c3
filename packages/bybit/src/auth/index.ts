// auth: the v5 REST signer (HMAC-SHA256 or RSA), the private-stream auth message, and the hosts
// each environment's signer covers.
export {
  BYBIT_DEMO_HOSTS,
  BYBIT_PROD_HOSTS,
  BYBIT_SIGNED_HOSTS,
  BYBIT_SIGNER_NAMES,
  BYBIT_TESTNET_HOSTS,
} from './hosts.js';
export {
  BYBIT_AUTH_HEADERS,
  type BybitSignerOptions,
  bybitRestSignString,
  bybitSigner,
  createBybitSigner,
  DEFAULT_RECV_WINDOW_MS,
  recvWindowText,
} from './rest-signer.js';
export { type BybitKeyType, isPemSecret, keyTypeOf, signBybitPayload } from './signing-key.js';
export { bybitWsAuthMessage, bybitWsAuthSignature, WS_AUTH_EXPIRY_MS } from './ws-auth.js';
