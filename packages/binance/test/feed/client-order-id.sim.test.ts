// The feed gives every order a client order id (yours, or a fresh `vk…` one), so an order whose
// outcome is unknown names the id to look it up by: against the Binance simulator answering the
// order with -1007 (sent, execution status unknown).
import { OrderNotFoundError, OrderOutcomeUnknownError } from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshClientOrderId } from '../../src/feed/trading.js';
import { type BinanceSim, simFeed, startBinanceSim } from './feed-helpers.js';

let sim: BinanceSim;

beforeAll(async () => {
  sim = await startBinanceSim({ market: 'spot' });
});
afterAll(async () => {
  await sim?.close();
});

const UNKNOWN = {
  status: 500,
  path: '/api/v3/order',
  body: {
    code: -1007,
    msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
  },
};

describe('client order ids of the Binance feed', () => {
  it('an order sent without one gets a fresh id, named by the unknown-outcome error and usable for the look-up', async () => {
    await using feed = simFeed(sim, 'BINANCE___SPOT');
    sim.faults.httpStatus(UNKNOWN);
    const error = await feed
      .placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', quantity: 0.001, price: 20_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
    const id = (error as OrderOutcomeUnknownError).details?.clientOrderId;
    expect(id).toMatch(/^vk[0-9a-z]+[0-9a-f]{12}$/);
    expect((error as Error).message).toContain(String(id));
    expect(error).toMatchObject({ details: { outcomeUnknown: true } });
    // The look-up by that id reaches Binance as origClientOrderId (this simulator's 500 came before the engine).
    await expect(feed.getOrder('BTC/USDT', String(id))).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('keeps your own clientOrderId', async () => {
    await using feed = simFeed(sim, 'BINANCE___SPOT');
    sim.faults.httpStatus(UNKNOWN);
    const error = await feed
      .placeOrder({
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        quantity: 0.001,
        price: 20_000,
        clientOrderId: 'mine-42',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ details: { clientOrderId: 'mine-42', outcomeUnknown: true } });
  });

  it('fresh ids are unique, within Binance’s pattern, never all digits', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => freshClientOrderId(1_795_000_000_000)));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[.A-Z:/a-z0-9_-]{1,36}$/);
    for (const id of ids) expect(id).not.toMatch(/^\d+$/);
  });
});
