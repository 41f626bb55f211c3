// Public stream messages of the Bybit simulator, serialized by hand on the hot path. Key order
// follows each product's (spot puts `ts` before `type`; linear `type` first), which clients must
// not rely on anyway.
import { formatUnits } from '../decimal.js';
import type { DepthMessage, TradeEvent } from '../market/events.js';
import type { Candle } from '../market/klines.js';
import { levelsJson } from '../market/market-json.js';
import type { BybitCategory, BybitSymbolConfig } from '../symbols.js';
import { formatAmount, toAmount } from '../decimal.js';

function head(category: BybitCategory, topic: string, type: string, ts: number): string {
  return category === 'spot'
    ? `{"topic":"${topic}","ts":${ts},"type":"${type}"`
    : `{"topic":"${topic}","type":"${type}","ts":${ts}`;
}

/** An `orderbook.{depth}.{symbol}` message. */
export function depthFrame(
  category: BybitCategory,
  topic: string,
  cfg: BybitSymbolConfig,
  msg: DepthMessage,
  ts: number,
  seq: number,
  cts: number,
): string {
  return (
    `${head(category, topic, msg.type, ts)},"data":{"s":"${cfg.symbol}","b":${levelsJson(cfg, msg.bids)},` +
    `"a":${levelsJson(cfg, msg.asks)},"u":${msg.u},"seq":${seq}},"cts":${cts}}`
  );
}

/** A `publicTrade.{symbol}` message with the trades of one step (oldest first). */
export function tradeFrame(
  category: BybitCategory,
  topic: string,
  trades: readonly TradeEvent[],
  ts: number,
): string {
  let data = '';
  for (const t of trades) {
    const cfg = t.cfg;
    const p = formatUnits(t.price, cfg.priceDecimals);
    const v = formatUnits(t.size, cfg.qtyDecimals);
    const side = t.takerIsBuy ? 'Buy' : 'Sell';
    if (data !== '') data += ',';
    data +=
      category === 'spot'
        ? `{"i":"${t.id}","T":${t.time},"p":"${p}","v":"${v}","S":"${side}","s":"${cfg.symbol}","BT":false,"RPI":false,"seq":${t.seq}}`
        : `{"T":${t.time},"s":"${cfg.symbol}","S":"${side}","v":"${v}","p":"${p}","L":"${t.tickDirection}","i":"${t.id}","BT":false,"RPI":false,"seq":${t.seq}}`;
  }
  return `${head(category, topic, 'snapshot', ts)},"data":[${data}]}`;
}

/** A `tickers.{symbol}` message: a snapshot, or (linear) a delta of the changed fields; `cs` = cross sequence. */
export function tickerFrame(
  category: BybitCategory,
  topic: string,
  type: 'snapshot' | 'delta',
  data: Record<string, string>,
  cs: number,
  ts: number,
): string {
  return category === 'spot'
    ? `{"topic":"${topic}","ts":${ts},"type":"${type}","cs":${cs},"data":${JSON.stringify(data)}}`
    : `{"topic":"${topic}","type":"${type}","data":${JSON.stringify(data)},"cs":${cs},"ts":${ts}}`;
}

/** A `kline.{interval}.{symbol}` message with one candle. */
export function klineFrame(
  topic: string,
  cfg: BybitSymbolConfig,
  interval: string,
  c: Candle,
  confirm: boolean,
  ts: number,
): string {
  const price = (v: number) => formatUnits(v, cfg.priceDecimals);
  const item = {
    start: c.start,
    end: c.end,
    interval,
    open: price(c.open),
    close: price(c.close),
    high: price(c.high),
    low: price(c.low),
    volume: formatUnits(c.volume, cfg.qtyDecimals),
    turnover: formatAmount(toAmount(c.turnover, cfg.priceDecimals + cfg.qtyDecimals)),
    confirm,
    timestamp: ts,
  };
  return `{"topic":"${topic}","data":[${JSON.stringify(item)}],"ts":${ts},"type":"snapshot"}`;
}
