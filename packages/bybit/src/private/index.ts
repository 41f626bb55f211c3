// private: the Bybit private stream — auth on every (re)connect, then order, execution, wallet
// and position topics normalized to Order, Fill, Balance[] and Position.
export {
  balancesFromWire,
  fillFromWire,
  orderFromWire,
  type PrivateSymbolNames,
  positionFromWire,
} from './private-events.js';
export { createPrivateProtocol, PRIVATE_TOPICS } from './private-protocol.js';
export {
  BybitPrivateStream,
  type BybitPrivateStreamEvents,
  type BybitPrivateStreamOptions,
} from './private-stream.js';
