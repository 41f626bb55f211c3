// What `venuekit demo` prints when it fails: one or two lines a person can act on, never a stack
// (unless VENUEKIT_DEBUG=1). Network failures name the venue(s) and the host and say what to try;
// other venue errors keep their typed message (which never holds a secret). Failures arrive as a
// DemoVenueError (the venue and the original error as `cause`), an AggregateError of them when
// several venues failed at once, or a bare error (named after `fallbackVenue`).
import { isNetworkError, VenueError } from '@venuekit/base';
import { DemoVenueError } from './venue-run.js';

/** The lines to print for `error`, given whether the demo ran against the live venues. */
export function describeDemoFailure(error: unknown, live: boolean, fallbackVenue = 'the venue'): string[] {
  const failures = (error instanceof AggregateError ? error.errors : [error]).map((e: unknown) =>
    e instanceof DemoVenueError ? { venue: e.venue, error: e.cause } : { venue: fallbackVenue, error: e },
  );
  const network = failures.filter((f) => isNetworkError(f.error) || isSocketFailure(f.error));
  if (network.length > 0) {
    const venues = [...new Set(network.map((f) => f.venue))].join(' or ');
    return [
      `venuekit demo: cannot reach ${venues} — ${messageOf(network[0]!.error)}`,
      live
        ? 'Check the internet connection (and any proxy or firewall in the way), or run `pnpm demo` without --live to use the local simulators.'
        : 'The local simulator did not answer; this is a bug worth reporting (run with VENUEKIT_DEBUG=1 for details).',
    ];
  }
  const first = failures[0]!;
  const kind = first.error instanceof VenueError ? `${first.error.name}: ` : '';
  const where =
    first.venue === fallbackVenue && !(error instanceof DemoVenueError) ? '' : ` on ${first.venue}`;
  return [`venuekit demo failed${where} — ${kind}${messageOf(first.error)}`];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isSocketFailure(error: unknown): boolean {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ??
    (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code);
}
