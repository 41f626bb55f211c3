// What `venuekit demo` prints when it fails: one or two lines a person can act on, never a stack
// (unless VENUEKIT_DEBUG=1). Network failures name the host and say what to try; other venue
// errors keep their typed message (which never holds a secret).
import { isNetworkError, VenueError } from '@venuekit/base';

/** The lines to print for `error`, given whether the demo ran against live Binance. */
export function describeDemoFailure(error: unknown, live: boolean): string[] {
  const message = error instanceof Error ? error.message : String(error);
  if (isNetworkError(error) || isSocketFailure(error)) {
    const lines = [`venuekit demo: cannot reach Binance — ${message}`];
    lines.push(
      live
        ? 'Check the internet connection (and any proxy or firewall in the way), or run `pnpm demo` without --live to use the local simulator.'
        : 'The local simulator did not answer; this is a bug worth reporting (run with VENUEKIT_DEBUG=1 for details).',
    );
    return lines;
  }
  const kind = error instanceof VenueError ? `${error.name}: ` : '';
  return [`venuekit demo failed — ${kind}${message}`];
}

function isSocketFailure(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code);
}
