// The payload of a Bybit v5 request: query parameters (sent in the order given) or a JSON body,
// both without `undefined` / `null` values. As the aiobybit seed did, amounts given as numbers
// (qty, price, triggerPrice, takeProfit, stopLoss) are sent as the decimal strings Bybit expects,
// and positionIdx given as a string is sent as the integer Bybit expects.

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

/** Body fields Bybit takes as decimal strings. */
const AMOUNT_FIELDS: ReadonlySet<string> = new Set([
  'qty',
  'price',
  'triggerPrice',
  'takeProfit',
  'stopLoss',
]);

/** `n` as a plain decimal string (never exponent notation: 1e-7 → "0.0000001"). */
export function decimalText(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  const digits = Math.min(20, Math.max(0, 1 - Math.floor(Math.log10(Math.abs(n))) + 15));
  return n
    .toFixed(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** The JSON body without `undefined` / `null` values, amounts as strings and positionIdx as an integer. */
export function cleanBody(body: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body === undefined) return out;
  for (const name in body) {
    const v = body[name];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && AMOUNT_FIELDS.has(name)) out[name] = decimalText(v);
    else if (name === 'positionIdx' && typeof v === 'string' && /^[0-2]$/.test(v)) out[name] = Number(v);
    else out[name] = v;
  }
  return out;
}
