// @venuekit/cli as a library: the `venuekit` command's pieces, for embedding or testing. Importing
// it has no side effects; the venue packages load when a command runs.
export { main, USAGE } from './main.js';
export {
  DEMO_USAGE,
  DEMO_VENUES,
  type DemoArgs,
  type DemoVenueName,
  parseDemoArgs,
  UsageError,
} from './demo/demo-args.js';
export { describeDemoFailure } from './demo/demo-failure.js';
export { type DemoOrder, describeOrder, placeDemoOrder } from './demo/demo-order.js';
export { type DemoVenue, openDemoVenue, VENUE_LABELS } from './demo/demo-venues.js';
export { type DemoIo, runDemo } from './demo/run-demo.js';
export { LiveView, type ViewSample } from './demo/live-view.js';
export { DemoVenueError, VenueRun } from './demo/venue-run.js';
export { type ViewColumn, ViewTable } from './demo/view-table.js';
