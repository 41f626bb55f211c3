// HTTP client benchmarks: Client.fetch vs raw undici `request` + JSON.parse, GETs of a ~300-byte
// JSON body at concurrency 50 against a loopback node:http server running in a child process
// (so the server does not share this process's CPU), plus the cost of signing a request.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { Client, type Signer } from '@venuekit/base';
import { Agent, request } from 'undici';
import {
  compareOps,
  compareRuns,
  median,
  type RunOutcome,
  recordAbsolute,
} from '../../../tooling/bench/harness.js';

const CONCURRENCY = 50;
const REQUESTS_PER_RUN = 20_000;

// A ~300-byte JSON ticker, like a venue's 24h ticker answer.
const SERVER_SOURCE = `
const http = require('node:http');
const body = JSON.stringify({
  symbol: 'BTCUSDT', priceChange: '-94.99999800', priceChangePercent: '-95.960',
  weightedAvgPrice: '0.29628482', prevClosePrice: '0.10002000', lastPrice: '4.00000200',
  lastQty: '200.00000000', bidPrice: '4.00000000', bidQty: '100.00000000', askPrice: '4.00000200',
  askQty: '100.00000000', openPrice: '99.00000000', highPrice: '100.00000000', lowPrice: '0.10000000',
  volume: '8913.30000000', openTime: 1499783499040, closeTime: 1499869899040, count: 76,
});
const server = http.createServer({ keepAliveTimeout: 60000 }, (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER_SOURCE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${chunk.toString().trim()}`, child };
}

/** Runs `total` calls of `one` with `CONCURRENCY` workers; reports requests and client CPU. */
async function drive(one: () => Promise<unknown>): Promise<RunOutcome> {
  let left = REQUESTS_PER_RUN;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (left-- > 0) await one();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuUsPerReq = (used.user + used.system) / REQUESTS_PER_RUN;
  return { units: REQUESTS_PER_RUN, ms, extra: { 'client CPU µs/req': Number(cpuUsPerReq.toFixed(2)) } };
}

/** Median client CPU µs/request of `a` and `b` over alternated runs. */
async function medianCpu(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  repeats = 7,
): Promise<[number, number]> {
  const cpuA: number[] = [];
  const cpuB: number[] = [];
  for (let i = 0; i < repeats; i++) {
    cpuB.push(Number((await drive(b)).extra?.['client CPU µs/req']));
    cpuA.push(Number((await drive(a)).extra?.['client CPU µs/req']));
  }
  return [median(cpuA), median(cpuB)];
}

/** A signer with a typical venue recipe: HMAC-SHA256 over ts + METHOD + path?query + body. */
const benchSigner: Signer = {
  name: 'bench',
  hosts: ['127.0.0.1'],
  sign(req, credentials, ctx) {
    const ts = String(ctx.now());
    req.headers['X-KEY'] = credentials.apiKey;
    req.headers['X-TS'] = ts;
    req.headers['X-SIGN'] = createHmac('sha256', credentials.secret)
      .update(`${ts}${req.method}${req.url.pathname}${req.url.search}${req.body ?? ''}`)
      .digest('hex');
    return req;
  },
};
const benchApis = { bench: { apiKey: 'bench-key-000000', secret: 'bench-secret-000000000000' } };

export default async function (): Promise<void> {
  const { url, child } = await startServer();
  const path = '/api/v3/ticker/24hr?symbol=BTCUSDT';
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  const client = new Client({ baseUrl: url, apis: {}, sessionOptions: { connections: CONCURRENCY } });
  const signed = new Client({
    baseUrl: url,
    apis: benchApis,
    signers: [benchSigner],
    sessionOptions: { connections: CONCURRENCY },
  });
  const rawOne = async (): Promise<unknown> => {
    const res = await request(url + path, { dispatcher: agent });
    return JSON.parse(await res.body.text());
  };
  const clientOne = async (): Promise<unknown> => (await client.fetch('GET', path)).data;
  const signedOne = async (): Promise<unknown> => (await signed.fetch('GET', path)).data;
  try {
    // Warm both paths (connections, JIT).
    await drive(rawOne);
    await drive(clientOne);
    await drive(signedOne);

    await compareRuns({
      suite: 'http',
      name: `Client.fetch GET ~300 B JSON, concurrency ${CONCURRENCY}`,
      unit: 'req/s',
      baselineName: 'undici request + JSON.parse',
      baseline: () => drive(rawOne),
      subject: () => drive(clientOne),
      minRatio: 0.9,
    });

    // Throughput is bounded by the server process as much as by the client, so the client's own
    // cost is measured directly too: CPU time of this process per request, runs alternated.
    const [clientCpu, rawCpu] = await medianCpu(clientOne, rawOne);
    recordAbsolute({
      suite: 'http',
      name: 'client CPU per request: Client.fetch',
      unit: 'µs/req',
      subject: clientCpu,
      baseline: rawCpu,
      baselineName: 'undici request + JSON.parse',
      goal: '≤ raw / 0.9',
      pass: clientCpu <= rawCpu / 0.9,
    });
    const [signedCpu, unsignedCpu] = await medianCpu(signedOne, clientOne);
    recordAbsolute({
      suite: 'http',
      name: 'signing cost per request (client CPU, signed − unsigned Client.fetch, HMAC-SHA256 signer)',
      unit: 'µs/req',
      subject: signedCpu - unsignedCpu,
      baseline: unsignedCpu,
      baselineName: 'unsigned Client.fetch CPU',
      goal: '≤ 5 µs',
      pass: signedCpu - unsignedCpu <= 5,
    });

    // The signer alone, on a request shaped as the Client hands it over.
    const credentials = benchApis.bench;
    const ctx = { now: () => Date.now(), nonce: () => String(Date.now() * 1000) };
    const target = new URL(url + path);
    const headers = { 'user-agent': 'venuekit' };
    await compareOps({
      suite: 'http',
      name: 'sign one request (URL copy + headers copy + HMAC-SHA256 hex)',
      baselineName: 'URL copy + headers copy',
      baseline: () => ({ method: 'GET', url: new URL(target.href), headers: { ...headers } }),
      subject: () =>
        benchSigner.sign(
          { method: 'GET', url: new URL(target.href), headers: { ...headers } },
          credentials,
          ctx,
        ),
      goal: { text: 'adds ≤ 5 µs', check: (s, b) => s - b <= 5000 },
    });
  } finally {
    await client.close();
    await signed.close();
    await agent.close();
    child.kill();
  }
}
