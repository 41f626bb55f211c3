// abort: sharing one listener per AbortSignal among many followers.
export { followAbort, onAbort } from './shared-abort.js';
