// Reads the usage Binance reports on every REST response: `X-MBX-USED-WEIGHT-<n><unit>` (IP
// request weight per interval, e.g. `-1M`) and, on order responses, `X-MBX-ORDER-COUNT-<n><unit>`
// (the account's unfilled-order count, e.g. `-10S`, `-1D`). Each becomes an observation for the
// limiter rule of the same interval (`REQUEST_WEIGHT:1M`, `ORDERS:10S`).

/** One reported figure: the rule it belongs to and the units used in its current window. */
export interface UsageReport {
  /** Limiter rule name (see `rateLimitRuleName`). */
  rule: string;
  /** Units used in the current window, as Binance counts them. */
  used: number;
}

const USAGE_HEADER = /^x-mbx-(used-weight|order-count)-(\d+)([smhd])$/;

/** Response headers: lower- or mixed-case names; repeated headers as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The usage reports in `headers`. Names are matched case-insensitively; values that are not
 * non-negative numbers are ignored (a malformed header must not corrupt the limiter).
 */
export function usageFromHeaders(headers: ResponseHeaders): UsageReport[] {
  const out: UsageReport[] = [];
  for (const name in headers) {
    if (name.length < 18 || (name.charCodeAt(0) | 32) !== 120 /* x */) continue;
    const m = USAGE_HEADER.exec(name.toLowerCase());
    if (m === null) continue;
    const raw = headers[name];
    const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    const used = Number(text);
    if (text === undefined || text === '' || !Number.isFinite(used) || used < 0) continue;
    const type = m[1] === 'used-weight' ? 'REQUEST_WEIGHT' : 'ORDERS';
    out.push({ rule: `${type}:${m[2]}${m[3]!.toUpperCase()}`, used });
  }
  return out;
}
