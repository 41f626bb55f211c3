import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSim, BINANCE_HEARTBEAT_DEFAULTS, startBinanceSim } from '@venuekit/testkit';
import { call, DOC_KEY, TestSocket } from './helpers.js';

/** A hand-driven clock: simulator time only moves when the test says so (one frozen second). */
function manualClock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Counts the server pings a socket receives; `reached(n)` resolves at the n-th, rejects on close. */
function pingCounter(s: TestSocket) {
  let count = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  s.ws.on('ping', () => {
    count++;
    for (const w of waiters) if (count >= w.n) w.resolve();
  });
  return {
    get count() {
      return count;
    },
    reached: (n: number): Promise<void> =>
      count >= n
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ n, resolve })),
            s.closed().then((code) => {
              throw new Error(`closed (${code}) after ${count} pings, waiting for ${n}`);
            }),
          ]),
  };
}

const SYMBOLS = [{ symbol: 'BTCUSDT', levels: 50 }];

describe('Binance simulator server pings', () => {
  let sim: BinanceSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it("uses Binance's intervals by default: Spot 20 s / 1 min, USDⓈ-M 3 min / 10 min", () => {
    expect(BINANCE_HEARTBEAT_DEFAULTS).toEqual({
      spot: { intervalMs: 20_000, timeoutMs: 60_000 },
      usdm: { intervalMs: 180_000, timeoutMs: 600_000 },
    });
  });

  it('pings Spot streams and the WS API at the Spot interval; clients that pong stay; USDⓈ-M keeps its own', async () => {
    sim = await startBinanceSim({
      market: 'both',
      symbols: SYMBOLS,
      heartbeat: { spot: { intervalMs: 10, timeoutMs: 250 } },
      limits: { spot: { wsMessagesPerSecond: 1_000 } }, // 100 pongs a second: not what this test is about
    });
    const stream = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@trade`);
    const api = await TestSocket.open(`${sim.wsUrl}/ws-api/v3`);
    const futures = await TestSocket.open(`${sim.wsUrl}/market/ws/btcusdt@aggTrade`);
    const [streamPings, apiPings, futuresPings] = [stream, api, futures].map(pingCounter);
    await Promise.all([streamPings!.reached(30), apiPings!.reached(30)]); // ≥ 300 ms > the 250 ms deadline
    expect(futuresPings!.count).toBe(0); // 3-minute interval
    expect([stream.closeCode, api.closeCode, futures.closeCode]).toEqual([undefined, undefined, undefined]);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(0);
    expect(sim.violations).toBe(0);
    await Promise.all([stream.close(), api.close(), futures.close()]);
  });

  it('drops stream, WS API and user-data connections that do not pong in time', async () => {
    sim = await startBinanceSim({
      market: 'both',
      symbols: SYMBOLS,
      heartbeat: { intervalMs: 10, timeoutMs: 80 },
    });
    const headers = { 'X-MBX-APIKEY': DOC_KEY };
    const key = (await call(sim.httpUrl, 'POST', '/fapi/v1/listenKey', '', { headers })).body
      .listenKey as string;
    const silent = { autoPong: false };
    const sockets = await Promise.all(
      ['/ws/btcusdt@trade', '/ws-api/v3', '/public/ws/btcusdt@depth', `/private/ws/${key}`].map((path) =>
        TestSocket.open(`${sim!.wsUrl}${path}`, silent),
      ),
    );
    expect(await Promise.all(sockets.map((s) => s.closed()))).toEqual([1006, 1006, 1006, 1006]);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(4);
    expect(sim.spot!.hub.subscriberCount('btcusdt@trade')).toBe(0);
    expect(sim.usdm!.hub.subscriberCount('btcusdt@depth')).toBe(0);
  });

  it('turns one market off with `false` and refuses a bad interval by name', async () => {
    await expect(startBinanceSim({ market: 'usdm', heartbeat: { usdm: { timeoutMs: -1 } } })).rejects.toThrow(
      /startBinanceSim: usdm: heartbeat\.timeoutMs must be a number of ms/,
    );
    sim = await startBinanceSim({
      market: 'both',
      symbols: SYMBOLS,
      heartbeat: { intervalMs: 10, timeoutMs: 80, usdm: false },
      limits: { spot: { wsMessagesPerSecond: 1_000 } },
    });
    const futures = await TestSocket.open(`${sim.wsUrl}/public/ws/btcusdt@depth`, { autoPong: false });
    const spot = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@depth`);
    const futuresPings = pingCounter(futures);
    await pingCounter(spot).reached(15); // the futures socket, opened first, would have been pinged by now
    expect(futuresPings.count).toBe(0);
    expect(futures.closeCode).toBeUndefined(); // never pinged, so never timed out
    await Promise.all([spot.close(), futures.close()]);
  });
});

describe('Binance simulator inbound message limit counts pings and pongs', () => {
  let sim: BinanceSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('Spot: text, ping and pong frames share the 5 per second; the 6th disconnects', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 0, 0, 0, 500));
    sim = await startBinanceSim({ market: 'both', clock, symbols: SYMBOLS, heartbeat: false });
    const s = await TestSocket.open(`${sim.wsUrl}/ws`, { autoPong: false });
    let pongs = 0;
    s.ws.on('pong', () => pongs++);
    s.ws.ping('a');
    s.ws.pong('unsolicited');
    s.ws.ping('c');
    expect(await s.request({ method: 'LIST_SUBSCRIPTIONS', id: 4 })).toEqual({ result: [], id: 4 });
    expect(await s.request({ method: 'LIST_SUBSCRIPTIONS', id: 5 })).toEqual({ result: [], id: 5 });
    expect(pongs).toBe(2); // both pings were answered before the answers that followed them
    expect(sim.violations).toBe(0);

    s.ws.pong('one too many');
    expect(await s.closed()).toBe(1008);
    expect(sim.violationDetails.byKind.wsMessageRate).toBe(1);
    expect(sim.violationDetails.recent.at(-1)).toMatchObject({
      kind: 'wsMessageRate',
      detail: 'more than 5 messages in one second (text, ping and pong frames count)',
    });

    // The next simulated second has a fresh budget.
    clock.advance(1_000);
    const t = await TestSocket.open(`${sim.wsUrl}/ws`);
    for (let i = 0; i < 4; i++) t.ws.ping(String(i));
    expect(await t.request({ method: 'LIST_SUBSCRIPTIONS', id: 1 })).toEqual({ result: [], id: 1 });
    expect(sim.violations).toBe(1);
    await t.close();
  });

  it('USDⓈ-M: 10 per second', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 0, 0, 0, 500));
    sim = await startBinanceSim({ market: 'usdm', clock, symbols: SYMBOLS, heartbeat: false });
    const s = await TestSocket.open(`${sim.wsUrl}/market/ws`);
    for (let i = 0; i < 9; i++) s.ws.ping(String(i));
    expect(await s.request({ method: 'LIST_SUBSCRIPTIONS', id: 10 })).toEqual({ result: [], id: 10 });
    s.ws.ping('11');
    expect(await s.closed()).toBe(1008);
    expect(sim.violationDetails.byKind.wsMessageRate).toBe(1);
  });

  it('the pongs answering the server heartbeat count too (a frozen clock keeps them in one second)', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1, 0, 0, 0, 500));
    sim = await startBinanceSim({
      market: 'spot',
      clock,
      symbols: SYMBOLS,
      heartbeat: { intervalMs: 10, timeoutMs: 5_000 },
    });
    const stream = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@trade`); // ws answers every ping
    const api = await TestSocket.open(`${sim.wsUrl}/ws-api/v3`);
    const streamPings = pingCounter(stream);
    const apiPings = pingCounter(api);
    expect(await stream.closed()).toBe(1008); // the 6th pong within the frozen second
    expect(streamPings.count).toBeGreaterThanOrEqual(6);
    expect(sim.violationDetails.byKind.wsMessageRate).toBe(1);
    // The WS API has no per-connection message limit (its requests are weighed instead).
    await apiPings.reached(12);
    expect(api.closeCode).toBeUndefined();
    await api.close();
  });
});
