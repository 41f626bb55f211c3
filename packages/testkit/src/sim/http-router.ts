// The HTTP route table of a simulator: exact paths and `/prefix/*` patterns, one handler per
// method (or `*` for any). A request goes to the best path that serves its method: the exact
// path first, then patterns from the longest prefix down.
import { PathTable, parsePath } from './path-table.js';
import type { SimHttpHandler } from './types.js';

/** Maps `(method, path)` to a handler. Registering the same pair again replaces the handler. */
export class HttpRouter {
  readonly #table = new PathTable<Map<string, SimHttpHandler>>();

  /** Serves `handler` for `method` (case-insensitive; `'*'` = any method) on `path`: an exact
   *  path, or a `/prefix/*` pattern matching every path under `/prefix/`. */
  route(method: string, path: string, handler: SimHttpHandler): void {
    const parsed = parsePath(path, 'route(method, path)');
    let methods = this.#table.get(parsed);
    if (methods === undefined) {
      methods = new Map();
      this.#table.set(parsed, methods);
    }
    methods.set(method.toUpperCase(), handler);
  }

  /** The handler for `method` on `path` (exact path first, then the longest pattern; on each, the
   *  method's own handler before a `*` one); undefined when none. */
  find(method: string, path: string): SimHttpHandler | undefined {
    for (const methods of this.#table.candidates(path)) {
      const handler = methods.get(method) ?? methods.get('*');
      if (handler !== undefined) return handler;
    }
    return undefined;
  }

  /** Methods served on `path` by its exact route and matching patterns (for the 404 message). */
  methodsFor(path: string): string[] {
    const out = new Set<string>();
    for (const methods of this.#table.candidates(path)) for (const m of methods.keys()) out.add(m);
    return [...out];
  }
}
