// WsApiRateLimits on a FakeClock: counts adopted from answers, requests in flight counted on top,
// lost answers charged in full, windows reset on calendar boundaries — and, as a property, a
// client that only sends what `check` allows never makes a model Binance count past a limit,
// whatever the interleaving of answers, losses, hidden counts and time.
import { FakeClock } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LimitReservation, WsApiRateLimits, type WsApiCost } from '../../src/ws-api/index.js';

const MINUTE = 1_699_999_980_000;
const ORDERS_10S = { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 5 };
const WEIGHT_1M = { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 50 };
const ORDER: WsApiCost = { weight: 1, orders: 1 };
const reported = (count: number, rule = ORDERS_10S) => [{ ...rule, count }];

describe('WsApiRateLimits', () => {
  it('counts requests in flight on top of the reported count, and refuses what would not fit', () => {
    const clock = new FakeClock(MINUTE);
    const limits = new WsApiRateLimits(clock, [ORDERS_10S]);
    const held: LimitReservation[] = [];
    for (let i = 0; i < 5; i++) {
      expect(limits.check(ORDER)).toBeUndefined();
      held.push(limits.reserve(ORDER));
    }
    expect(limits.check(ORDER)).toMatchObject({
      rule: 'ORDERS:10S',
      kind: 'orders',
      used: 5,
      resetsAt: MINUTE + 10_000,
    });
    limits.settle(held[0]!, reported(1));
    expect(limits.usage()[0]).toMatchObject({ used: 5 }); // 1 reported + 4 in flight
    for (const r of held.slice(1)) limits.settle(r, reported(5));
    expect(limits.exhausted('orders')).toMatchObject({ used: 5 });
    expect(limits.exhausted('all')).toBeUndefined();
    clock.advance(10_000);
    expect(limits.check(ORDER)).toBeUndefined();
    expect(limits.usage()[0]).toMatchObject({ used: 0 });
  });

  it('adopts limits Binance reports that it did not know, and charges unanswered requests in full', () => {
    const clock = new FakeClock(MINUTE);
    const limits = new WsApiRateLimits(clock);
    limits.settle(limits.reserve(ORDER), [{ ...WEIGHT_1M, count: 48 }]);
    expect(limits.check({ weight: 3, orders: 0 })).toMatchObject({ rule: 'REQUEST_WEIGHT:1M', used: 48 });
    limits.abandon(limits.reserve({ weight: 2, orders: 0 }));
    expect(limits.exhausted('all')).toMatchObject({ used: 50 });
  });

  it('does not carry a count reported for the old window into the new one', () => {
    const clock = new FakeClock(MINUTE + 9_999);
    const limits = new WsApiRateLimits(clock, [ORDERS_10S]);
    const late = limits.reserve(ORDER);
    clock.advance(2); // answered in the next window: it may have been counted in either
    limits.settle(late, reported(5));
    expect(limits.usage()[0]).toMatchObject({ used: 1 });
  });

  it('never lets a model Binance count past a limit (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('send' as const), orders: fc.boolean() }),
      fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), hide: fc.boolean() }),
      fc.record({ kind: fc.constant('lose' as const), pick: fc.nat(), processed: fc.boolean() }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 4000 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 20, maxLength: 300, size: 'large' }),
        fc.integer({ min: 0, max: 9_999 }),
        (ops, offset) => {
          const clock = new FakeClock(MINUTE + offset);
          const limits = new WsApiRateLimits(clock, [ORDERS_10S, WEIGHT_1M]);
          const server = new Map<string, number>(); // "rule:window" → count
          const bump = (rule: string, ms: number, n: number): number => {
            const key = `${rule}:${Math.floor(clock.now() / ms)}`;
            const count = (server.get(key) ?? 0) + n;
            server.set(key, count);
            return count;
          };
          const inFlight: Array<{ r: LimitReservation; cost: WsApiCost }> = [];
          const process = (cost: WsApiCost) => [
            { ...ORDERS_10S, count: bump('O', 10_000, cost.orders) },
            { ...WEIGHT_1M, count: bump('W', 60_000, cost.weight) },
          ];
          for (const o of ops) {
            if (o.kind === 'send') {
              const cost: WsApiCost = o.orders ? ORDER : { weight: 3, orders: 0 };
              if (limits.check(cost) === undefined) inFlight.push({ r: limits.reserve(cost), cost });
            } else if (o.kind === 'advance') clock.advance(o.ms);
            else if (inFlight.length > 0) {
              const [entry] = inFlight.splice(o.pick % inFlight.length, 1);
              if (o.kind === 'answer') {
                const counts = process(entry!.cost);
                limits.settle(entry!.r, o.hide ? undefined : counts);
              } else {
                if (o.processed) process(entry!.cost);
                limits.abandon(entry!.r);
              }
            }
          }
          for (const [key, count] of server)
            expect(count, key).toBeLessThanOrEqual(key.startsWith('O') ? 5 : 50);
        },
      ),
      { numRuns: 300 },
    );
  });
});
