// The payload of a Bybit v5 request: query parameters (sent in the order given) or a JSON body,
// both without `undefined` / `null` values.

/** A query or body parameter value; `undefined` and `null` are left out. */
export type BybitParamValue = string | number | boolean | null | undefined;

/** Query parameters of a GET, sent in the order given. */
export type BybitParams = Readonly<Record<string, BybitParamValue>>;

/** The query of a GET without `undefined` / `null` values. */
export function cleanParams(
  params: BybitParams | undefined,
): Record<string, string | number | boolean> | undefined {
  if (params === undefined) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const name in params) {
    const v = params[name];
    if (v !== undefined && v !== null) out[name] = v;
  }
  return out;
}

/** The JSON body without `undefined` / `null` values. */
export function cleanBody(body: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body === undefined) return out;
  for (const name in body) {
    const v = body[name];
    if (v !== undefined && v !== null) out[name] = v;
  }
  return out;
}
