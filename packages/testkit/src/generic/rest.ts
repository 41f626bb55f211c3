// The generic venue's REST endpoints: time, ticker, echo, slow, flaky and two signed private
// endpoints. Errors are `{ code, msg }` with a 4xx status, like a real venue's.
import type { SimTimers } from '../sim/timers.js';
import type { Sim, SimHttpHandler, SimHttpRequest, SimHttpResponse } from '../sim/types.js';
import { verifyGenericSignature } from './signature.js';

/** One request the generic venue's REST routes received. */
export interface GenericRequestRecord {
  method: string;
  path: string;
  /** Query parameters (last value wins for repeated names). */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** Bid / ask / last of one symbol. */
export interface GenericQuote {
  bid: number;
  ask: number;
  last: number;
}

/** Longest `/api/slow` delay accepted, so a typo cannot hang a test run. */
export const MAX_SLOW_MS = 60_000;

/** State the REST routes share with the venue. */
export interface GenericRestState {
  readonly sim: Sim;
  readonly timers: SimTimers;
  readonly apiKey: string;
  readonly secret: string;
  readonly recvWindowMs: number;
  readonly requests: GenericRequestRecord[];
  readonly quotes: Map<string, GenericQuote>;
}

/** Registers every REST route of the generic venue on `state.sim`. */
export function registerGenericRest(state: GenericRestState): void {
  const { sim } = state;
  const route = (method: string, path: string, handler: SimHttpHandler): void =>
    sim.route(method, path, (req) => {
      state.requests.push({
        method: req.method,
        path: req.path,
        query: Object.fromEntries(req.query),
        headers: req.headers,
        body: req.body,
      });
      return handler(req);
    });
  const flakyAttempts = new Map<string, number>();
  let nextOrderId = 1;

  route('GET', '/api/time', () => ({ json: { serverTime: sim.now() } }));

  route('GET', '/api/ticker', (req) => {
    const symbol = req.query.get('symbol');
    const quote = symbol === null ? undefined : state.quotes.get(symbol);
    if (symbol === null || quote === undefined) {
      const known = [...state.quotes.keys()].join(', ');
      return error(400, 'BAD_SYMBOL', `unknown symbol '${symbol ?? ''}'; known symbols: ${known}`);
    }
    return { json: { symbol, bid: quote.bid, ask: quote.ask, last: quote.last, ts: sim.now() } };
  });

  route('*', '/api/echo', (req) => ({
    json: {
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.query),
      headers: req.headers,
      body: req.body,
    },
  }));

  route('GET', '/api/slow', async (req) => {
    const ms = Number(req.query.get('ms') ?? '0');
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_SLOW_MS) {
      return error(400, 'BAD_REQUEST', `ms must be a number of milliseconds from 0 to ${MAX_SLOW_MS}`);
    }
    await state.timers.delay(ms);
    return { json: { ok: true, ms } };
  });

  route('GET', '/api/flaky', (req) => {
    const key = req.query.get('key') ?? '';
    const fail = Number(req.query.get('fail') ?? '0');
    if (!Number.isInteger(fail) || fail < 0) {
      return error(400, 'BAD_REQUEST', 'fail must be a non-negative integer number of failures');
    }
    const attempts = (flakyAttempts.get(key) ?? 0) + 1;
    flakyAttempts.set(key, attempts);
    if (attempts <= fail) return error(503, 'UNAVAILABLE', `flaky endpoint: failure ${attempts} of ${fail}`);
    return { json: { ok: true, attempts } };
  });

  const signed =
    (handler: SimHttpHandler): SimHttpHandler =>
    (req) => {
      const failure = verifyGenericSignature(req, {
        apiKey: state.apiKey,
        secret: state.secret,
        recvWindowMs: state.recvWindowMs,
        now: sim.now(),
      });
      return failure === undefined ? handler(req) : error(failure.status, failure.code, failure.msg);
    };

  route(
    'GET',
    '/api/private/account',
    signed(() => ({
      json: {
        balances: [
          { asset: 'USD', free: 10_000, locked: 0 },
          { asset: 'BTC', free: 1, locked: 0 },
        ],
        ts: sim.now(),
      },
    })),
  );

  route(
    'POST',
    '/api/private/order',
    signed((req) => {
      const order = parseOrder(req, state.quotes);
      if ('status' in order) return order;
      return { json: { orderId: nextOrderId++, ...order } };
    }),
  );
}

function parseOrder(
  req: SimHttpRequest,
  quotes: Map<string, GenericQuote>,
): Record<string, unknown> | SimHttpResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return error(400, 'BAD_REQUEST', 'order body must be JSON: { symbol, side, qty, price }');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return error(400, 'BAD_REQUEST', 'order body must be a JSON object: { symbol, side, qty, price }');
  }
  const order = body as Record<string, unknown>;
  if (typeof order.symbol !== 'string' || !quotes.has(order.symbol)) {
    return error(400, 'BAD_SYMBOL', `unknown symbol '${String(order.symbol)}'`);
  }
  if (order.side !== 'buy' && order.side !== 'sell') {
    return error(400, 'BAD_REQUEST', `side must be 'buy' or 'sell', got '${String(order.side)}'`);
  }
  for (const field of ['qty', 'price'] as const) {
    const value = Number(order[field]);
    if (!(typeof order[field] === 'number' || typeof order[field] === 'string') || !(value > 0)) {
      return error(400, 'BAD_REQUEST', `${field} must be a positive number or decimal string`);
    }
  }
  return order;
}

function error(status: number, code: string, msg: string): SimHttpResponse {
  return { status, json: { code, msg } };
}
