// events: a typed EventBus on eventemitter3 — callback mode, queue mode (bounded async
// iterators), and raise / log / collect error modes.
export { EventBus, type EventBusOptions } from './event-bus.js';
export { EventStream, type EventStreamOptions, StreamOverflowError } from './event-stream.js';
export type {
  ErrorMode,
  EventHandler,
  EventMap,
  EventName,
  ListenerError,
  PayloadArgs,
  Subscription,
} from './types.js';
