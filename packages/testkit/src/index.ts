// @venuekit/testkit: local venue simulators for tests, with fault injection.
export {};
