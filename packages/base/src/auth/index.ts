// auth: credentials, apis loading, the Signer contract, HMAC helpers, nonces.
export type * from './types.js';
