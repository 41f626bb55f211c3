// Traffic counters of one simulator. Plain mutable fields so the hot paths (every message,
// every request) only increment a number.
import type { SimStats } from './types.js';

/** The simulator's counters; `openWsConnections` is read live from the connection table. */
export class SimStatsCounter implements SimStats {
  httpRequests = 0;
  wsConnectionsOpened = 0;
  wsMessagesReceived = 0;
  wsMessagesSent = 0;
  wsPingsReceived = 0;
  wsPongsReceived = 0;
  wsPingsSent = 0;
  wsHeartbeatTimeouts = 0;
  faultsInjected = 0;
  readonly #openCount: () => number;

  /** @param openCount reads the number of open WebSocket connections. */
  constructor(openCount: () => number) {
    this.#openCount = openCount;
  }

  get openWsConnections(): number {
    return this.#openCount();
  }

  /** A plain snapshot, handy for `expect(...).toEqual`. */
  toJSON(): SimStats {
    return {
      httpRequests: this.httpRequests,
      wsConnectionsOpened: this.wsConnectionsOpened,
      openWsConnections: this.openWsConnections,
      wsMessagesReceived: this.wsMessagesReceived,
      wsMessagesSent: this.wsMessagesSent,
      wsPingsReceived: this.wsPingsReceived,
      wsPongsReceived: this.wsPongsReceived,
      wsPingsSent: this.wsPingsSent,
      wsHeartbeatTimeouts: this.wsHeartbeatTimeouts,
      faultsInjected: this.faultsInjected,
    };
  }
}
