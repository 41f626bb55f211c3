// Stream faults and controls: the u = 1 restart, sequence jumps, floods, idle cuts, kline
// confirmation and the harness faults under a hand-driven clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import { ClientBook, type Json, manualClock, TestSocket } from './helpers.js';

describe('Bybit simulator stream faults and controls', () => {
  const clock = manualClock(Date.UTC(2026, 4, 1, 8));
  let sim: BybitSim;
  beforeAll(async () => {
    sim = await startBybitSim({
      clock,
      symbols: [
        { symbol: 'BTCUSDT', levels: 80 },
        { symbol: 'ETHUSDT', levels: 80 },
      ],
    });
  });
  afterAll(() => sim.close());

  it('injectReset sends a u = 1 snapshot on every depth; the book after it is the truth, u counts on from 1', async () => {
    const s = await TestSocket.open(sim.urls.publicSpot);
    await s.request({ op: 'subscribe', req_id: 'r', args: ['orderbook.50.BTCUSDT', 'orderbook.1.BTCUSDT'] });
    sim.market.step(30, 'BTCUSDT', 'spot');
    sim.injectReset('BTCUSDT', 'spot');
    sim.market.step(5, 'BTCUSDT', 'spot');
    await s.barrier();
    const msgs = s.on('orderbook.50.BTCUSDT');
    const reset = msgs.findIndex((m: Json) => m.data.u === 1);
    expect(reset).toBeGreaterThan(1);
    expect(msgs[reset].type).toBe('snapshot');
    expect(msgs[reset - 1].data.u).toBeGreaterThan(1_000_000);
    const after = msgs.slice(reset);
    expect(after.map((m: Json) => m.data.u)).toEqual(after.map((_: Json, i: number) => i + 1));
    expect(s.on('orderbook.1.BTCUSDT').some((m: Json) => m.data.u === 1)).toBe(true);
    const book = new ClientBook();
    for (const m of msgs) book.apply(m.type, m.data);
    const truth = sim.bookSnapshot('spot', 'BTCUSDT', 50);
    expect(book.sorted()).toEqual({ bids: truth.bids, asks: truth.asks });
    expect(sim.bookSnapshot('spot', 'BTCUSDT').u).toBe(1 + 5);
    await s.close();
  });

  it('injectSequenceJump makes the next delta skip a u (the hidden changes are real)', async () => {
    const s = await TestSocket.open(sim.urls.publicLinear);
    await s.request({ op: 'subscribe', req_id: 'j', args: ['orderbook.200.ETHUSDT'] });
    sim.market.step(3, 'ETHUSDT', 'linear');
    sim.injectSequenceJump('ETHUSDT', 'linear');
    sim.market.step(3, 'ETHUSDT', 'linear');
    await s.barrier();
    const us = s.on('orderbook.200.ETHUSDT').map((m: Json) => m.data.u);
    const gaps = us.slice(1).map((u: number, i: number) => u - us[i]);
    expect(gaps.filter((g: number) => g !== 1)).toEqual([2]);
    const book = new ClientBook();
    for (const m of s.on('orderbook.200.ETHUSDT')) book.apply(m.type, m.data);
    const truth = sim.bookSnapshot('linear', 'ETHUSDT', 200);
    expect(book.sorted()).not.toEqual({ bids: truth.bids, asks: truth.asks });
    const again = await TestSocket.open(sim.urls.publicLinear);
    await again.request({ op: 'subscribe', req_id: 'k', args: ['orderbook.200.ETHUSDT'] });
    const fresh = again.on('orderbook.200.ETHUSDT')[0];
    expect(fresh.type).toBe('snapshot');
    expect(fresh.data.u).toBe(us.at(-1));
    await Promise.all([s.close(), again.close()]);
  });

  it('flood publishes exactly count pre-serialized, correctly sequenced messages to every subscriber', async () => {
    const a = await TestSocket.open(sim.urls.publicSpot);
    const b = await TestSocket.open(sim.urls.publicSpot);
    for (const s of [a, b])
      await s.request({
        op: 'subscribe',
        req_id: 'f',
        args: ['orderbook.50.ETHUSDT', 'publicTrade.ETHUSDT'],
      });
    expect(await sim.flood('orderbook.50.ETHUSDT', 3000, 'spot')).toBe(2);
    await Promise.all([a.barrier(), b.barrier()]);
    for (const s of [a, b]) {
      const msgs = s.on('orderbook.50.ETHUSDT');
      expect(msgs).toHaveLength(3001);
      for (let i = 1; i < msgs.length; i++) expect(msgs[i].data.u).toBe(msgs[i - 1].data.u + 1);
      const book = new ClientBook();
      for (const m of msgs) book.apply(m.type, m.data);
      const truth = sim.bookSnapshot('spot', 'ETHUSDT', 50);
      expect(book.sorted()).toEqual({ bids: truth.bids, asks: truth.asks });
    }
    expect(await sim.flood('publicTrade.ETHUSDT', 200, 'spot')).toBe(2);
    await a.barrier();
    expect(a.on('publicTrade.ETHUSDT').length).toBeGreaterThanOrEqual(200);
    await expect(sim.flood('orderbook.50.DOGEUSDT', 10, 'spot')).rejects.toThrow(/not a spot topic/);
    await Promise.all([a.close(), b.close()]);
  });

  it('cuts connections without ping or data after 10 minutes of simulator time; pings keep them', async () => {
    const quiet = await TestSocket.open(sim.urls.publicLinear);
    const pinging = await TestSocket.open(sim.urls.publicLinear);
    const before = sim.violationDetails.byKind.wsIdle;
    for (let minute = 0; minute < 11; minute++) {
      clock.advance(60_000);
      await pinging.barrier();
      sim.expireIdleConnections();
    }
    expect(await quiet.closed()).toBe(1000);
    expect(pinging.closeCode).toBeUndefined();
    expect(sim.violationDetails.byKind.wsIdle).toBe(before + 1);
    sim.resetLimits();
    await pinging.close();
  });

  it('private connections follow ?max_active_time and refuse a malformed one', async () => {
    const short = await TestSocket.open(`${sim.urls.private}?max_active_time=30s`);
    clock.advance(31_000);
    expect(sim.expireIdleConnections()).toBe(1);
    expect(await short.closed()).toBe(1000);
    const bad = await TestSocket.open(`${sim.urls.private}?max_active_time=5s`);
    expect(await bad.closed()).toBe(1008);
    sim.resetLimits();
  });

  it('closes a kline with confirm: true when simulator time crosses into the next candle', async () => {
    const s = await TestSocket.open(sim.urls.publicLinear);
    await s.request({ op: 'subscribe', req_id: 'k', args: ['kline.1.BTCUSDT'] });
    const first = s.on('kline.1.BTCUSDT')[0].data[0];
    expect(first).toMatchObject({
      start: Math.floor(clock.now() / 60_000) * 60_000,
      confirm: false,
      interval: '1',
    });
    clock.advance(60_000);
    sim.market.step(1, 'BTCUSDT', 'linear');
    await s.barrier();
    const msgs = s.on('kline.1.BTCUSDT').map((m: Json) => m.data[0]);
    const closed = msgs.find((c: Json) => c.confirm === true);
    expect(closed).toMatchObject({ start: first.start, end: first.start + 59_999 });
    expect(msgs.at(-1)).toMatchObject({ start: first.start + 60_000, confirm: false, open: closed.close });
    await s.close();
  });

  it('harness faults apply: dropAll cuts every stream, stalled messages arrive in order afterwards', async () => {
    const s = await TestSocket.open(sim.urls.publicSpot);
    await s.request({ op: 'subscribe', req_id: 'h', args: ['orderbook.50.BTCUSDT'] });
    sim.faults.stall(true);
    sim.market.step(20, 'BTCUSDT', 'spot');
    sim.faults.stall(false);
    await s.barrier();
    const us = s.on('orderbook.50.BTCUSDT').map((m: Json) => m.data.u);
    for (let i = 1; i < us.length; i++) expect(us[i]).toBe(us[i - 1] + 1);
    sim.faults.dropAll();
    expect(await s.closed()).toBe(1006);
  });
});
