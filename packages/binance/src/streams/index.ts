// streams: Binance market streams — stream names, the WsPool protocol (SUBSCRIBE acks, caps,
// message budget), BinanceMarketStreams (combined connections, planned 24-hour reconnects) and
// the per-message parsing of stream payloads into models.
export { sequenceOf, type StreamSequence, TopicHandover } from './handover.js';
export {
  type BinanceStreamMessage,
  createMarketProtocol,
  createOutboundLimiter,
  isServerShutdown,
  MESSAGES_PER_SECOND,
  type MarketProtocolOptions,
  STREAMS_PER_CONNECTION,
} from './market-protocol.js';
export {
  BinanceMarketStreams,
  type BinanceMarketStreamsEvents,
  type MarketStreamSubscription,
  type RotateReason,
  type StreamConnectionInfo,
  type StreamListener,
  type StreamSubscribeOptions,
} from './market-streams.js';
export {
  BinanceMarketWatchers,
  type BinanceMarketWatchersOptions,
  type WatchTradesOptions,
} from './market-watchers.js';
export { barFromKline, tickerFromBookTicker, tickerFromEvent, tradeFromEvent } from './stream-events.js';
export {
  aggTradeStreamName,
  bookTickerStreamName,
  checkStreamName,
  type DepthSpeed,
  depthStreamName,
  KLINE_INTERVALS,
  klineStreamName,
  type StreamKind,
  type StreamRoute,
  streamKind,
  streamRoute,
  tickerStreamName,
  tradeStreamName,
} from './stream-names.js';
export {
  type BinanceMarketStreamsOptions,
  CONNECTION_LIFETIME_MS,
  combinedStreamUrl,
} from './streams-options.js';
