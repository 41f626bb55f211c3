// How the Binance simulator reads the streams a market-stream URL names: the path segments after
// the endpoint (`/ws/<s1>/<s2>…`, raw multi-stream) and `?streams=<s1>/<s2>` (combined). Numbered
// segments (`/ws/0`, ccxt's connection names) name no stream. Percent-encoded segments are decoded.

/** Streams named in a connection URL: path segments after `prefix`, then `?streams=a/b`. */
export function streamsFromUrl(path: string, prefix: string, query: URLSearchParams): string[] {
  const out: string[] = [];
  if (path.length > prefix.length + 1) {
    for (const part of path.slice(prefix.length + 1).split('/'))
      if (part !== '' && !/^\d+$/.test(part)) out.push(decodeSegment(part));
  }
  const q = query.get('streams');
  if (q !== null) for (const part of q.split('/')) if (part !== '') out.push(part);
  return out;
}

function decodeSegment(part: string): string {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
