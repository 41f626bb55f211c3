// Market-data responses as Binance serializes them, for REST and the WS API: depth snapshots,
// recent and aggregate trades, klines, 24hr / price / book tickers, average price and the futures
// premium index. Spot and USDⓈ-M differ in a few fields; each builder takes care of that.
import { formatAmount, notional } from '../decimal.js';
import { RawJson } from '../raw-json.js';
import { formatPrice, formatQty, formatQuoteUnits, type SymbolConfig } from '../symbols.js';
import type { TradeEvent } from './events.js';
import type { Kline } from './klines.js';
import type { SymbolMarket } from './symbol-market.js';

const depthLevelsCache = new WeakMap<SymbolMarket, { updateId: number; limit: number; text: string }>();

/**
 * GET /depth body (futures adds `E` and `T`), serialized. The levels' JSON is reused while the
 * book has not changed, so polling a large snapshot costs little simulator CPU.
 */
export function depthJson(m: SymbolMarket, limit: number, now: number): RawJson {
  const cfg = m.cfg;
  let cached = depthLevelsCache.get(m);
  if (cached === undefined || cached.updateId !== m.lastUpdateId || cached.limit !== limit) {
    const side = (levels: Array<[number, number]>) => {
      let out = '[';
      for (let i = 0; i < levels.length; i++) {
        const [p, q] = levels[i]!;
        out += `${i === 0 ? '' : ','}["${formatPrice(cfg, p)}","${formatQty(cfg, q)}"]`;
      }
      return `${out}]`;
    };
    cached = {
      updateId: m.lastUpdateId,
      limit,
      text: `"bids":${side(m.bids.top(limit))},"asks":${side(m.asks.top(limit))}}`,
    };
    depthLevelsCache.set(m, cached);
  }
  const times = cfg.market === 'usdm' ? `"E":${now},"T":${now},` : '';
  return new RawJson(`{"lastUpdateId":${m.lastUpdateId},${times}${cached.text}`);
}

/** GET /trades item. */
export function tradeJson(t: TradeEvent): Record<string, unknown> {
  const cfg = t.cfg;
  const quote = formatAmount(notional(t.price, cfg.priceDecimals, t.qty, cfg.qtyDecimals));
  if (cfg.market === 'usdm') {
    return {
      id: t.id,
      price: formatPrice(cfg, t.price),
      qty: formatQty(cfg, t.qty),
      quoteQty: quote,
      time: t.time,
      isBuyerMaker: t.isBuyerMaker,
      isRPITrade: false,
    };
  }
  return {
    id: t.id,
    price: formatPrice(cfg, t.price),
    qty: formatQty(cfg, t.qty),
    quoteQty: quote,
    time: t.time,
    isBuyerMaker: t.isBuyerMaker,
    isBestMatch: true,
  };
}

/** GET /aggTrades item. */
export function aggTradeJson(t: TradeEvent): Record<string, unknown> {
  return {
    a: t.aggId,
    p: formatPrice(t.cfg, t.price),
    q: formatQty(t.cfg, t.qty),
    f: t.id,
    l: t.id,
    T: t.time,
    m: t.isBuyerMaker,
    M: true,
  };
}

/** GET /klines row. */
export function klineRow(cfg: SymbolConfig, k: Kline): unknown[] {
  return [
    k.openTime,
    formatPrice(cfg, k.open),
    formatPrice(cfg, k.high),
    formatPrice(cfg, k.low),
    formatPrice(cfg, k.close),
    formatQty(cfg, k.volume),
    k.closeTime,
    formatQuoteUnits(cfg, k.quoteVolume),
    k.trades,
    formatQty(cfg, k.takerBuyVolume),
    formatQuoteUnits(cfg, k.takerBuyQuoteVolume),
    '0',
  ];
}

/** GET /ticker/24hr body (`type=MINI` on Spot gives the short form). */
export function ticker24hJson(m: SymbolMarket, now: number, mini = false): Record<string, unknown> {
  const cfg = m.cfg;
  const s = m.klines.dayStats(now);
  const last = m.trades[m.trades.length - 1];
  const lastPrice = last?.price ?? m.klines.current('1m', now).close;
  const p = (u: number) => formatPrice(cfg, u);
  const change = lastPrice - s.open;
  const pct = s.open === 0 ? 0 : (change / s.open) * 100;
  const avg = s.volume === 0 ? 0 : s.quoteVolume / s.volume / 10 ** cfg.priceDecimals;
  const firstId = last === undefined ? 0 : Math.max(0, last.id - s.trades + 1);
  const lastId = last?.id ?? 0;
  if (mini) {
    return {
      symbol: cfg.symbol,
      openPrice: p(s.open),
      highPrice: p(s.high),
      lowPrice: p(s.low),
      lastPrice: p(lastPrice),
      volume: formatQty(cfg, s.volume),
      quoteVolume: formatQuoteUnits(cfg, s.quoteVolume),
      openTime: s.openTime,
      closeTime: now,
      firstId,
      lastId,
      count: s.trades,
    };
  }
  const body: Record<string, unknown> = {
    symbol: cfg.symbol,
    priceChange: formatSigned(cfg, change),
    priceChangePercent: pct.toFixed(3),
    weightedAvgPrice: avg.toFixed(Math.min(8, cfg.priceOutDecimals)),
  };
  if (cfg.market === 'spot') body.prevClosePrice = p(s.open);
  body.lastPrice = p(lastPrice);
  body.lastQty = formatQty(cfg, last?.qty ?? 0);
  if (cfg.market === 'spot') {
    const bb = m.bids.best() ?? 0;
    const ba = m.asks.best() ?? 0;
    body.bidPrice = p(bb);
    body.bidQty = formatQty(cfg, m.bids.qtyAt(bb));
    body.askPrice = p(ba);
    body.askQty = formatQty(cfg, m.asks.qtyAt(ba));
  }
  Object.assign(body, {
    openPrice: p(s.open),
    highPrice: p(s.high),
    lowPrice: p(s.low),
    volume: formatQty(cfg, s.volume),
    quoteVolume: formatQuoteUnits(cfg, s.quoteVolume),
    openTime: s.openTime,
    closeTime: now,
    firstId,
    lastId,
    count: s.trades,
  });
  return body;
}

/** GET /ticker/price body (futures adds `time`). */
export function priceTickerJson(m: SymbolMarket, now: number): Record<string, unknown> {
  const last = m.trades[m.trades.length - 1];
  const price = last?.price ?? midPrice(m);
  const body: Record<string, unknown> = { symbol: m.cfg.symbol, price: formatPrice(m.cfg, price) };
  if (m.cfg.market === 'usdm') body.time = now;
  return body;
}

/** GET /ticker/bookTicker body (futures adds `lastUpdateId` and `time`). */
export function bookTickerJson(m: SymbolMarket, now: number): Record<string, unknown> {
  const cfg = m.cfg;
  const bb = m.bids.best() ?? 0;
  const ba = m.asks.best() ?? 0;
  const body: Record<string, unknown> = { symbol: cfg.symbol };
  if (cfg.market === 'usdm') body.lastUpdateId = m.lastUpdateId;
  Object.assign(body, {
    bidPrice: formatPrice(cfg, bb),
    bidQty: formatQty(cfg, m.bids.qtyAt(bb)),
    askPrice: formatPrice(cfg, ba),
    askQty: formatQty(cfg, m.asks.qtyAt(ba)),
  });
  if (cfg.market === 'usdm') body.time = now;
  return body;
}

/** GET /api/v3/avgPrice body: the volume-weighted price of the last 5 minutes. */
export function avgPriceJson(m: SymbolMarket, now: number): Record<string, unknown> {
  const candles = m.klines.query('1m', now, 5);
  let qty = 0;
  let quote = 0;
  for (const k of candles) {
    qty += k.volume;
    quote += k.quoteVolume;
  }
  const price =
    qty === 0
      ? midPrice(m) / 10 ** m.cfg.priceDecimals
      : Number(quote) / 1e8 / (qty / 10 ** m.cfg.qtyDecimals);
  return { mins: 5, price: price.toFixed(8), closeTime: m.trades[m.trades.length - 1]?.time ?? now };
}

/** GET /fapi/v1/premiumIndex body: mark = book mid, index a tick below, funding every 8 h. */
export function premiumIndexJson(m: SymbolMarket, now: number): Record<string, unknown> {
  const cfg = m.cfg;
  const mark = midPrice(m);
  const eightHours = 8 * 3_600_000;
  return {
    symbol: cfg.symbol,
    markPrice: formatPrice(cfg, mark),
    indexPrice: formatPrice(cfg, Math.max(cfg.tickUnits, mark - cfg.tickUnits)),
    estimatedSettlePrice: formatPrice(cfg, mark),
    lastFundingRate: '0.00010000',
    interestRate: '0.00010000',
    nextFundingTime: Math.floor(now / eightHours) * eightHours + eightHours,
    time: now,
  };
}

/** Mid price of the book on the tick (initial price if a side is empty). */
export function midPrice(m: SymbolMarket): number {
  const bb = m.bids.best();
  const ba = m.asks.best();
  if (bb === undefined || ba === undefined) return m.cfg.initialPriceUnits;
  return Math.round((bb + ba) / 2 / m.cfg.tickUnits) * m.cfg.tickUnits;
}

function formatSigned(cfg: SymbolConfig, units: number): string {
  return units < 0 ? `-${formatPrice(cfg, -units)}` : formatPrice(cfg, units);
}
