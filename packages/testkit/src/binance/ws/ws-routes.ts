// Mounts the simulator's WebSocket endpoints on the harness with prefix routes and hands each
// connection to the right server: Spot / USDⓈ-M stream hubs (raw `/ws/<s1>/<s2>…`, combined
// `/stream?streams=`), listenKey user-data streams, the Spot WS API (`/ws-api/v3`) and the
// USDⓈ-M WS API (`/ws-fapi/v1`). Each route carries its market's server heartbeat.
import type { Sim, SimHeartbeat, SimWsConnection } from '../../sim/types.js';
import type { MarketVenue } from '../market-venue.js';
import type { BinanceMarketKind } from '../symbols.js';
import type { StreamRoute } from './stream-connection.js';
import type { UserDataHub } from './user-data-hub.js';
import type { WsApiServer } from './ws-api.js';
import { streamsFromUrl } from './ws-paths.js';

/** Mounts every WebSocket path for the configured markets. */
export function mountWsRoutes(
  sim: Sim,
  spot: MarketVenue | undefined,
  usdm: MarketVenue | undefined,
  userData: UserDataHub,
  heartbeats: Readonly<Record<BinanceMarketKind, SimHeartbeat | false>>,
  usdmWsApi?: WsApiServer,
): void {
  const streams =
    (mv: MarketVenue, route: StreamRoute, prefix: string, combined: boolean) => (conn: SimWsConnection) =>
      mv.hub.accept(conn, combined, route, streamsFromUrl(conn.path, prefix, conn.query));
  // listenKeys ever issued: `/ws/<listenKey>` is user data, any other `/ws/…` path names streams.
  const issuedKeys = new Set<string>();
  const userStream = (combined: boolean) => (conn: SimWsConnection) => {
    const key = conn.query.get('listenKey') ?? conn.path.slice(conn.path.lastIndexOf('/') + 1);
    userData.attach(conn, key, combined);
  };

  const unrouted = spot ?? usdm!;
  const unroutedRoute: StreamRoute = spot !== undefined ? 'spot' : 'unrouted';
  const unroutedOptions = { heartbeat: heartbeats[unrouted.venue.kind] };
  const rawUnrouted = streams(unrouted, unroutedRoute, '/ws', false);
  const legacyUserStream = userStream(false);
  sim.onWsConnection('/ws', rawUnrouted, unroutedOptions);
  sim.onWsConnection(
    '/ws/*',
    (conn) => (issuedKeys.has(conn.path.slice(4)) ? legacyUserStream(conn) : rawUnrouted(conn)),
    unroutedOptions,
  );
  sim.onWsConnection('/stream', streams(unrouted, unroutedRoute, '/stream', true), unroutedOptions);
  if (spot?.wsApi !== undefined) {
    const api = spot.wsApi;
    sim.onWsConnection('/ws-api/v3', (conn) => api.accept(conn), { heartbeat: heartbeats.spot });
  }
  if (usdm === undefined) return;
  const usdmOptions = { heartbeat: heartbeats.usdm };
  if (usdmWsApi !== undefined)
    sim.onWsConnection(usdmWsApi.profile.path, (conn) => usdmWsApi.accept(conn), usdmOptions);
  for (const route of ['public', 'market'] as const) {
    const raw = streams(usdm, route, `/${route}/ws`, false);
    sim.onWsConnection(`/${route}/ws`, raw, usdmOptions);
    sim.onWsConnection(`/${route}/ws/*`, raw, usdmOptions);
    sim.onWsConnection(`/${route}/stream`, streams(usdm, route, `/${route}/stream`, true), usdmOptions);
  }
  sim.onWsConnection('/private/ws', userStream(false), usdmOptions);
  sim.onWsConnection('/private/ws/*', userStream(false), usdmOptions);
  sim.onWsConnection('/private/stream', userStream(true), usdmOptions);
  userData.onListenKey = (key) => issuedKeys.add(key);
}
