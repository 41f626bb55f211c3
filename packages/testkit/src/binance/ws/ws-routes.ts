// Registers the simulator's WebSocket paths on the harness and hands each connection to the
// right server: Spot / USDⓈ-M stream hubs, the listenKey user-data streams and the Spot WS API.
import type { Sim, SimWsConnection } from '../../sim/types.js';
import type { MarketVenue } from '../market-venue.js';
import type { StreamRoute } from './stream-connection.js';
import type { UserDataHub } from './user-data-hub.js';
import { knownStreamNames, NUMBERED_WS_PATHS, streamsFromUrl } from './ws-paths.js';

/** Mounts every WebSocket path for the configured markets. */
export function mountWsRoutes(
  sim: Sim,
  spot: MarketVenue | undefined,
  usdm: MarketVenue | undefined,
  userData: UserDataHub,
): void {
  const streams =
    (mv: MarketVenue, route: StreamRoute, prefix: string, combined: boolean) => (conn: SimWsConnection) =>
      mv.hub.accept(conn, combined, route, streamsFromUrl(conn.path, prefix, conn.query));
  const rawPaths = (mv: MarketVenue, route: StreamRoute, prefix: string) => {
    const handler = streams(mv, route, prefix, false);
    sim.onWsConnection(prefix, handler);
    for (const name of knownStreamNames(mv.venue.kind, mv.venue.market.symbols))
      sim.onWsConnection(`${prefix}/${name}`, handler);
    for (let i = 0; i < NUMBERED_WS_PATHS; i++) sim.onWsConnection(`${prefix}/${i}`, handler);
  };
  const unrouted = spot ?? usdm!;
  const unroutedRoute: StreamRoute = spot !== undefined ? 'spot' : 'unrouted';
  rawPaths(unrouted, unroutedRoute, '/ws');
  sim.onWsConnection('/stream', streams(unrouted, unroutedRoute, '/stream', true));
  if (spot?.wsApi !== undefined) {
    const api = spot.wsApi;
    sim.onWsConnection('/ws-api/v3', (conn) => api.accept(conn));
  }
  if (usdm !== undefined) {
    for (const route of ['public', 'market'] as const) {
      rawPaths(usdm, route, `/${route}/ws`);
      sim.onWsConnection(`/${route}/stream`, streams(usdm, route, `/${route}/stream`, true));
    }
    const privateStream = (combined: boolean) => (conn: SimWsConnection) => {
      const key = conn.query.get('listenKey') ?? conn.path.split('/').pop() ?? '';
      userData.attach(conn, key, combined);
    };
    sim.onWsConnection('/private/ws', privateStream(false));
    sim.onWsConnection('/private/stream', privateStream(true));
    userData.onListenKey = (key) => {
      sim.onWsConnection(`/private/ws/${key}`, privateStream(false));
      sim.onWsConnection(`/ws/${key}`, privateStream(false));
    };
  }
}
