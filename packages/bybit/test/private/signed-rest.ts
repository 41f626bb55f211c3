// A minimal signed REST POST for private-stream tests: places orders on the Bybit simulator so
// that it pushes order / execution / wallet / position events. Signs with the testkit's own
// helpers (written independently of the adapter), so these tests do not lean on our REST client.
import { BYBIT_SIM_DEFAULT_KEY, bybitHmacHex, bybitRestSignString } from '@venuekit/testkit';

/** POSTs `body` to `path` signed with the simulator's default key; resolves with the parsed answer. */
export async function signedPost(
  base: string,
  path: string,
  body: object,
): Promise<{ retCode: number; result: unknown }> {
  const text = JSON.stringify(body);
  const ts = String(Date.now());
  const { apiKey, secret } = BYBIT_SIM_DEFAULT_KEY;
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-BAPI-API-KEY': apiKey,
      'X-BAPI-TIMESTAMP': ts,
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': bybitHmacHex(secret, bybitRestSignString(ts, apiKey, '5000', text)),
    },
    body: text,
  });
  return (await res.json()) as { retCode: number; result: unknown };
}

/** GETs `path?query` signed with the simulator's default key; resolves with `{ url, data }` for `initialize`. */
export async function signedGet(
  base: string,
  path: string,
  query: string,
): Promise<{ url: string; data: unknown }> {
  const ts = String(Date.now());
  const { apiKey, secret } = BYBIT_SIM_DEFAULT_KEY;
  const url = `${base}${path}?${query}`;
  const res = await fetch(url, {
    headers: {
      'X-BAPI-API-KEY': apiKey,
      'X-BAPI-TIMESTAMP': ts,
      'X-BAPI-RECV-WINDOW': '5000',
      'X-BAPI-SIGN': bybitHmacHex(secret, bybitRestSignString(ts, apiKey, '5000', query)),
    },
  });
  return { url, data: await res.json() };
}
