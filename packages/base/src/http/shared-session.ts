// The process-wide shared HttpSession (the aiobybit session manager, done right). Set it up once
// at start-up; every Client created afterwards without its own `session` uses it. Clients never
// close the shared session: only `sharedSession.close()` does, so one client cannot break the
// others (the seed's `client.close()` closed the shared session for everyone).
import { defaultLogger, type Logger } from '../log.js';
import { HttpSession, type HttpSessionOptions } from './session.js';

let current: HttpSession | undefined;

/** Controls the process-wide shared {@link HttpSession}. */
export const sharedSession = {
  /**
   * Creates the shared session (default up to 2000 connections in flight). Calling it again
   * while a session is open returns that session unchanged and, when options were given, logs a
   * warning: the new options are not applied.
   */
  setup(options: HttpSessionOptions = {}, logger: Logger = defaultLogger): HttpSession {
    if (current !== undefined && !current.closed) {
      if (Object.keys(options).length > 0)
        logger.warn('sharedSession.setup(): a shared session is already open; the new options are ignored', {
          maxConnections: current.gate.capacity,
        });
      return current;
    }
    current = new HttpSession(options);
    return current;
  },

  /** The open shared session, or `undefined` when none is set up. */
  get current(): HttpSession | undefined {
    return current !== undefined && !current.closed ? current : undefined;
  },

  /** True when a shared session is set up and open. */
  get isSetUp(): boolean {
    return current !== undefined && !current.closed;
  },

  /** Closes the shared session (requests in flight finish first). Idempotent. */
  async close(): Promise<void> {
    const session = current;
    current = undefined;
    if (session !== undefined) await session.close();
  },
};
