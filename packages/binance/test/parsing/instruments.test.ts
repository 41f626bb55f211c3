// Instruments from exchangeInfo payloads shaped as Binance documents them (Spot and USD-M).
import { instrumentSchema, ValidationError } from '@venuekit/base';
import { parseInstrument, parseInstruments, type SymbolInfoWire } from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';

const spotSymbol: SymbolInfoWire = {
  symbol: 'ETHBTC',
  status: 'TRADING',
  baseAsset: 'ETH',
  baseAssetPrecision: 8,
  quoteAsset: 'BTC',
  quoteAssetPrecision: 8,
  orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
  isSpotTradingAllowed: true,
  filters: [
    {
      filterType: 'PRICE_FILTER',
      minPrice: '0.00001000',
      maxPrice: '922327.00000000',
      tickSize: '0.00001000',
    },
    { filterType: 'LOT_SIZE', minQty: '0.00010000', maxQty: '100000.00000000', stepSize: '0.00010000' },
    { filterType: 'ICEBERG_PARTS', limit: 10 },
    {
      filterType: 'NOTIONAL',
      minNotional: '0.00010000',
      applyMinToMarket: true,
      maxNotional: '9000000.00000000',
    },
  ],
  permissions: [],
  permissionSets: [['SPOT', 'MARGIN']],
};

const futuresSymbol: SymbolInfoWire = {
  symbol: 'BTCUSDT',
  pair: 'BTCUSDT',
  contractType: 'PERPETUAL',
  deliveryDate: 4133404800000,
  onboardDate: 1569398400000,
  status: 'TRADING',
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  marginAsset: 'USDT',
  pricePrecision: 2,
  quantityPrecision: 3,
  orderTypes: ['LIMIT', 'MARKET'],
  timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
  filters: [
    { filterType: 'PRICE_FILTER', minPrice: '556.80', maxPrice: '4529764', tickSize: '0.10' },
    { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
    { filterType: 'MARKET_LOT_SIZE', minQty: '0.001', maxQty: '120', stepSize: '0.001' },
    { filterType: 'MAX_NUM_ORDERS', limit: 200 },
    { filterType: 'MIN_NOTIONAL', notional: '5.0' },
    { filterType: 'PERCENT_PRICE', multiplierUp: '1.1500', multiplierDown: '0.8500', multiplierDecimal: '4' },
  ],
};

describe('parseInstrument', () => {
  it('reads a Spot symbol: grid from PRICE_FILTER / LOT_SIZE, min notional from NOTIONAL', () => {
    const i = parseInstrument('spot', spotSymbol);
    expect(i).toMatchObject({
      venue: 'binance',
      symbol: 'ETHBTC',
      unifiedSymbol: 'ETH/BTC',
      type: 'spot',
      tickSize: 0.00001,
      stepSize: 0.0001,
      minQty: 0.0001,
      maxQty: 100000,
      minNotional: 0.0001,
      pricePrecision: 5,
      qtyPrecision: 4,
      active: true,
      market: 'spot',
      status: 'TRADING',
      tickSizeText: '0.00001000',
    });
    expect(instrumentSchema.safeParse(i).success).toBe(true);
  });

  it('reads a USD-M perpetual as BASE/QUOTE:SETTLE with MIN_NOTIONAL.notional', () => {
    const i = parseInstrument('usdm', futuresSymbol);
    expect(i).toMatchObject({
      unifiedSymbol: 'BTC/USDT:USDT',
      type: 'perp',
      settle: 'USDT',
      tickSize: 0.1,
      stepSize: 0.001,
      minNotional: 5,
      contractType: 'PERPETUAL',
    });
    expect(i.expiry).toBeUndefined();
  });

  it('reads a dated USD-M future with its expiry in the unified symbol', () => {
    const i = parseInstrument('usdm', {
      ...futuresSymbol,
      symbol: 'BTCUSDT_250627',
      contractType: 'CURRENT_QUARTER',
      deliveryDate: Date.UTC(2025, 5, 27, 8),
    });
    expect(i.type).toBe('future');
    expect(i.unifiedSymbol).toBe('BTC/USDT:USDT-250627');
    expect(i.expiry).toBe(Date.UTC(2025, 5, 27, 8));
  });

  it('marks non-trading symbols inactive and falls back to precisions when a filter is disabled', () => {
    const i = parseInstrument('spot', {
      ...spotSymbol,
      status: 'BREAK',
      filters: [{ filterType: 'PRICE_FILTER', minPrice: '0', maxPrice: '0', tickSize: '0.00000000' }],
    });
    expect(i.active).toBe(false);
    expect(i.tickSizeText).toBe('0.00000001');
    expect(i.stepSizeText).toBe('0.00000001');
    expect(i.minNotional).toBe(0);
  });
});

describe('parseInstruments', () => {
  it('skips (and reports) an unusable symbol without hiding the others', () => {
    const broken = { ...futuresSymbol, symbol: 'BROKEN', filters: [], pricePrecision: undefined };
    const invalid: string[] = [];
    const list = parseInstruments(
      'usdm',
      { symbols: [futuresSymbol, broken as SymbolInfoWire] },
      {
        onInvalid: (symbol, error) => {
          expect(error).toBeInstanceOf(ValidationError);
          invalid.push(symbol);
        },
      },
    );
    expect(list.map((i) => i.symbol)).toEqual(['BTCUSDT']);
    expect(invalid).toEqual(['BROKEN']);
  });

  it('refuses a payload without symbols', () => {
    expect(() => parseInstruments('spot', {} as never)).toThrow(/symbols/);
  });
});
