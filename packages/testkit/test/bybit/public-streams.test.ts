// Public streams against raw `ws` clients: subscribe acks and caps, order book snapshot / delta
// sequencing per depth, trades, tickers (linear deltas merge into REST) and klines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import { ClientBook, get, type Json, TestSocket } from './helpers.js';

describe('Bybit simulator public streams', () => {
  let sim: BybitSim;
  beforeAll(async () => {
    sim = await startBybitSim({
      symbols: [
        { symbol: 'BTCUSDT', levels: 120 },
        { symbol: 'ETHUSDT', levels: 60 },
      ],
    });
  });
  afterAll(() => sim.close());

  it('acks subscribe like spot (ret_msg "subscribe", req_id only when sent) and like linear (req_id always)', async () => {
    const spot = await TestSocket.open(sim.urls.publicSpot);
    const ack = await spot.request({ op: 'subscribe', req_id: '10001', args: ['publicTrade.BTCUSDT'] });
    expect(ack).toEqual({
      success: true,
      ret_msg: 'subscribe',
      conn_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      req_id: '10001',
      op: 'subscribe',
    });
    spot.send({ op: 'subscribe', args: ['tickers.ETHUSDT'] });
    const bare = await spot.waitFor((m) => m.op === 'subscribe' && m.req_id === undefined);
    expect(bare).toMatchObject({ success: true, ret_msg: 'subscribe' });
    const linear = await TestSocket.open(sim.urls.publicLinear);
    linear.send({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] });
    expect(await linear.waitFor((m) => m.op === 'subscribe')).toEqual({
      success: true,
      ret_msg: '',
      conn_id: expect.any(String),
      req_id: '',
      op: 'subscribe',
    });
    expect(await linear.request({ op: 'ping', req_id: '100001' })).toMatchObject({
      success: true,
      ret_msg: 'pong',
      req_id: '100001',
      op: 'ping',
    });
    expect(
      await spot.request({ op: 'unsubscribe', req_id: 'u1', args: ['publicTrade.BTCUSDT'] }),
    ).toMatchObject({ success: true, op: 'unsubscribe' });
    expect(sim.subscriberCount('publicTrade.BTCUSDT', 'spot')).toBe(0);
    await Promise.all([spot.close(), linear.close()]);
  });

  it('refuses more than 10 args in one spot subscribe (a violation), but not on linear', async () => {
    const before = sim.violations;
    const topics = Array.from(
      { length: 11 },
      (_, i) => `kline.${['1', '3', '5', '15', '30', '60', '120', '240', '360', '720', 'D'][i]}.BTCUSDT`,
    );
    const spot = await TestSocket.open(sim.urls.publicSpot);
    const refused = await spot.request({ op: 'subscribe', req_id: 'big', args: topics });
    expect(refused).toMatchObject({ success: false, ret_msg: 'args size >10', req_id: 'big' });
    expect(sim.violations).toBe(before + 1);
    expect(sim.violationDetails.byKind.wsSubscribeArgs).toBe(1);
    expect(sim.subscriberCount('kline.1.BTCUSDT', 'spot')).toBe(0);
    const ten = await spot.request({ op: 'subscribe', req_id: 'ten', args: topics.slice(0, 10) });
    expect(ten.success).toBe(true);
    const linear = await TestSocket.open(sim.urls.publicLinear);
    expect((await linear.request({ op: 'subscribe', req_id: 'l', args: topics })).success).toBe(true);
    expect(sim.violations).toBe(before + 1);
    await Promise.all([spot.close(), linear.close()]);
  });

  it("answers unknown topics, unknown symbols, duplicates and unknown ops with Bybit's messages", async () => {
    const s = await TestSocket.open(sim.urls.publicLinear);
    expect((await s.request({ op: 'subscribe', req_id: 'a', args: ['orderbook.25.BTCUSDT'] })).ret_msg).toBe(
      'error:handler not found,topic:orderbook.25.BTCUSDT',
    );
    expect((await s.request({ op: 'subscribe', req_id: 'b', args: ['orderbook.50.DOGEUSDT'] })).ret_msg).toBe(
      'Invalid symbol :[orderbook.50.DOGEUSDT]',
    );
    await s.request({ op: 'subscribe', req_id: 'c', args: ['publicTrade.ETHUSDT'] });
    expect((await s.request({ op: 'subscribe', req_id: 'd', args: ['publicTrade.ETHUSDT'] })).ret_msg).toBe(
      'error:already subscribed,topic:publicTrade.ETHUSDT',
    );
    s.send({ op: 'hello', args: [] });
    expect(await s.waitFor((m) => m.request !== undefined)).toMatchObject({
      success: false,
      ret_msg: 'error:invalid op',
      request: { op: 'hello' },
    });
    await s.close();
  });

  it('sends a snapshot, then deltas with u + 1 per message that rebuild the true top 50', async () => {
    const s = await TestSocket.open(sim.urls.publicSpot);
    await s.request({ op: 'subscribe', req_id: 'ob', args: ['orderbook.50.BTCUSDT'] });
    sim.market.step(400, 'BTCUSDT', 'spot');
    const lastU = (await get(sim.httpUrl, '/v5/market/orderbook', 'category=spot&symbol=BTCUSDT')).body.result
      .u;
    expect(lastU).toBe(sim.bookSnapshot('spot', 'BTCUSDT').u);
    const probe = sim.bookSnapshot('spot', 'BTCUSDT', 50);
    const book = new ClientBook();
    await s.barrier();
    const msgs = s.on('orderbook.50.BTCUSDT');
    expect(msgs[0].type).toBe('snapshot');
    expect(msgs[0].data.b).toHaveLength(50);
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      expect(m).toMatchObject({ topic: 'orderbook.50.BTCUSDT', data: { s: 'BTCUSDT' } });
      expect(m.cts).toBeLessThanOrEqual(m.ts);
      if (i > 0) {
        expect(m.type).toBe('delta');
        expect(m.data.u).toBe(msgs[i - 1].data.u + 1);
        expect(m.data.seq).toBeGreaterThan(msgs[i - 1].data.seq);
      }
      book.apply(m.type, m.data);
      const { bids, asks } = book.sorted();
      expect(bids.length).toBeLessThanOrEqual(50);
      if (bids[0] && asks[0]) expect(Number(bids[0][0])).toBeLessThan(Number(asks[0][0]));
    }
    expect(book.sorted()).toEqual({ bids: probe.bids, asks: probe.asks });
    await s.close();
  });

  it('orderbook.1000 carries the u that REST /v5/market/orderbook reports', async () => {
    const s = await TestSocket.open(sim.urls.publicLinear);
    await s.request({ op: 'subscribe', req_id: 'deep', args: ['orderbook.1000.BTCUSDT'] });
    sim.market.step(40, 'BTCUSDT', 'linear');
    await s.barrier();
    const rest = (await get(sim.httpUrl, '/v5/market/orderbook', 'category=linear&symbol=BTCUSDT&limit=1000'))
      .body.result;
    const last = s.on('orderbook.1000.BTCUSDT').at(-1);
    expect(last.data.u).toBe(rest.u);
    expect(last.data.seq).toBe(rest.seq);
    await s.close();
  });

  it('keeps separate u per depth; level 1 is snapshots only; several depths of one step share seq', async () => {
    const s = await TestSocket.open(sim.urls.publicLinear);
    await s.request({ op: 'subscribe', req_id: 'x', args: ['orderbook.1.ETHUSDT', 'orderbook.200.ETHUSDT'] });
    sim.market.step(150, 'ETHUSDT', 'linear');
    const top = sim.bookSnapshot('linear', 'ETHUSDT', 1);
    const l1 = await s.waitFor(
      (m) =>
        m.topic === 'orderbook.1.ETHUSDT' &&
        m.data.b[0]?.[0] === top.bids[0]![0] &&
        m.data.a[0]?.[0] === top.asks[0]![0],
    );
    expect(l1.type).toBe('snapshot');
    await s.barrier();
    const ones = s.on('orderbook.1.ETHUSDT');
    expect(
      ones.every((m: Json) => m.type === 'snapshot' && m.data.b.length <= 1 && m.data.a.length <= 1),
    ).toBe(true);
    for (let i = 1; i < ones.length; i++) expect(ones[i].data.u).toBe(ones[i - 1].data.u + 1);
    const deep = s.on('orderbook.200.ETHUSDT');
    expect(deep[0].data.u).not.toBe(ones[0].data.u);
    const book = new ClientBook();
    for (const m of deep) book.apply(m.type, m.data);
    const truth = sim.bookSnapshot('linear', 'ETHUSDT', 200);
    expect(book.sorted()).toEqual({ bids: truth.bids, asks: truth.asks });
    const seqs200 = new Set(deep.map((m: Json) => m.data.seq));
    expect(ones.slice(1).some((m: Json) => seqs200.has(m.data.seq))).toBe(true);
    await s.close();
  });

  it('streams trades, spot ticker snapshots, linear ticker deltas that merge into the REST ticker, and klines', async () => {
    const spot = await TestSocket.open(sim.urls.publicSpot);
    const linear = await TestSocket.open(sim.urls.publicLinear);
    await spot.request({
      op: 'subscribe',
      req_id: 's',
      args: ['publicTrade.ETHUSDT', 'tickers.ETHUSDT', 'kline.1.ETHUSDT'],
    });
    await linear.request({ op: 'subscribe', req_id: 'l', args: ['tickers.BTCUSDT', 'publicTrade.BTCUSDT'] });
    sim.market.step(120);
    const rest = (await get(sim.httpUrl, '/v5/market/tickers', 'category=linear&symbol=BTCUSDT')).body.result
      .list[0];
    await Promise.all([linear.barrier(), spot.barrier()]);
    const tickers = linear.on('tickers.BTCUSDT');
    expect(tickers[0].type).toBe('snapshot');
    expect(tickers.slice(1).every((m: Json) => m.type === 'delta' && typeof m.cs === 'number')).toBe(true);
    expect(
      tickers.slice(1).some((m: Json) => Object.keys(m.data).length < Object.keys(tickers[0].data).length),
    ).toBe(true);
    const merged: Record<string, string> = {};
    for (const m of tickers) Object.assign(merged, m.data);
    for (const k of [
      'lastPrice',
      'bid1Price',
      'bid1Size',
      'ask1Price',
      'ask1Size',
      'markPrice',
      'volume24h',
      'turnover24h',
      'highPrice24h',
    ]) {
      expect(merged[k], k).toBe(rest[k]);
    }
    const trade = await spot.waitFor((m) => m.topic === 'publicTrade.ETHUSDT');
    expect(trade.type).toBe('snapshot');
    expect(trade.data[0]).toMatchObject({
      s: 'ETHUSDT',
      S: expect.stringMatching(/^(Buy|Sell)$/),
      BT: false,
      i: expect.stringMatching(/^\d+$/),
    });
    const ltrade = await linear.waitFor((m) => m.topic === 'publicTrade.BTCUSDT');
    expect(ltrade.data[0]).toMatchObject({
      L: expect.stringMatching(/Tick$/),
      i: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const spotTickers = spot.on('tickers.ETHUSDT');
    expect(spotTickers.length).toBeGreaterThan(1);
    expect(
      spotTickers.every(
        (m: Json) =>
          m.type === 'snapshot' && m.data.bid1Price === undefined && m.data.lastPrice !== undefined,
      ),
    ).toBe(true);
    const kline = await spot.waitFor((m) => m.topic === 'kline.1.ETHUSDT' && m.data[0].volume !== undefined);
    expect(kline.data[0]).toMatchObject({ interval: '1', confirm: false });
    expect(kline.data[0].end - kline.data[0].start).toBe(59_999);
    await Promise.all([spot.close(), linear.close()]);
  });
});
