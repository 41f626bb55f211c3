// The life of one HTTP request in a simulator: read the body, apply status faults, dispatch to a
// route (404 / 500 as JSON), then apply latency and stall before the response is written.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimFaultState } from './faults.js';
import type { HttpRouter } from './http-router.js';
import type { SimStatsCounter } from './stats.js';
import type { SimTimers } from './timers.js';
import type { SimHttpRequest, SimHttpResponse } from './types.js';

/** Largest request body a simulator reads; larger bodies get 413. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

/** What the pipeline reads from its simulator. */
export interface HttpPipelineContext {
  readonly router: HttpRouter;
  readonly faults: SimFaultState;
  readonly stats: SimStatsCounter;
  readonly timers: SimTimers;
  /** Base for parsing request targets into URLs, e.g. `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** True once the simulator is closing: held responses are dropped. */
  readonly closing: boolean;
}

/** Handles one request end to end; never throws. */
export async function handleHttpRequest(
  ctx: HttpPipelineContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  ctx.stats.httpRequests++;
  let body: string | undefined;
  try {
    body = await readBody(req);
  } catch {
    if (!res.headersSent && !res.destroyed) writeResponse(res, tooLarge());
    return;
  }
  const rawTarget = req.url ?? '/';
  const url = new URL(rawTarget, ctx.origin);
  const method = (req.method ?? 'GET').toUpperCase();
  const response =
    ctx.faults.takeHttpStatus(url.pathname) ?? (await dispatch(ctx, req, method, url, rawTarget, body));
  if (ctx.faults.latencyMs > 0 && !(await ctx.timers.delay(ctx.faults.latencyMs))) return;
  while (ctx.faults.stalled && !ctx.closing) await ctx.faults.whenUnstalled();
  if (ctx.closing || res.destroyed) return;
  try {
    writeResponse(res, response);
  } catch (error) {
    // An unserializable answer (BigInt, a cycle, a bad header) is the simulator's bug: say so in a 500.
    if (res.headersSent) res.destroy();
    else writeResponse(res, handlerFailed(error));
  }
}

function handlerFailed(error: unknown): SimHttpResponse {
  const msg = error instanceof Error ? error.message : String(error);
  return { status: 500, json: { code: 'SIM_HANDLER_ERROR', msg: `simulator handler failed: ${msg}` } };
}

async function dispatch(
  ctx: HttpPipelineContext,
  req: IncomingMessage,
  method: string,
  url: URL,
  rawTarget: string,
  body: string,
): Promise<SimHttpResponse> {
  const handler = ctx.router.find(method, url.pathname);
  if (handler === undefined) {
    const served = ctx.router.methodsFor(url.pathname);
    const msg =
      served.length === 0
        ? `no route for ${method} ${url.pathname} on this simulator`
        : `no route for ${method} ${url.pathname}; this path serves ${served.join(', ')}`;
    return { status: 404, json: { code: 'NOT_FOUND', msg } };
  }
  const simReq: SimHttpRequest = {
    method,
    path: url.pathname,
    url,
    query: url.searchParams,
    headers: flattenHeaders(req),
    body,
    rawTarget,
  };
  try {
    const response = await handler(simReq);
    if (typeof response !== 'object' || response === null) {
      throw new TypeError(
        `handler for ${method} ${url.pathname} returned ${String(response)}, not a response`,
      );
    }
    return response;
  } catch (error) {
    return handlerFailed(error);
  }
}

/** Lower-cased header names; repeated headers joined with `, `. */
export function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new RangeError('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    req.once('error', reject);
  });
}

function tooLarge(): SimHttpResponse {
  return {
    status: 413,
    json: { code: 'PAYLOAD_TOO_LARGE', msg: `request body exceeds ${MAX_REQUEST_BODY_BYTES} bytes` },
  };
}

/** Writes a handler's response: JSON (default content type) or a raw body, with content-length. */
export function writeResponse(res: ServerResponse, response: SimHttpResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | Buffer;
  if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  } else {
    payload = response.body ?? '';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status ?? 200, headers);
  res.end(payload);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return true;
  return false;
}
