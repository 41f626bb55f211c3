// http: HttpSession (undici Agent: pooled keep-alive connections, shared or per client) and the
// generic REST Client (fetch / request) with signing, retries, limits and typed errors.
export { BufferedExchange, type ExchangeRequest, type HttpHeaders } from './buffered-exchange.js';
export { Client } from './client.js';
export type {
  ClientOptions,
  FetchOptions,
  FetchResult,
  ResponseHook,
  ResponseHookContext,
} from './client-options.js';
export { ConnectionGate } from './connection-gate.js';
export { HttpResponse } from './http-response.js';
export type { ParamScalar, QueryParams } from './request-target.js';
export { IDEMPOTENT_METHODS, RetryPolicy, type RetryOptions } from './retry-policy.js';
export { requestSent } from './request-sent.js';
export { redactPathAndQuery } from './safe-url.js';
export { HttpSession, type HttpSessionOptions, type HttpSessionStats, type ProxyOption } from './session.js';
export { DIRECT_EGRESS, sessionEgress } from './session-egress.js';
export { sharedSession } from './shared-session.js';
export { type SignerResolver, signerTable } from './signer-resolver.js';
export {
  type ErrorMapper,
  type ErrorMapperContext,
  parseRetryAfter,
  venueCodeAndMessage,
} from './status-errors.js';
export { HttpSessionClosedError } from './transport-errors.js';
