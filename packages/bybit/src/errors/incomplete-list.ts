// The error of a listing call that follows Bybit's `nextPageCursor` (positions, instruments, open
// orders) and still had another page when it reached its page bound: the list it read is
// incomplete, and returning it as if whole would hide positions or orders from the caller.
import { VenueError } from '@venuekit/base';

/**
 * A paged list did not end within the page bound. `details`: `path`, `pages` read, `items`
 * collected, and the `nextPageCursor` still pending (continue from it with the one-page method,
 * or narrow the query — a symbol instead of a settle coin). Not retryable: asking again reads the
 * same pages.
 */
export class BybitIncompleteListError extends VenueError {
  override name = 'BybitIncompleteListError';
}
