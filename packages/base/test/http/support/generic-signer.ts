// A signer for the testkit's generic venue, written from its documented scheme (not imported from
// the simulator): X-GEN-KEY, X-GEN-TS (ms) and X-GEN-SIGN = hex HMAC-SHA256(secret, ts + METHOD +
// pathWithQuery + body). `hosts` is configurable so tests can pick it by host or by name.
import { createHmac } from 'node:crypto';
import type { Signer } from '@venuekit/base';

/** Builds the generic venue's signer; `calls` counts sign() invocations. */
export function genericSigner(
  hosts: readonly string[] = [],
  bodyEncoding: 'json' | 'form' = 'json',
): Signer & { calls: number } {
  const signer = {
    name: 'generic',
    hosts,
    bodyEncoding,
    calls: 0,
    sign(
      req: Parameters<Signer['sign']>[0],
      credentials: Parameters<Signer['sign']>[1],
      ctx: Parameters<Signer['sign']>[2],
    ) {
      signer.calls++;
      const ts = String(ctx.now());
      const payload = `${ts}${req.method.toUpperCase()}${req.url.pathname}${req.url.search}${req.body ?? ''}`;
      req.headers['X-GEN-KEY'] = credentials.apiKey;
      req.headers['X-GEN-TS'] = ts;
      req.headers['X-GEN-SIGN'] = createHmac('sha256', credentials.secret).update(payload).digest('hex');
      return req;
    },
  };
  return signer;
}

/** The generic venue's default credentials (as its API file documents them). */
export const GENERIC_APIS = {
  generic: { apiKey: 'test-key-0001', secret: 'test-secret-0001-do-not-leak' },
} as const;
