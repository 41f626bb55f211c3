// A session's egress (how its requests leave the machine: direct, from a local address, or through
// a proxy) — the key venues use to share per-IP limits — never shows credentials; `localAddress`
// binds the session's sockets to that address.
import { inspect } from 'node:util';
import { Client, ConfigError, DIRECT_EGRESS, HttpSession, sessionEgress } from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let venue: GenericVenue;
beforeAll(async () => {
  venue = await startGenericVenue();
});
afterAll(async () => {
  await venue.close();
});

describe('sessionEgress', () => {
  it('names direct sessions, local addresses and proxies', () => {
    expect(sessionEgress()).toBe(DIRECT_EGRESS);
    expect(sessionEgress({ localAddress: '10.0.0.2' })).toBe('direct from 10.0.0.2');
    expect(sessionEgress({ proxy: 'http://proxy.example:3128' })).toBe('proxy http://proxy.example:3128');
    expect(sessionEgress({ proxy: new URL('http://proxy.example:3128'), localAddress: '10.0.0.2' })).toBe(
      'proxy http://proxy.example:3128',
    );
  });

  it('keeps proxy credentials out, yet tells two users of one proxy apart', () => {
    const a = sessionEgress({ proxy: 'http://alice:secret-one@proxy.example:3128' });
    const b = sessionEgress({ proxy: 'http://bob:secret-two@proxy.example:3128' });
    const t = sessionEgress({ proxy: { uri: 'http://proxy.example:3128', token: 'Bearer tok-123' } });
    for (const text of [a, b, t]) {
      expect(text).toMatch(/^proxy http:\/\/proxy\.example:3128 #[0-9a-f]{12}$/);
      expect(text).not.toMatch(/alice|bob|secret|tok-123/);
    }
    expect(a).not.toBe(b);
  });
});

describe('HttpSession egress and localAddress', () => {
  it('a session reports its egress (also in inspect) and sends from its localAddress', async () => {
    await using session = new HttpSession({ localAddress: '127.0.0.1', maxConnections: 2 });
    expect(session.egress).toBe('direct from 127.0.0.1');
    expect(inspect(session)).toContain("egress: 'direct from 127.0.0.1'");
    await using client = new Client({ baseUrl: venue.httpUrl, session });
    const { data } = await client.fetch<{ symbol: string }>('GET', '/api/ticker', {
      params: { symbol: 'BTCUSD' },
    });
    expect(data.symbol).toBe('BTCUSD');
    expect(new HttpSession().egress).toBe(DIRECT_EGRESS);
  });

  it('a localAddress that is not an IP address is a ConfigError naming the field', () => {
    expect(() => new HttpSession({ localAddress: 'eth0' })).toThrow(ConfigError);
    expect(() => new HttpSession({ localAddress: 'eth0' })).toThrow(/localAddress/);
  });
});
