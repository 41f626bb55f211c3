// streams: Bybit public streams — topic names, the WsPool protocol (req_id acks, the spot cap of
// 10 args per request, per-connection caps), BybitPublicStreams (pooled connections with the
// 20-second application ping) and the per-message parsing of trades, tickers and klines.
export {
  type BybitStreamCategory,
  type BybitStreamMessage,
  createPublicProtocol,
  matchBybitAck,
  type PublicProtocolOptions,
  SPOT_ARGS_PER_MESSAGE,
  TOPICS_PER_CONNECTION,
} from './public-protocol.js';
export {
  BybitPublicStreams,
  type BybitPublicStreamsEvents,
  type PublicSubscribeOptions,
} from './public-streams.js';
export { BybitMarketWatchers, type BybitMarketWatchersOptions } from './market-watchers.js';
export {
  barFromWire,
  eachTrade,
  type KlineWire,
  type StreamSymbolNames,
  TickerMerger,
  tradeFromWire,
  type TradeWire,
} from './stream-events.js';
export {
  KLINE_INTERVALS,
  klineInterval,
  klineTopic,
  ORDERBOOK_DEPTHS,
  orderbookTopic,
  type PublicTopicKind,
  tickerTopic,
  topicKind,
  tradeTopic,
} from './topics.js';
export {
  type BybitPublicStreamsOptions,
  PING_INTERVAL_MS,
  publicStreamUrl,
} from './streams-options.js';
