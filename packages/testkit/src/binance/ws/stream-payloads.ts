// Serializes market events into Binance stream payloads (web-socket-streams.md and the USDⓈ-M
// stream pages). Depth diffs and trades are the hot path: they are written by hand into one
// string, without intermediate objects.
import type { DepthEvent, TradeEvent } from '../market/events.js';
import type { Kline } from '../market/klines.js';
import { midPrice, ticker24hJson } from '../market/market-json.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import { formatPrice, formatQty, formatQuoteUnits, type SymbolConfig } from '../symbols.js';

/** `<symbol>@depth` payload: Spot `{e,E,s,U,u,b,a}`; USDⓈ-M adds `T` and `pu`. */
export function depthDiffPayload(ev: DepthEvent): string {
  const cfg = ev.cfg;
  let out = `{"e":"depthUpdate","E":${ev.time},`;
  if (cfg.market === 'usdm') out += `"T":${ev.time},`;
  out += `"s":"${cfg.symbol}","U":${ev.firstUpdateId},"u":${ev.finalUpdateId},`;
  if (cfg.market === 'usdm') out += `"pu":${ev.prevFinalUpdateId},`;
  return `${out}"b":${levels(cfg, ev.bids)},"a":${levels(cfg, ev.asks)}}`;
}

/** `<symbol>@depth<N>` payload: Spot `{lastUpdateId,bids,asks}`; USDⓈ-M the diff shape with the top N. */
export function partialDepthPayload(m: SymbolMarket, n: number, ev: DepthEvent): string {
  const cfg = m.cfg;
  const bids = topLevels(cfg, m.bids.top(n));
  const asks = topLevels(cfg, m.asks.top(n));
  if (cfg.market === 'spot') return `{"lastUpdateId":${m.lastUpdateId},"bids":${bids},"asks":${asks}}`;
  return (
    `{"e":"depthUpdate","E":${ev.time},"T":${ev.time},"s":"${cfg.symbol}","U":${ev.firstUpdateId},` +
    `"u":${ev.finalUpdateId},"pu":${ev.prevFinalUpdateId},"b":${bids},"a":${asks}}`
  );
}

/** `<symbol>@trade` payload (Spot). */
export function tradePayload(t: TradeEvent): string {
  const cfg = t.cfg;
  return (
    `{"e":"trade","E":${t.time},"s":"${cfg.symbol}","t":${t.id},"p":"${formatPrice(cfg, t.price)}",` +
    `"q":"${formatQty(cfg, t.qty)}","T":${t.time},"m":${t.isBuyerMaker},"M":true}`
  );
}

/** `<symbol>@aggTrade` payload (USDⓈ-M adds `nq`). */
export function aggTradePayload(t: TradeEvent): string {
  const cfg = t.cfg;
  const q = formatQty(cfg, t.qty);
  const nq = cfg.market === 'usdm' ? `"nq":"${q}",` : '';
  const tail = cfg.market === 'spot' ? ',"M":true' : '';
  return (
    `{"e":"aggTrade","E":${t.time},"s":"${cfg.symbol}","a":${t.aggId},"p":"${formatPrice(cfg, t.price)}",` +
    `"q":"${q}",${nq}"f":${t.id},"l":${t.id},"T":${t.time},"m":${t.isBuyerMaker}${tail}}`
  );
}

/** `<symbol>@kline_<i>` payload. */
export function klinePayload(cfg: SymbolConfig, interval: string, k: Kline, now: number): string {
  return JSON.stringify({
    e: 'kline',
    E: now,
    s: cfg.symbol,
    k: {
      t: k.openTime,
      T: k.closeTime,
      s: cfg.symbol,
      i: interval,
      f: k.firstTradeId,
      L: k.lastTradeId,
      o: formatPrice(cfg, k.open),
      c: formatPrice(cfg, k.close),
      h: formatPrice(cfg, k.high),
      l: formatPrice(cfg, k.low),
      v: formatQty(cfg, k.volume),
      n: k.trades,
      x: now > k.closeTime,
      q: formatQuoteUnits(cfg, k.quoteVolume),
      V: formatQty(cfg, k.takerBuyVolume),
      Q: formatQuoteUnits(cfg, k.takerBuyQuoteVolume),
      B: '0',
    },
  });
}

/** `<symbol>@ticker` payload object (built from the REST 24hr ticker). */
export function tickerPayloadObject(m: SymbolMarket, now: number): Record<string, unknown> {
  const t = ticker24hJson(m, now);
  const body: Record<string, unknown> = {
    e: '24hrTicker',
    E: now,
    s: t.symbol,
    p: t.priceChange,
    P: t.priceChangePercent,
    w: t.weightedAvgPrice,
  };
  if (m.cfg.market === 'spot') body.x = t.prevClosePrice;
  Object.assign(body, { c: t.lastPrice, Q: t.lastQty });
  if (m.cfg.market === 'spot')
    Object.assign(body, { b: t.bidPrice, B: t.bidQty, a: t.askPrice, A: t.askQty });
  Object.assign(body, {
    o: t.openPrice,
    h: t.highPrice,
    l: t.lowPrice,
    v: t.volume,
    q: t.quoteVolume,
    O: t.openTime,
    C: t.closeTime,
    F: t.firstId,
    L: t.lastId,
    n: t.count,
  });
  return body;
}

/** `<symbol>@miniTicker` payload object. */
export function miniTickerPayloadObject(m: SymbolMarket, now: number): Record<string, unknown> {
  const t = ticker24hJson(m, now, true);
  return {
    e: '24hrMiniTicker',
    E: now,
    s: t.symbol,
    c: t.lastPrice,
    o: t.openPrice,
    h: t.highPrice,
    l: t.lowPrice,
    v: t.volume,
    q: t.quoteVolume,
  };
}

/** `<symbol>@bookTicker` payload object (USDⓈ-M adds `e`, `E`, `T`). */
export function bookTickerPayloadObject(m: SymbolMarket, now: number): Record<string, unknown> {
  const cfg = m.cfg;
  const bb = m.bids.best() ?? 0;
  const ba = m.asks.best() ?? 0;
  const core = {
    u: m.lastUpdateId,
    s: cfg.symbol,
    b: formatPrice(cfg, bb),
    B: formatQty(cfg, m.bids.qtyAt(bb)),
    a: formatPrice(cfg, ba),
    A: formatQty(cfg, m.asks.qtyAt(ba)),
  };
  if (cfg.market === 'spot') return core;
  return {
    e: 'bookTicker',
    u: core.u,
    E: now,
    T: now,
    s: core.s,
    b: core.b,
    B: core.B,
    a: core.a,
    A: core.A,
  };
}

/** `<symbol>@markPrice` payload object (USDⓈ-M). */
export function markPricePayloadObject(m: SymbolMarket, now: number): Record<string, unknown> {
  const cfg = m.cfg;
  const mark = midPrice(m);
  const eightHours = 8 * 3_600_000;
  return {
    e: 'markPriceUpdate',
    E: now,
    s: cfg.symbol,
    p: formatPrice(cfg, mark),
    i: formatPrice(cfg, Math.max(cfg.tickUnits, mark - cfg.tickUnits)),
    P: formatPrice(cfg, mark),
    r: '0.00010000',
    T: Math.floor(now / eightHours) * eightHours + eightHours,
  };
}

/** `<symbol>@avgPrice` payload object (Spot). */
export function avgPricePayloadObject(m: SymbolMarket, now: number): Record<string, unknown> {
  const t = m.trades[m.trades.length - 1];
  return {
    e: 'avgPrice',
    E: now,
    s: m.cfg.symbol,
    i: '5m',
    w: formatPrice(m.cfg, t?.price ?? midPrice(m)),
    T: t?.time ?? now,
  };
}

function levels(cfg: SymbolConfig, flat: number[]): string {
  if (flat.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < flat.length; i += 2) {
    if (i > 0) out += ',';
    out += `["${formatPrice(cfg, flat[i]!)}","${formatQty(cfg, flat[i + 1]!)}"]`;
  }
  return `${out}]`;
}

function topLevels(cfg: SymbolConfig, list: Array<[number, number]>): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    out += `["${formatPrice(cfg, list[i]![0])}","${formatQty(cfg, list[i]![1])}"]`;
  }
  return `${out}]`;
}
