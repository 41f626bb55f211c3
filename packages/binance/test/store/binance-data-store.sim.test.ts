// BinanceDataStore against the Binance simulator over loopback: market streams and user data fed
// to `onmessage` from real sockets, REST answers given to `initialize`; books with gap checks
// (cleared on a gap, resynced by a new snapshot or by `fetchSnapshot`), trades, tickers, open
// orders, balances and positions.
import { createCredentials, WebSocketApp } from '@venuekit/base';
import { BINANCE_DOCS_HMAC_KEY, type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { signWsApiParams } from '../../src/auth/index.js';
import { restSnapshotFetcher } from '../../src/book/index.js';
import { BinanceRestClient } from '../../src/rest/index.js';
import { BinanceDataStore } from '../../src/store/index.js';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const names = (symbol: string) => ({ symbol, unifiedSymbol: `${symbol.slice(0, -4)}/USDT` });

function bookEqualsTruth(
  sim: BinanceSim,
  store: BinanceDataStore,
  market: 'spot' | 'usdm' = 'spot',
): boolean {
  const truth = sim.bookSnapshot('BTCUSDT', market, 5000);
  const mine = store.book.sorted({ symbol: 'BTCUSDT' });
  const same = (a: Array<[number, number]>, b: Array<[string, string]>) =>
    a.length === b.length && a.every(([p, q], i) => p === +b[i]![0] && q === +b[i]![1]);
  return same(mine.bids, truth.bids) && same(mine.asks, truth.asks);
}

async function depthSource(rest: BinanceRestClient, httpUrl: string, path: string) {
  const url = `${httpUrl}${path}?symbol=BTCUSDT&limit=1000`;
  return { url, data: await rest.depth('BTCUSDT', 1000) };
}

describe('BinanceDataStore', () => {
  it('keeps books (with gap checks), trades and tickers from market streams seeded by initialize', async () => {
    await using sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 60 }] });
    const rest = new BinanceRestClient({ baseUrl: sim.httpUrl });
    const gaps: string[] = [];
    const store = new BinanceDataStore({ symbolNames: names, onGap: (symbol) => gaps.push(symbol) });
    const streams = 'btcusdt@depth@100ms/btcusdt@trade/btcusdt@ticker/btcusdt@bookTicker';
    await using app = WebSocketApp.connect(`${sim.wsUrl}/stream?streams=${streams}`, {
      onJson: store.onmessage,
    });
    await app.opened();
    await sim.waitForSubscribers('btcusdt@depth@100ms', 1);
    sim.market.step(5);
    await until(() => store.trades.size > 0 || store.ticker.size > 0, 'the first messages');
    expect(store.book.symbols()).toEqual([]); // diffs are buffered until a snapshot

    await store.initialize(depthSource(rest, sim.httpUrl, '/api/v3/depth'));
    expect(store.isLive('BTCUSDT')).toBe(true);
    sim.market.step(200);
    await until(() => store.lastUpdateId('BTCUSDT') === sim.bookSnapshot('BTCUSDT').lastUpdateId, 'the book');
    expect(bookEqualsTruth(sim, store)).toBe(true);
    const trade = store.trades.find().at(-1)!;
    expect(trade).toMatchObject({ venue: 'binance', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
    const ticker = store.ticker.get({ symbol: 'BTCUSDT' })!;
    expect(ticker.bid).toBeLessThan(ticker.ask!);
    expect(ticker.last).toBeGreaterThan(0); // 24hrTicker and bookTicker merged

    // A gap: the book is cleared (never served) until a new snapshot fits.
    sim.injectDepthGap('BTCUSDT');
    sim.market.step(3);
    await until(() => gaps.length === 1, 'the gap');
    expect(store.book.symbols()).toEqual([]);
    expect(store.isLive('BTCUSDT')).toBe(false);
    await store.initialize(depthSource(rest, sim.httpUrl, '/api/v3/depth'));
    sim.market.step(20);
    await until(
      () => store.lastUpdateId('BTCUSDT') === sim.bookSnapshot('BTCUSDT').lastUpdateId,
      'the resync',
    );
    expect(bookEqualsTruth(sim, store)).toBe(true);
  });

  it('resyncs by itself with fetchSnapshot, and rejects a snapshot that does not fit', async () => {
    await using sim = await startBinanceSim({ market: 'usdm', symbols: [{ symbol: 'BTCUSDT', levels: 60 }] });
    const rest = new BinanceRestClient({ market: 'usdm', baseUrl: sim.httpUrl });
    const gaps: string[] = [];
    const store = new BinanceDataStore({
      market: 'usdm',
      fetchSnapshot: restSnapshotFetcher(rest),
      onGap: (_symbol, reason) => gaps.push(reason),
    });
    await using app = WebSocketApp.connect(`${sim.wsUrl}/public/stream?streams=btcusdt@depth@100ms`, {
      onJson: store.onmessage,
    });
    await app.opened();
    await sim.waitForSubscribers('btcusdt@depth@100ms', 1, { market: 'usdm' });
    const old = await depthSource(rest, sim.httpUrl, '/fapi/v1/depth');
    sim.market.step(5);
    await until(() => store.isLive('BTCUSDT'), 'the automatic first snapshot');
    sim.injectDepthGap('BTCUSDT', 'usdm');
    sim.market.step(5);
    await until(() => gaps.length === 1, 'the gap');
    expect(gaps[0]).toMatch(/gap in BTCUSDT: .* pu=/);
    await until(() => store.isLive('BTCUSDT'), 'the automatic resync');
    // An old snapshot offered while live is ignored; the book stays correct.
    await store.initialize(old);
    sim.market.step(50);
    await until(
      () => store.lastUpdateId('BTCUSDT') === sim.bookSnapshot('BTCUSDT', 'usdm').lastUpdateId,
      'the book to follow',
    );
    expect(bookEqualsTruth(sim, store, 'usdm')).toBe(true);
    store.close();

    const fresh = new BinanceDataStore({ market: 'usdm' });
    fresh.onmessage({
      stream: 'btcusdt@depth@100ms',
      data: { e: 'depthUpdate', s: 'BTCUSDT', U: 10, u: 12, pu: 9, b: [], a: [] },
    });
    await expect(
      fresh.initialize({
        url: `${sim.httpUrl}/fapi/v1/depth?symbol=BTCUSDT`,
        data: { lastUpdateId: 5, bids: [], asks: [] },
      }),
    ).rejects.toThrow(/does not fit the buffered diffs \(tooOld\)/);
  });

  it('keeps Spot open orders and balances from WS API user data, seeded from REST', async () => {
    await using sim = await startBinanceSim({
      market: 'spot',
      balances: { spot: { USDT: '100000', BTC: '1' } },
    });
    const credentials = createCredentials(BINANCE_DOCS_HMAC_KEY);
    const rest = new BinanceRestClient({ baseUrl: sim.httpUrl, credentials });
    const store = new BinanceDataStore({ symbolNames: names });
    await store.initialize(
      { url: `${sim.httpUrl}/api/v3/openOrders`, data: await rest.openOrders() },
      { url: `${sim.httpUrl}/api/v3/account`, data: await rest.spotAccount() },
    );
    expect(store.balances.get({ asset: 'USDT' })).toMatchObject({ free: 100_000, locked: 0, total: 100_000 });
    expect(store.orders.size).toBe(0);

    await using app = WebSocketApp.connect(`${sim.wsUrl}/ws-api/v3`, { onJson: store.onmessage });
    await app.opened();
    const params = signWsApiParams({ apiKey: BINANCE_DOCS_HMAC_KEY.apiKey }, credentials, {
      now: () => Date.now(),
    });
    app.send({ id: 'sub', method: 'userDataStream.subscribe.signature', params });
    await app.waitForJson((m) => (m as { id?: string }).id === 'sub');

    const placed = await rest.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000',
      price: '30000.00',
    });
    await until(() => store.orders.size === 1, 'the new order');
    expect(store.orders.find()[0]).toMatchObject({
      id: String(placed.orderId),
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      status: 'open',
      price: 30000,
      quantity: 0.01,
    });
    await until(() => store.balances.get({ asset: 'USDT' })?.locked === 300, 'the locked balance');
    await rest.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId });
    await until(() => store.orders.size === 0, 'the cancel');
    await until(() => store.balances.get({ asset: 'USDT' })?.locked === 0, 'the released balance');
  });

  it('keeps USD-M orders, balances and positions from listenKey events, seeded from REST', async () => {
    await using sim = await startBinanceSim({ market: 'usdm', balances: { usdm: { USDT: '10000' } } });
    const rest = new BinanceRestClient({
      market: 'usdm',
      baseUrl: sim.httpUrl,
      credentials: BINANCE_DOCS_HMAC_KEY,
    });
    const store = new BinanceDataStore({ market: 'usdm', symbolNames: names });
    await store.initialize(
      { url: `${sim.httpUrl}/fapi/v3/balance`, data: await rest.futuresBalances() },
      { url: `${sim.httpUrl}/fapi/v3/positionRisk`, data: await rest.positionRisk() },
      { url: `${sim.httpUrl}/fapi/v1/openOrders`, data: await rest.openOrders() },
    );
    expect(store.balances.get({ asset: 'USDT' })?.total).toBe(10_000);
    expect(store.positions.size).toBe(0);
    const { listenKey } = await rest.createListenKey();
    await using app = WebSocketApp.connect(`${sim.wsUrl}/private/ws?listenKey=${listenKey}`, {
      onJson: store.onmessage,
    });
    await app.opened();

    await rest.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.010' });
    await until(() => store.positions.size === 1, 'the position');
    expect(store.positions.find()[0]).toMatchObject({
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      side: 'long',
      size: 0.01,
    });
    expect(store.orders.size).toBe(0); // a filled market order is not open
    await rest.placeOrder({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.030' });
    await until(() => store.positions.find()[0]?.side === 'short', 'the flip to short');
    expect(store.positions.find()).toHaveLength(1);
    expect(store.positions.find()[0]!.size).toBeCloseTo(0.02, 10);
    await rest.placeOrder({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.020',
      reduceOnly: 'true',
    });
    await until(() => store.positions.size === 0, 'the flat position');
    expect(store.balances.get({ asset: 'USDT' })!.total).not.toBe(10_000); // fees and PnL moved the wallet
  });
});
