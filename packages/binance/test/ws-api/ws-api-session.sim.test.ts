// BinanceWsApi against the Binance simulator over loopback: answers matched by id, signatures the
// simulator verifies, session.logon with an Ed25519 key and re-logon after a drop, timeouts,
// aborts, lost answers (outcome unknown for orders), clock-skew recovery, malformed frames.
import {
  AuthenticationError,
  BadSymbolError,
  isRetryable,
  NetworkError,
  OrderOutcomeUnknownError,
  RequestTimeoutError,
  WebSocketNotOpenError,
} from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WsApiStatus } from '../../src/ws-api/index.js';
import {
  type BinanceSim,
  DOC_CREDENTIALS,
  ed25519Credentials,
  nextEvent,
  rejectionOf,
  simSession,
  startBinanceSim,
} from './ws-api-helpers.js';

const ed = ed25519Credentials();
const resting = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.1',
  price: '1000',
} as const;

describe('BinanceWsApi session', () => {
  let sim: BinanceSim;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'spot', apiKeys: [DOC_CREDENTIALS, ed.simKey] });
  });
  afterAll(() => sim.close());

  it('matches concurrent answers to their requests by id', async () => {
    await using api = simSession(sim);
    const statuses: WsApiStatus[] = [];
    api.on('status', (s) => statuses.push(s));
    expect(api.operationalStatus).toBe(false);
    await api.start();
    expect(api.operationalStatus).toBe(true);
    expect(api.orderHandling).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ operational: true, orderHandling: true });
    const limits = [5, 10, 20, 50, 100, 5, 10, 20];
    const books = await Promise.all(limits.map((limit) => api.depth('BTCUSDT', limit)));
    expect(books.map((b) => b.bids.length)).toEqual(limits);
    const time = await api.time();
    expect(time.serverTime).toBeGreaterThan(0);
    const usage = api.rateLimitUsage().find((u) => u.rule === 'REQUEST_WEIGHT:1M');
    expect(usage?.used).toBeGreaterThan(0);
    expect(api.pendingRequests).toBe(0);
    await expect(api.depth('NOPE')).rejects.toBeInstanceOf(BadSymbolError);
  });

  it('signs requests on the fly (HMAC: every signed request carries its signature)', async () => {
    await using api = simSession(sim);
    await api.start();
    expect(api.loggedOn).toBe(false);
    const account = (await api.accountStatus()) as { balances: unknown[] };
    expect(account.balances.length).toBeGreaterThan(0);
    const placed = await api.placeOrder({ ...resting });
    expect(placed).toMatchObject({ symbol: 'BTCUSDT', status: 'NEW' });
    const status = await api.orderStatus({ symbol: 'BTCUSDT', orderId: placed.orderId });
    expect(status.status).toBe('NEW');
    const canceled = await api.cancelOrder({ symbol: 'BTCUSDT', orderId: placed.orderId });
    expect(canceled.status).toBe('CANCELED');
  });

  it('maps a rejected signature to AuthenticationError with the venue code', async () => {
    await using api = simSession(sim, {
      credentials: { apiKey: DOC_CREDENTIALS.apiKey, secret: 'not-the-secret' },
    });
    await api.start();
    const error = await rejectionOf(api.accountStatus());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: -1022, venue: 'binance' });
    expect(error.message).not.toContain('not-the-secret');
  });

  it('logs on with an Ed25519 key, and again after the connection drops', async () => {
    await using api = simSession(sim, { credentials: ed.credentials });
    const logons: unknown[] = [];
    api.on('logon', (result) => logons.push(result));
    await api.start();
    expect(api.loggedOn).toBe(true);
    expect(logons).toHaveLength(1);
    expect((await api.sessionStatus()).apiKey).toBe(ed.credentials.apiKey);
    // Signed by the session key: no signature needed.
    expect(((await api.accountStatus()) as { balances: unknown[] }).balances.length).toBeGreaterThan(0);
    const back = nextEvent(api, 'reconnected');
    sim.faults.dropAll();
    await back;
    expect(logons).toHaveLength(2);
    expect(api.loggedOn).toBe(true);
    expect((await api.sessionStatus()).apiKey).toBe(ed.credentials.apiKey);
    expect((await api.placeOrder({ ...resting })).status).toBe('NEW');
  });

  it('fails start() when logon is refused (HMAC keys cannot log on), and stops for good', async () => {
    const api = simSession(sim, { logon: true });
    const error = await rejectionOf(api.start());
    expect(error).toMatchObject({ code: -4056 });
    expect(api.operationalStatus).toBeNull();
    await expect(api.time()).rejects.toBeInstanceOf(WebSocketNotOpenError);
  });

  it('times out a request; an order that timed out says its outcome is unknown', async () => {
    await using api = simSession(sim);
    await api.start();
    sim.faults.stall(true);
    try {
      const time = await rejectionOf(api.time({ timeoutMs: 30 }));
      expect(time).toBeInstanceOf(RequestTimeoutError);
      expect(time.message).toContain('nothing was changed');
      const order = await rejectionOf(
        api.placeOrder({ ...resting, newClientOrderId: 'ws-lost-1' }, { timeoutMs: 30 }),
      );
      expect(order).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(isRetryable(order)).toBe(false);
      expect(order.message).toContain('ws-lost-1');
      expect(order).toMatchObject({
        details: { method: 'order.place', clientOrderId: 'ws-lost-1', outcomeUnknown: true },
      });
      const late = new AbortController();
      const aborted = api.placeOrder({ ...resting, newClientOrderId: 'ws-lost-2' }, { signal: late.signal });
      const reason = new Error('too slow');
      late.abort(reason);
      const abortError = await rejectionOf(aborted);
      expect(abortError).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(abortError.cause).toBe(reason);
      expect(abortError).toMatchObject({ details: { clientOrderId: 'ws-lost-2', outcomeUnknown: true } });
    } finally {
      sim.faults.stall(false);
    }
    // The late answers arrive and are ignored; the session keeps working.
    expect((await api.time()).serverTime).toBeGreaterThan(0);
  });

  it('aborts: before sending nothing goes out; after sending the wait ends with the reason', async () => {
    await using api = simSession(sim);
    await api.start();
    const before = sim.stats.wsMessagesReceived;
    const early = new AbortController();
    early.abort(new Error('changed my mind'));
    await expect(api.time({ signal: early.signal })).rejects.toThrow('changed my mind');
    expect(sim.stats.wsMessagesReceived).toBe(before);
    sim.faults.stall(true);
    try {
      const late = new AbortController();
      const pending = api.time({ signal: late.signal });
      late.abort(new Error('too slow'));
      await expect(pending).rejects.toThrow('too slow');
      expect(api.pendingRequests).toBe(0);
    } finally {
      sim.faults.stall(false);
    }
  });

  it('rejects requests in flight on a dropped connection, then serves again after reconnecting', async () => {
    await using api = simSession(sim);
    await api.start();
    sim.faults.stall(true);
    const order = api.placeOrder({ ...resting, newClientOrderId: 'ws-dropped-1' });
    const time = api.time();
    const down = nextEvent<[WsApiStatus]>(api, 'status', (s) => s.operational === false);
    sim.faults.dropAll();
    sim.faults.stall(false);
    const [orderError, timeError] = await Promise.all([rejectionOf(order), rejectionOf(time)]);
    expect(orderError).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(orderError.message).toContain('connection dropped');
    expect(orderError.message).toContain('execution status unknown');
    expect(orderError).toMatchObject({ details: { clientOrderId: 'ws-dropped-1', outcomeUnknown: true } });
    expect(timeError).toBeInstanceOf(NetworkError);
    expect(timeError.message).toContain('can be retried');
    const [status] = await down;
    expect(status.reason).toBe('reconnecting');
    // While reconnecting nothing is sent (or queued): the status event came synchronously with the drop.
    expect(api.operationalStatus).toBe(false);
    await expect(api.time()).rejects.toBeInstanceOf(WebSocketNotOpenError);
    await nextEvent(api, 'status', (s: WsApiStatus) => s.operational === true);
    expect((await api.time()).serverTime).toBeGreaterThan(0);
  });

  it('re-syncs the clock and retries once when Binance rejects the timestamp (-1021)', async () => {
    await using api = simSession(sim);
    await api.start();
    sim.faults.skewClock(20_000);
    try {
      const account = (await api.accountStatus()) as { balances: unknown[] };
      expect(account.balances.length).toBeGreaterThan(0);
      expect(api.clock.offsetMs).toBeGreaterThan(15_000);
    } finally {
      sim.faults.skewClock(-20_000);
    }
  });

  it('tolerates malformed frames: reported as errors, the session lives on', async () => {
    await using api = simSession(sim);
    await api.start();
    const errors: Error[] = [];
    api.on('error', (e) => errors.push(e));
    sim.faults.sendMalformed(3);
    expect((await api.time()).serverTime).toBeGreaterThan(0);
    expect(errors.map((e) => e.name)).toEqual([
      'MalformedFrameError',
      'MalformedFrameError',
      'MalformedFrameError',
    ]);
    expect(api.operationalStatus).toBe(true);
  });

  it('declares a silent peer dead (no pongs, no data) and reconnects', async () => {
    await using api = simSession(sim, { heartbeat: { intervalMs: 20, timeoutMs: 80 } });
    await api.start();
    const dropped = nextEvent(api, 'disconnected');
    sim.faults.stopPings(true);
    try {
      await dropped;
    } finally {
      sim.faults.stopPings(false);
    }
    await nextEvent(api, 'status', (s: WsApiStatus) => s.operational === true);
    expect((await api.time()).serverTime).toBeGreaterThan(0);
  });

  it('reconnects after the 24-hour disconnect and stops cleanly', async () => {
    const api = simSession(sim, { credentials: ed.credentials });
    await api.start();
    const back = nextEvent(api, 'reconnected');
    expect(sim.disconnectAll24h()).toBeGreaterThan(0);
    await back;
    expect(api.loggedOn).toBe(true);
    await api.stop();
    expect(api.operationalStatus).toBeNull();
    expect(api.status.reason).toBe('stopped');
  });
});
