// ws: the WebSocket transport. WebSocketApp (one self-healing connection), WebSocketQueue (a
// BoundedBuffer from ../buffer with a socket handler, for async consumers), WsPool
// (subscriptions multiplexed over several connections through a venue's PoolProtocol).
export { WebSocketApp } from './websocket-app.js';
export type { WebSocketAppState } from './app-options.js';
export type { WebSocketAppOptions, WebSocketAppEvents } from './app-options.js';
export { DEFAULT_RECONNECT, type ReconnectOptions } from './backoff.js';
export { DEFAULT_HEARTBEAT, type HeartbeatOptions } from './heartbeat.js';
export type { WaitForJsonOptions } from './json-waiters.js';
export { encodeOutgoing, type OutgoingMessage, type EncodedMessage } from './outgoing.js';
export { MalformedFrameError, WebSocketNotOpenError } from './errors.js';
export { WebSocketQueue, type WebSocketQueueOptions } from './websocket-queue.js';
export { WsPool } from './ws-pool.js';
export type { PoolProtocol, PoolAck, PoolConnectionRef, PoolRequestOutcome } from './pool-protocol.js';
export { leadingStringField } from './frame-topic.js';
export { JSON_BYTE, JsonFrameReader, jsonWord } from './json-frame-reader.js';
export type {
  PoolConnectionInfo,
  WsPoolOptions,
  WsPoolEvents,
  PoolConnectionOptions,
  PoolSubscription,
  PoolSubscribeOptions,
  PoolStreamOptions,
} from './pool-options.js';
export type { PoolStream } from './pool-stream.js';
