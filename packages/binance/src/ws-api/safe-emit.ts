// Emitting events from inside a session or stream without letting a listener break it: a
// listener that throws is logged (the session carries on), and an `error` event nobody listens
// to is logged instead of thrown (Node's EventEmitter would throw it).
import type { EventEmitter } from 'node:events';
import type { Logger } from '@venuekit/base';

/** Emits `event` on `emitter`; listener failures and unheard `error` events go to `logger`. */
export function emitSafely(
  emitter: EventEmitter,
  logger: Logger,
  source: string,
  event: string,
  args: readonly unknown[],
): void {
  if (event === 'error' && emitter.listenerCount('error') === 0) {
    const error = args[0] as Error;
    logger.warn(error.message, { error: error.name });
    return;
  }
  try {
    emitter.emit(event, ...args);
  } catch (error) {
    logger.error(`a ${source} '${event}' listener threw`, { error });
  }
}
