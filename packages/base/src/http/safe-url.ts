// Turns a request URL into text that is safe to put in an error message or a log line. Query
// strings of signed requests carry signatures, API keys, listen keys and tokens; their values are
// replaced by `[REDACTED]`, and anything registered with `registerSecret` is scrubbed as well.
import { redactSecrets } from '../errors.js';

/** Query parameter names whose values never appear in messages (matched case-insensitively). */
const SENSITIVE_PARAM = /sig|key|secret|token|pass|auth|cred|session/i;

/** Placeholder written instead of a sensitive value. */
export const REDACTED = '[REDACTED]';

/**
 * Returns `pathWithQuery` with the values of sensitive query parameters (signature, apiKey,
 * listenKey, token, passphrase, …) replaced by `[REDACTED]`, and registered secrets scrubbed.
 */
export function redactPathAndQuery(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  if (q < 0) return redactSecrets(pathWithQuery);
  const parts = pathWithQuery.slice(q + 1).split('&');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    if (eq >= 0 && SENSITIVE_PARAM.test(safeDecode(rawName))) parts[i] = `${rawName}=${REDACTED}`;
  }
  return redactSecrets(`${pathWithQuery.slice(0, q)}?${parts.join('&')}`);
}

/** `origin + path`, made safe by {@link redactPathAndQuery}. */
export function safeUrlText(origin: string, pathWithQuery: string): string {
  return redactSecrets(origin) + redactPathAndQuery(pathWithQuery);
}

/** The path alone (no query), for short messages: `/api/v3/order`. */
export function pathOnly(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  return redactSecrets(q < 0 ? pathWithQuery : pathWithQuery.slice(0, q));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
