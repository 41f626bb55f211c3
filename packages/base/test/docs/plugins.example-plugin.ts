import { createHmac } from 'node:crypto';
import {
  AuthenticationError,
  type Balance,
  BaseFeed,
  type Credentials,
  createSignContext,
  definePlugin,
  ExchangeUnavailableError,
  type FeedOptions,
  type SignableRequest,
  type SignContext,
  type Signer,
  SymbolMapper,
  type Ticker,
} from '@venuekit/base';

/** ACME signs `timestamp + method + path?query + body` with HMAC-SHA256 (hex), sent in three headers. */
export const acmeSigner: Signer = {
  name: 'acme',
  hosts: ['api.acme.example'],
  sign(req, credentials, ctx) {
    const timestamp = String(ctx.now());
    const prehash = `${timestamp}${req.method}${req.url.pathname}${req.url.search}${req.body ?? ''}`;
    const signature = createHmac('sha256', credentials.secret).update(prehash).digest('hex');
    return {
      ...req,
      headers: {
        ...req.headers,
        'ACME-KEY': credentials.apiKey,
        'ACME-TIMESTAMP': timestamp,
        'ACME-SIGNATURE': signature,
      },
    };
  },
};

const symbols = new SymbolMapper('acme', [{ symbol: 'BTCUSD', unifiedSymbol: 'BTC/USD' }]);

class AcmeFeed extends BaseFeed {
  readonly #signContext: SignContext;

  constructor(options: FeedOptions) {
    super({ id: 'ACME___SPOT', venue: 'acme', options });
    this.#signContext = createSignContext({ clock: this.options.clock });
  }

  override async getTicker(symbol: string): Promise<Ticker> {
    const venueSymbol = symbols.toVenue(symbol); // 'BTC/USD' or 'BTCUSD' both work
    const quote = (await this.#get(`/api/ticker?symbol=${venueSymbol}`)) as {
      bid: number;
      ask: number;
      ts: number;
    };
    return {
      venue: 'acme',
      symbol: venueSymbol,
      unifiedSymbol: symbols.toUnified(venueSymbol),
      bid: quote.bid,
      ask: quote.ask,
      timestamp: quote.ts,
    };
  }

  override async getBalances(): Promise<Balance[]> {
    const credentials = this.requireCredentials('getBalances');
    const rows = (await this.#get('/api/balances', credentials)) as {
      asset: string;
      free: number;
      locked: number;
    }[];
    return rows.map((r) => ({
      venue: 'acme',
      asset: r.asset,
      free: r.free,
      locked: r.locked,
      total: r.free + r.locked,
    }));
  }

  async #get(pathAndQuery: string, credentials?: Credentials): Promise<unknown> {
    const base = this.endpoint('rest', { prod: 'https://api.acme.example' });
    let req: SignableRequest = { method: 'GET', url: new URL(pathAndQuery, base), headers: {} };
    if (credentials !== undefined) req = acmeSigner.sign(req, credentials, this.#signContext);
    const res = await fetch(req.url, { method: req.method, headers: req.headers });
    if (res.status === 401)
      throw new AuthenticationError('acme rejected the API key or signature', { venue: 'acme', status: 401 });
    if (!res.ok)
      throw new ExchangeUnavailableError(`acme answered HTTP ${res.status}`, {
        venue: 'acme',
        status: res.status,
      });
    return res.json();
  }
}

export const acmePlugin = definePlugin({
  name: 'acme',
  version: '1.0.0',
  feeds: { ACME___SPOT: (options) => new AcmeFeed(options) },
  signers: [acmeSigner],
});
export default acmePlugin;
