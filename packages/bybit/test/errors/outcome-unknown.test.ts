// orderOutcomeError's decision, error by error: which failures may have reached Bybit (unknown
// outcome, not retryable) and which provably did not (passed through, retryable), including the
// retry.unsafe case where a later try's failure may follow an earlier try that arrived, and the
// client order ids of a batch.
import { BadRequestError, isRetryable, NetworkError, RequestTimeoutError } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import {
  BybitOrderOutcomeUnknownError,
  mayHaveReachedBybit,
  orderOutcomeError,
} from '../../src/errors/outcome-unknown.js';

const body = { category: 'linear', symbol: 'BTCUSDT', orderLinkId: 'vk-1' };

function timeout(phase: string): RequestTimeoutError {
  return new RequestTimeoutError(`POST /v5/order/create timed out after 200 ms (${phase})`, {
    venue: 'bybit',
    details: { timeoutMs: 200, phase },
  });
}

function transport(code: string): NetworkError {
  return new NetworkError(`POST /v5/order/create failed: ${code}`, {
    venue: 'bybit',
    cause: Object.assign(new Error(code), { code }),
  });
}

describe('mayHaveReachedBybit', () => {
  it.each([
    ['preparing', false, false],
    ['waiting for the rate limiter', false, false],
    ['backing off before a retry', false, false],
    ['waiting for the response', false, true],
    ['preparing', true, false],
    ['waiting for the rate limiter', true, true],
    ['backing off before a retry', true, true],
  ])('a deadline while %s (unsafe retries %s): %s', (phase, unsafe, expected) => {
    expect(mayHaveReachedBybit(timeout(phase), unsafe)).toBe(expected);
  });

  it.each([
    ['ECONNREFUSED', false],
    ['ENOTFOUND', false],
    ['UND_ERR_CONNECT_TIMEOUT', false],
    ['ECONNRESET', true],
    ['UND_ERR_SOCKET', true],
    ['UND_ERR_HEADERS_TIMEOUT', true],
  ])('a transport failure %s: %s', (code, expected) => {
    expect(mayHaveReachedBybit(transport(code))).toBe(expected);
  });

  it('a failure without a phase or a code counts as arrived', () => {
    expect(mayHaveReachedBybit(new NetworkError('socket hang up'))).toBe(true);
  });
});

describe('orderOutcomeError', () => {
  it('passes through what never left and what is not a transport failure', () => {
    const limiter = timeout('waiting for the rate limiter');
    expect(orderOutcomeError(limiter, 'POST', '/v5/order/create', body)).toBe(limiter);
    const refused = transport('ECONNREFUSED');
    expect(orderOutcomeError(refused, 'POST', '/v5/order/create', body)).toBe(refused);
    const bad = new BadRequestError('x', { venue: 'bybit' });
    expect(orderOutcomeError(bad, 'POST', '/v5/order/create', body)).toBe(bad);
  });

  it('an unknown outcome carries clientOrderId and orderLinkId and is not retryable', () => {
    const error = orderOutcomeError(transport('ECONNRESET'), 'POST', '/v5/order/create', body);
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(isRetryable(error)).toBe(false);
    expect((error as BybitOrderOutcomeUnknownError).details).toMatchObject({
      clientOrderId: 'vk-1',
      orderLinkId: 'vk-1',
      outcomeUnknown: true,
    });
  });

  it('with retry.unsafe, a deadline in a later phase is an unknown outcome', () => {
    const error = orderOutcomeError(
      timeout('backing off before a retry'),
      'POST',
      '/v5/order/create',
      body,
      true,
    );
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
  });

  it('a batch names every orderLinkId it carried', () => {
    const batch = {
      category: 'linear',
      request: [{ orderLinkId: 'vk-a' }, { orderLinkId: 'vk-b' }, { symbol: 'ETHUSDT' }],
    };
    const error = orderOutcomeError(
      timeout('waiting for the response'),
      'POST',
      '/v5/order/create-batch',
      batch,
    ) as BybitOrderOutcomeUnknownError;
    expect(error).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(error.details).toMatchObject({ clientOrderIds: ['vk-a', 'vk-b'], orderLinkIds: ['vk-a', 'vk-b'] });
    expect(error.message).toMatch(/orderLinkIds vk-a, vk-b/);
  });
});

describe('details.sent from the Client', () => {
  it('decides when present: a request that never went out passes through, one that did is unknown', () => {
    const unsent = new NetworkError('POST /v5/order/create failed: queued', { details: { sent: false } });
    expect(orderOutcomeError(unsent, 'POST', '/v5/order/create', body)).toBe(unsent);
    const sent = new NetworkError('POST /v5/order/create failed: reset', { details: { sent: true } });
    const lost = orderOutcomeError(sent, 'POST', '/v5/order/create', body);
    expect(lost).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect((lost as BybitOrderOutcomeUnknownError).details).toMatchObject({ clientOrderId: 'vk-1' });
  });

  it("turns the caller's abort reason into an unknown outcome carrying the order's ids", () => {
    const reason = new DOMException('stop', 'AbortError');
    const lost = orderOutcomeError(reason, 'POST', '/v5/order/create', body) as BybitOrderOutcomeUnknownError;
    expect(lost).toBeInstanceOf(BybitOrderOutcomeUnknownError);
    expect(lost.cause).toBe(reason);
    expect(isRetryable(lost)).toBe(false);
    expect(lost.details).toMatchObject({ clientOrderId: 'vk-1', orderLinkId: 'vk-1', outcomeUnknown: true });
    expect(lost.message).toMatch(/aborted \(stop\).*orderLinkId vk-1/);
  });
});
