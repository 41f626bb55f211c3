// auth: credentials, apis loading, the Signer contract, HMAC and Ed25519 helpers, nonces.
export type * from './types.js';
export { maskKey } from './mask.js';
export {
  createCredentials,
  isRedactedCredentials,
  type CreateCredentialsOptions,
  type CredentialsInput,
} from './credentials.js';
export {
  APIS_ENV_VAR,
  ApiCredentialsMap,
  loadApis,
  type ApiEntry,
  type ApisObject,
  type ApisSource,
  type LoadApisOptions,
} from './apis.js';
export {
  hmac,
  hmacSha256Base64,
  hmacSha256Hex,
  hmacSha384Base64,
  hmacSha384Hex,
  hmacSha512Base64,
  hmacSha512Hex,
  type DigestEncoding,
  type HmacAlgorithm,
  type HmacData,
  type HmacKey,
} from './hmac.js';
export { ed25519Sign, ed25519Signer, parseEd25519PrivateKey, type Ed25519PrivateKey } from './ed25519.js';
export { createNonceSource, type NonceSource, type NonceSourceOptions, type NonceUnit } from './nonce.js';
export { createSignContext, type SignContextOptions } from './sign-context.js';
