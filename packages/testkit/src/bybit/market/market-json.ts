// JSON pieces of the simulated market shared by REST and the public streams: instruments,
// ticker fields, book levels, trades and candles, with numbers as strings the way Bybit prints
// them (prices on the tick's decimals, sizes on the step's).
import { formatAmount, formatFloat, formatUnits, toAmount } from '../decimal.js';
import type { BybitSymbolConfig } from '../symbols.js';
import type { TradeEvent } from './events.js';
import type { Candle } from './klines.js';
import type { SymbolMarket } from './symbol-market.js';

/** The mark price of a symbol: the book mid on the tick grid (the last price when a side is empty). */
export function markPrice(m: SymbolMarket): number {
  const bb = m.bids.best();
  const ba = m.asks.best();
  if (bb === undefined || ba === undefined) return m.stats.lastPrice;
  const tick = m.cfg.tickUnits;
  return Math.round((bb + ba) / 2 / tick) * tick;
}

/** Flat levels `[p, q, p, q, …]` as Bybit's `[["p","q"], …]` JSON text. */
export function levelsJson(cfg: BybitSymbolConfig, flat: readonly number[]): string {
  if (flat.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < flat.length; i += 2) {
    if (i > 0) out += ',';
    out += `["${formatUnits(flat[i]!, cfg.priceDecimals)}","${formatUnits(flat[i + 1]!, cfg.qtyDecimals)}"]`;
  }
  return `${out}]`;
}

/** One instrument as `/v5/market/instruments-info` lists it. */
export function instrumentJson(cfg: BybitSymbolConfig, launchTime: number): Record<string, unknown> {
  if (cfg.category === 'spot') {
    return {
      symbol: cfg.symbol,
      baseCoin: cfg.baseCoin,
      quoteCoin: cfg.quoteCoin,
      innovation: '0',
      status: cfg.status,
      marginTrading: 'none',
      stTag: '0',
      lotSizeFilter: {
        basePrecision: cfg.qtyStep,
        quotePrecision: '0.00000001',
        minOrderQty: cfg.minOrderQty,
        maxOrderQty: cfg.maxOrderQty,
        minOrderAmt: cfg.minNotional,
        maxOrderAmt: '2000000',
      },
      priceFilter: { tickSize: cfg.tickSize },
      riskParameters: { priceLimitRatioX: '0.05', priceLimitRatioY: '0.05' },
    };
  }
  return {
    symbol: cfg.symbol,
    contractType: 'LinearPerpetual',
    status: cfg.status,
    baseCoin: cfg.baseCoin,
    quoteCoin: cfg.quoteCoin,
    launchTime: String(launchTime),
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: String(cfg.priceDecimals),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: cfg.tickSize, maxPrice: '1999999.80', tickSize: cfg.tickSize },
    lotSizeFilter: {
      maxOrderQty: cfg.maxOrderQty,
      minOrderQty: cfg.minOrderQty,
      qtyStep: cfg.qtyStep,
      postOnlyMaxOrderQty: cfg.maxOrderQty,
      maxMktOrderQty: cfg.maxOrderQty,
      minNotionalValue: cfg.minNotional,
    },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: cfg.settleCoin,
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
    displayName: '',
  };
}

/** Next funding time: the next 00:00 / 08:00 / 16:00 UTC after `now`. */
export function nextFundingTime(now: number): number {
  const period = 8 * 3_600_000;
  return Math.floor(now / period) * period + period;
}

/** The ticker fields of a symbol, as strings (every field the linear stream can carry). */
export function tickerFields(m: SymbolMarket, now: number): Record<string, string> {
  const cfg = m.cfg;
  const s = m.stats;
  const price = (v: number) => formatUnits(v, cfg.priceDecimals);
  const size = (v: number) => formatUnits(v, cfg.qtyDecimals);
  const bb = m.bids.best();
  const ba = m.asks.best();
  const mark = markPrice(m);
  const fields: Record<string, string> = {
    symbol: cfg.symbol,
    lastPrice: price(s.lastPrice),
    prevPrice24h: price(s.prevPrice24h),
    price24hPcnt: formatFloat(s.change24h(), 6),
    highPrice24h: price(s.high24h),
    lowPrice24h: price(s.low24h),
    turnover24h: formatAmount(toAmount(s.turnover24h, cfg.priceDecimals + cfg.qtyDecimals)),
    volume24h: size(s.volume24h),
    bid1Price: bb === undefined ? '' : price(bb),
    bid1Size: bb === undefined ? '' : size(m.bids.qtyAt(bb)),
    ask1Price: ba === undefined ? '' : price(ba),
    ask1Size: ba === undefined ? '' : size(m.asks.qtyAt(ba)),
  };
  if (cfg.category === 'spot') {
    fields.usdIndexPrice = cfg.quoteCoin === 'USDT' || cfg.quoteCoin === 'USDC' ? price(mark) : '';
    return fields;
  }
  fields.tickDirection = s.tickDirection;
  fields.prevPrice1h = price(s.prevPrice1h);
  fields.markPrice = price(mark);
  fields.indexPrice = price(mark);
  fields.openInterest = size(s.openInterest);
  fields.openInterestValue = formatAmount(
    toAmount(BigInt(s.openInterest) * BigInt(mark), cfg.priceDecimals + cfg.qtyDecimals),
  );
  fields.nextFundingTime = String(nextFundingTime(now));
  fields.fundingRate = '0.0001';
  fields.predictedDeliveryPrice = '';
  fields.basisRate = '';
  fields.deliveryFeeRate = '';
  fields.deliveryTime = '0';
  return fields;
}

/** A trade as `/v5/market/recent-trade` lists it. */
export function recentTradeJson(t: TradeEvent): Record<string, unknown> {
  const cfg = t.cfg;
  return {
    execId: t.id,
    symbol: cfg.symbol,
    price: formatUnits(t.price, cfg.priceDecimals),
    size: formatUnits(t.size, cfg.qtyDecimals),
    side: t.takerIsBuy ? 'Buy' : 'Sell',
    time: String(t.time),
    isBlockTrade: false,
    isRPITrade: false,
    seq: String(t.seq),
  };
}

/** A candle as a `/v5/market/kline` row: `[start, open, high, low, close, volume, turnover]`. */
export function klineRow(cfg: BybitSymbolConfig, c: Candle): string[] {
  const price = (v: number) => formatUnits(v, cfg.priceDecimals);
  return [
    String(c.start),
    price(c.open),
    price(c.high),
    price(c.low),
    price(c.close),
    formatUnits(c.volume, cfg.qtyDecimals),
    formatAmount(toAmount(c.turnover, cfg.priceDecimals + cfg.qtyDecimals)),
  ];
}
