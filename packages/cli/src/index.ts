// @venuekit/cli as a library: the `venuekit` command's pieces, for embedding or testing. Importing
// it has no side effects; the venue packages load when a command runs.
export { main, USAGE } from './main.js';
export { DEMO_USAGE, type DemoArgs, parseDemoArgs, UsageError } from './demo/demo-args.js';
export { describeDemoFailure } from './demo/demo-failure.js';
export { type DemoOrder, describeOrder, placeDemoOrder } from './demo/demo-order.js';
export { type DemoIo, runDemo } from './demo/run-demo.js';
export { LiveView, type ViewSample } from './demo/live-view.js';
