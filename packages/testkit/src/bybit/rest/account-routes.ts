// Account endpoints of the Bybit simulator: the UNIFIED wallet (`/v5/account/wallet-balance`,
// optionally for some coins) and linear positions (`/v5/position/list` by symbol, or the open ones
// of a settle coin, `limit` a page — 20 by default, at most 200 — with `nextPageCursor`).
import { BybitErrors } from '../errors.js';
import type { LinearPosition } from '../trading/accounts.js';
import { positionJson, walletJson } from '../trading/private-json.js';
import type { BybitVenue } from '../venue-context.js';
import { categoryMarket } from '../venue-context.js';
import type { BybitEndpoint } from './endpoint.js';

/** The account endpoints. */
export function accountEndpoints(venue: BybitVenue): BybitEndpoint[] {
  return [
    {
      method: 'GET',
      path: '/v5/account/wallet-balance',
      auth: true,
      limited: '/v5/account/wallet-balance',
      handle: ({ params, key }) => {
        const type = params.text('accountType');
        if (type !== 'UNIFIED')
          throw BybitErrors.params(`accountType only support UNIFIED, got '${type ?? ''}'`);
        const coins = params
          .text('coin')
          ?.split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        const account = venue.accounts.get(key!.uid);
        const mark = (s: string) => venue.markOf(s);
        return { list: [walletJson(account, (c) => venue.usdOf(c), mark, coins)] };
      },
    },
    {
      method: 'GET',
      path: '/v5/position/list',
      auth: true,
      limited: '/v5/position/list',
      handle: ({ params, key, now }) => {
        const category = params.text('category');
        if (category === 'spot')
          throw BybitErrors.params('Illegal category: positions exist for linear only');
        const market = categoryMarket(venue, category);
        const symbol = params.text('symbol');
        const settleCoin = params.text('settleCoin');
        if (symbol === undefined && settleCoin === undefined) {
          throw BybitErrors.params('params error: symbol or settleCoin is required');
        }
        const limit = params.int('limit', 20, 1, 200);
        const start = Number(params.text('cursor') ?? '0');
        if (!Number.isInteger(start) || start < 0)
          throw BybitErrors.params('params error: cursor is invalid');
        const account = venue.accounts.get(key!.uid);
        let positions: LinearPosition[];
        if (symbol !== undefined) {
          const m = market.get(symbol);
          if (m === undefined)
            throw BybitErrors.params(`params error: symbol ${symbol} is not traded on linear`);
          positions = [account.positions.get(symbol) ?? account.position(m.cfg, now)];
        } else {
          positions = [...account.positions.values()].filter(
            (p) => p.size !== 0 && p.cfg.settleCoin === settleCoin,
          );
        }
        return {
          category: 'linear',
          list: positions
            .slice(start, start + limit)
            .map((p) => positionJson(p, venue.markOf(p.cfg.symbol), false)),
          nextPageCursor: start + limit < positions.length ? String(start + limit) : '',
        };
      },
    },
  ];
}
