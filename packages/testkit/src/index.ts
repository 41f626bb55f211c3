// @venuekit/testkit: local venue simulators for tests, with fault injection. `startSim` is the
// harness every simulator is built on; `startGenericVenue` is a small venue for base's own tests.
export type {
  HttpStatusFault,
  Sim,
  SimClock,
  SimFaults,
  SimHeartbeat,
  SimHttpHandler,
  SimHttpRequest,
  SimHttpResponse,
  SimOptions,
  SimStats,
  SimWsConnection,
  SimWsRouteOptions,
} from './sim/types.js';
export { startSim } from './sim/server.js';
export { SimTimers } from './sim/timers.js';
export { CountWaiters } from './sim/count-waiter.js';
export { FLOOD_HIGH_WATER_MARK, writeFrames } from './sim/flood.js';
export { encodeTextFrames } from './sim/text-frames.js';
export { MAX_REQUEST_BODY_BYTES } from './sim/http-pipeline.js';
export {
  GENERIC_DEFAULT_API_KEY,
  GENERIC_DEFAULT_RECV_WINDOW_MS,
  GENERIC_DEFAULT_SECRET,
  GENERIC_DEFAULT_WAIT_TIMEOUT_MS,
  type GenericVenue,
  type GenericVenueOptions,
  startGenericVenue,
} from './generic/venue.js';
export { type GenericQuote, type GenericRequestRecord, MAX_SLOW_MS } from './generic/rest.js';
export type { GenericAckMode, GenericSubscription } from './generic/ws.js';
export {
  GENERIC_KEY_HEADER,
  GENERIC_SIGN_HEADER,
  GENERIC_TS_HEADER,
  genericSignature,
  type SignatureFailure,
  verifyGenericSignature,
} from './generic/signature.js';
export * from './binance/index.js';
export * from './bybit/index.js';
