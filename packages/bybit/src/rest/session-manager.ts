// BybitSessionManager: the aiobybit seed's session manager as a thin face over base's
// `sharedSession`. `setup({ maxConnections })` once at start-up makes every BybitHttpClient
// created afterwards use one connection pool; `close()` at shutdown. A client never closes the
// shared session (the seed's client.close() did, breaking every other client).
import { type HttpSession, type HttpSessionOptions, type Logger, sharedSession } from '@venuekit/base';

/** Options of {@link BybitSessionManager.setup}. */
export interface BybitSessionSetupOptions extends HttpSessionOptions {
  /** Requests in flight at once across all clients (default 2000, as the seed). */
  maxConnections?: number;
}

/** The process-wide shared HTTP session of Bybit clients (base's `sharedSession`). */
export const BybitSessionManager = Object.freeze({
  /**
   * Creates the shared session (default up to 2000 connections in flight, half of them per
   * host). A second call while it is open returns the open session and logs a warning when
   * options were given (they are not applied).
   */
  setup(options: BybitSessionSetupOptions = {}, logger?: Logger): HttpSession {
    return sharedSession.setup(options, logger);
  },
  /** True when a shared session is set up and open. */
  isInitialized(): boolean {
    return sharedSession.isSetUp;
  },
  /** The open shared session, or `undefined`. */
  get session(): HttpSession | undefined {
    return sharedSession.current;
  },
  /** Closes the shared session (requests in flight finish first). Idempotent. */
  close(): Promise<void> {
    return sharedSession.close();
  },
});
