// The example of docs/auth-and-config.md, run as a test so it cannot rot. Keep the two in step.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold ${ENV} references on purpose.
import '../setup/secret-guard.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  type Clock,
  type Credentials,
  createSignContext,
  FakeClock,
  hmacSha256Hex,
  loadApis,
  loadConfig,
  type SignableRequest,
  type SignContext,
  type Signer,
} from '@venuekit/base';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_API_KEY, TEST_SECRET } from '../setup/test-secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'venuekit-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const apisPath = join(dir, 'apis.json');
const configPath = join(dir, 'venuekit.yaml');
writeFileSync(apisPath, JSON.stringify({ binance: [TEST_API_KEY, TEST_SECRET] }));
writeFileSync(
  configPath,
  [
    'apisFile: ${VENUEKIT_APIS}',
    'binance:',
    '  recvWindowMs: ${BINANCE_RECV_WINDOW:-5000}',
    '  symbols: [BTCUSDT, ETHUSDT]',
    '',
  ].join('\n'),
);
const env = { VENUEKIT_APIS: apisPath };

// --- example start ---
// venuekit.yaml:
//   apisFile: ${VENUEKIT_APIS}
//   binance:
//     recvWindowMs: ${BINANCE_RECV_WINDOW:-5000}
//     symbols: [BTCUSDT, ETHUSDT]
const configSchema = z.object({
  apisFile: z.string(),
  binance: z.object({
    recvWindowMs: z.coerce.number().int().min(1).max(60_000),
    symbols: z.array(z.string().regex(/^[A-Z0-9]+$/)).min(1),
  }),
});

function loadSettings(file: string, environment: Record<string, string | undefined>) {
  const config = loadConfig(file, configSchema, { env: environment });
  const apis = loadApis(config.apisFile);
  return { config, binance: apis.require('binance') };
}

/** A Binance-style signer: timestamp + recvWindow in the query, HMAC-SHA256 hex signature last. */
function binanceSigner(recvWindowMs: number): Signer {
  return {
    name: 'binance',
    hosts: ['api.binance.com'],
    bodyEncoding: 'form',
    sign(req: SignableRequest, credentials: Credentials, ctx: SignContext): SignableRequest {
      const url = new URL(req.url);
      url.searchParams.set('recvWindow', String(recvWindowMs));
      url.searchParams.set('timestamp', String(ctx.now()));
      const payload = url.search.slice(1) + (req.body ?? '');
      url.searchParams.append('signature', hmacSha256Hex(credentials.secret, payload));
      return { ...req, url, headers: { ...req.headers, 'X-MBX-APIKEY': credentials.apiKey } };
    },
  };
}

function signOrder(clock: Clock, file: string, environment: Record<string, string | undefined>) {
  const { config, binance } = loadSettings(file, environment);
  const ctx = createSignContext({ clock });
  const request = {
    method: 'POST',
    url: new URL('https://api.binance.com/api/v3/order?symbol=BTCUSDT&side=BUY'),
    headers: {},
  };
  return { binance, signed: binanceSigner(config.binance.recvWindowMs).sign(request, binance, ctx) };
}
// --- example end ---

describe('docs/auth-and-config.md example', () => {
  it('loads config and credentials, signs a request, and never prints the secret', () => {
    const { binance, signed } = signOrder(new FakeClock(1_700_000_000_000), configPath, env);
    expect(inspect(binance)).toBe("Credentials { apiKey: 'vkTe…cdef', secret: [REDACTED] }");
    expect(JSON.stringify({ binance })).toBe('{"binance":{"apiKey":"vkTe…cdef","secret":"[REDACTED]"}}');
    const payload = 'symbol=BTCUSDT&side=BUY&recvWindow=5000&timestamp=1700000000000';
    expect(signed.url.search).toBe(`?${payload}&signature=${hmacSha256Hex(TEST_SECRET, payload)}`);
    expect(signed.headers['X-MBX-APIKEY']).toBe(TEST_API_KEY);
  });

  it('takes recvWindow from the environment when set, and reports a bad one by path', () => {
    const { signed } = signOrder(new FakeClock(0), configPath, { ...env, BINANCE_RECV_WINDOW: '10000' });
    expect(signed.url.searchParams.get('recvWindow')).toBe('10000');
    expect(() =>
      signOrder(new FakeClock(0), configPath, { ...env, BINANCE_RECV_WINDOW: '99999999' }),
    ).toThrow(`config file ${configPath} is invalid:\n  - binance.recvWindowMs: must be ≤ 60000`);
  });

  it('names the missing variable when VENUEKIT_APIS is not set', () => {
    expect(() => signOrder(new FakeClock(0), configPath, {})).toThrow(
      'apisFile: uses ${VENUEKIT_APIS}, which is not set; set VENUEKIT_APIS or give a default with ${VENUEKIT_APIS:-value}',
    );
  });
});
