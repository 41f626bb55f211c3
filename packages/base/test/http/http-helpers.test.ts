// Unit tests of the small pure pieces: Retry-After parsing, venue code extraction, URL redaction
// for messages, and the connection gate (a property test: never over capacity, FIFO).
import {
  ConnectionGate,
  parseRetryAfter,
  redactPathAndQuery,
  registerSecret,
  venueCodeAndMessage,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it('reads delta seconds (fractions too) and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('0.25', now)).toBe(250);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('returns undefined for absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('venueCodeAndMessage', () => {
  it('reads the common error body shapes', () => {
    expect(venueCodeAndMessage({ code: -1021, msg: 'Timestamp outside recvWindow' })).toEqual({
      code: -1021,
      message: 'Timestamp outside recvWindow',
    });
    expect(venueCodeAndMessage({ retCode: 10001, retMsg: 'params error' })).toEqual({
      code: 10001,
      message: 'params error',
    });
    expect(venueCodeAndMessage(['error', 10020, 'price: invalid'])).toEqual({
      code: 10020,
      message: 'price: invalid',
    });
    expect(venueCodeAndMessage({ error: { code: 'E1', message: 'nested' } })).toEqual({
      code: 'E1',
      message: 'nested',
    });
    expect(venueCodeAndMessage('<html>')).toEqual({});
    expect(venueCodeAndMessage([1, 2])).toEqual({});
  });
});

describe('redactPathAndQuery', () => {
  it('hides signatures, keys, tokens and registered secrets, and keeps the rest', () => {
    registerSecret('listen-key-registered-123');
    expect(
      redactPathAndQuery(
        '/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=abc&apiKey=k&X-Token=t&recvWindow=5000',
      ),
    ).toBe(
      '/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=[REDACTED]&apiKey=[REDACTED]&X-Token=[REDACTED]&recvWindow=5000',
    );
    expect(redactPathAndQuery('/api/v3/userDataStream/listen-key-registered-123')).toBe(
      '/api/v3/userDataStream/[REDACTED]',
    );
    expect(redactPathAndQuery('/plain')).toBe('/plain');
    expect(redactPathAndQuery('/p?flag&sign%61ture=x')).toBe('/p?flag&sign%61ture=[REDACTED]');
  });
});

describe('ConnectionGate', () => {
  it('never holds more than its capacity and serves waiters in FIFO order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.constantFrom('take', 'release', 'cancel'), { maxLength: 200 }),
        (capacity, ops) => {
          const gate = new ConnectionGate(capacity);
          const granted: number[] = [];
          const queue: { id: number; grant(): void }[] = [];
          let held = 0;
          let next = 0;
          for (const op of ops) {
            if (op === 'take') {
              const id = next++;
              if (gate.tryTake()) held++;
              else {
                const waiter = {
                  id,
                  grant: () => {
                    granted.push(id);
                    held++;
                  },
                };
                queue.push(waiter);
                gate.enqueue(waiter);
              }
            } else if (op === 'release' && held > 0) {
              held--;
              gate.release();
              const served = granted.length;
              if (served > 0 && queue.length > 0 && queue[0]!.id === granted[served - 1]) queue.shift();
            } else if (op === 'cancel' && queue.length > 0) {
              const waiter = queue.pop()!;
              expect(gate.cancel(waiter)).toBe(true);
            }
            expect(gate.inUse).toBe(held);
            expect(gate.inUse).toBeLessThanOrEqual(capacity);
            expect(gate.queued).toBe(queue.length);
          }
          // Grants happened in the order the waiters queued.
          expect([...granted].sort((a, b) => a - b)).toEqual(granted);
        },
      ),
    );
  });
});
