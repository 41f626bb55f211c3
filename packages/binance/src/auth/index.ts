// auth: the REST signer (HMAC-SHA256, Ed25519, RSA), the WebSocket API signing rule, the hosts
// each environment's signer covers, and which endpoints need what.
export { type EndpointSecurity, endpointSecurity } from './endpoint-security.js';
export {
  BINANCE_DEMO_HOSTS,
  BINANCE_FUTURES_TESTNET_HOSTS,
  BINANCE_PROD_HOSTS,
  BINANCE_SIGNED_HOSTS,
  BINANCE_SIGNER_NAMES,
  BINANCE_SPOT_TESTNET_HOSTS,
} from './hosts.js';
export {
  type BinanceSignerOptions,
  binanceSigner,
  createBinanceSigner,
  MAX_RECV_WINDOW_MS,
  percentEncodeNonAscii,
  recvWindowText,
  restSignature,
} from './rest-signer.js';
export {
  type BinanceKeyType,
  type BinanceSigningKey,
  isPemSecret,
  signingKeyOf,
  signPayload,
} from './signing-key.js';
export {
  signWsApiParams,
  type WsApiParams,
  type WsApiParamValue,
  type WsApiSignOptions,
  wsApiLogonParams,
  wsApiSignaturePayload,
} from './ws-api-signer.js';
