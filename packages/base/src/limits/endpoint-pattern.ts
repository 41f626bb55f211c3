// Endpoint patterns for rate-limit rules and penalties: a glob over the endpoint path, with an
// optional HTTP method in front. `*` matches within one path segment, `**` matches across
// segments, `?` matches one character other than `/`:
//   '/api/v3/*'            every endpoint directly under /api/v3
//   '/sapi/**'             everything under /sapi
//   'POST /api/v3/order'   only POSTs to /api/v3/order
//   '**'                   everything

/** A compiled endpoint pattern. */
export interface EndpointPattern {
  /** The pattern as written. */
  readonly source: string;
  /** The method it is limited to (upper case), or `undefined` for any method. */
  readonly method: string | undefined;
  /** True when `endpoint` (and `method`, if the pattern names one) match. */
  matches(endpoint: string, method: string): boolean;
}

const METHOD_PREFIX = /^([A-Za-z][A-Za-z:_-]*)\s+(\S.*)$/;

/** Turns a path glob into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let out = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`${out}$`);
}

/** Compiles `'[METHOD ]glob'` into an {@link EndpointPattern}. */
export function compileEndpointPattern(source: string): EndpointPattern {
  const m = METHOD_PREFIX.exec(source.trim());
  const method = m ? m[1]!.toUpperCase() : undefined;
  const glob = m ? m[2]! : source.trim();
  const re = globToRegExp(glob);
  return {
    source,
    method,
    matches: (endpoint, requestMethod) =>
      (method === undefined || method === requestMethod) && re.test(endpoint),
  };
}
