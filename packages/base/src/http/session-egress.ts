// How a session's requests leave this machine — directly (from the default or a chosen local
// address) or through a proxy — as a short, secret-free text. Venues count their per-IP limits
// by the address a request arrives from, so clients whose sessions share an egress share those
// limits (e.g. Bybit's 600 requests per 5 s per IP), and clients with different egresses do not.
import { createHash } from 'node:crypto';
import type { HttpSessionOptions } from './session.js';

/** The egress of sessions created without `proxy` or `localAddress`. */
export const DIRECT_EGRESS = 'direct';

/**
 * The egress of a session created with `options`: `'direct'`, `'direct from 10.0.0.2'`, or
 * `'proxy http://host:3128'` (a proxy URL with credentials or a token gets a short digest of them
 * instead of the credentials: two users of one proxy host may leave from different addresses).
 */
export function sessionEgress(options: Pick<HttpSessionOptions, 'proxy' | 'localAddress'> = {}): string {
  const proxy = options.proxy;
  if (proxy === undefined)
    return options.localAddress === undefined
      ? DIRECT_EGRESS
      : `${DIRECT_EGRESS} from ${options.localAddress}`;
  const target = typeof proxy === 'string' || proxy instanceof URL ? { uri: String(proxy) } : proxy;
  let url: URL;
  try {
    url = new URL(target.uri);
  } catch {
    return 'proxy (invalid URL)'; // HttpSession rejects it with a ConfigError
  }
  const token = 'token' in target ? target.token : undefined;
  const secret = url.username !== '' || url.password !== '' || token !== undefined;
  const digest = secret
    ? ` #${createHash('sha256')
        .update(`${url.username}\n${url.password}\n${token ?? ''}`)
        .digest('hex')
        .slice(0, 12)}`
    : '';
  return `proxy ${url.protocol}//${url.host}${digest}`;
}
