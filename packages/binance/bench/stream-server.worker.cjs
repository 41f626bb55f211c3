// A loopback Binance market-stream server for the stream benchmarks, run in a worker thread so it
// does not share the measured client's core. It speaks just enough Binance: `GET
// /api/v3/exchangeInfo` and `/api/v3/depth` (the snapshot every depth run starts from), and
// WebSocket upgrades on `/ws/<stream>` (raw payloads at once), `/ws/<n>` (raw, after a
// SUBSCRIBE, as ccxt connects) and `/stream` (combined `{stream,data}`, after a SUBSCRIBE, as
// venuekit connects). Each stream connection receives the next `plan.n` messages of a
// deterministic, correctly sequenced stream (depth diffs with U = previous u + 1, ~12 levels,
// ~470 bytes; or trades, ~137 bytes), generated in batches and written as fast as the socket
// drains. The main thread posts `{ type: 'plan', n }` before each run (answered with the
// run's last id) and terminates the worker at the end.
const http = require('node:http');
const { createHash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const KIND = workerData.kind; // 'depth' | 'trade'
const START_ID = 4_000_000_000;
const MID = 6_000_000; // 60000.00 in cents
const TIME = 1_763_000_000_000;
let plan = { n: 0 };
/** Depth connections that subscribed wait for the snapshot request (up to 1 s) before the flood,
 *  as on Binance, where a snapshot arrives within a few of a symbol's ~10 diffs a second. */
let snapshotWaiters = [];
function snapshotServed() {
  const waiters = snapshotWaiters;
  snapshotWaiters = [];
  for (const resolve of waiters) resolve();
}
function untilSnapshot() {
  return new Promise((resolve) => {
    snapshotWaiters.push(resolve);
    setTimeout(resolve, 1000);
  });
}

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const price = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}000000`;
const qty = (r) => (r() < 0.25 ? '0.00000000' : (0.001 + r() * 4).toFixed(8));
// Offsets from the top cluster near it, as real traffic does.
const offset = (r) => Math.floor(-Math.log(1 - r()) * 120);

function snapshot() {
  const r = prng(7);
  const bids = [];
  const asks = [];
  for (let i = 0; i < 1000; i++) {
    bids.push([price(MID - 1 - i), (0.001 + r() * 4).toFixed(8)]);
    asks.push([price(MID + 1 + i), (0.001 + r() * 4).toFixed(8)]);
  }
  return JSON.stringify({ lastUpdateId: START_ID, bids, asks });
}
const SNAPSHOT = KIND === 'depth' ? snapshot() : '{}';

function depthMessage(r, i, U) {
  const count = 10 + Math.floor(r() * 5);
  let b = '';
  let a = '';
  for (let k = 0; k < count; k++) {
    const level = r() < 0.5;
    const text = level
      ? `["${price(MID - 1 - offset(r))}","${qty(r)}"]`
      : `["${price(MID + 1 + offset(r))}","${qty(r)}"]`;
    if (level) b += b === '' ? text : `,${text}`;
    else a += a === '' ? text : `,${text}`;
  }
  const u = U + count - 1;
  return {
    u,
    text: `{"e":"depthUpdate","E":${TIME + i},"s":"BTCUSDT","U":${U},"u":${u},"b":[${b}],"a":[${a}]}`,
  };
}

function tradeMessage(r, i) {
  const p = price(MID + Math.floor((r() - 0.5) * 200));
  return `{"e":"trade","E":${TIME + i},"s":"BTCUSDT","t":${START_ID + i},"p":"${p}","q":"${(0.0001 + r() * 0.5).toFixed(8)}","T":${TIME + i},"m":${r() < 0.5},"M":true}`;
}

function frame(text) {
  const payload = Buffer.from(text);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x81, n]) : Buffer.from([0x81, 126, n >> 8, n & 255]);
  return [head, payload];
}

/** Writes `n` messages of the stream on `socket`; `wrap` names the stream for combined connections. */
async function flood(socket, n, wrap) {
  const r = prng(42);
  let nextU = START_ID + 1;
  for (let i = 0; i < n && !socket.destroyed; ) {
    const parts = [];
    for (const end = Math.min(n, i + 512); i < end; i++) {
      let text;
      if (KIND === 'depth') {
        const m = depthMessage(r, i, nextU);
        nextU = m.u + 1;
        text = m.text;
      } else text = tradeMessage(r, i);
      if (wrap !== undefined) text = `{"stream":"${wrap}","data":${text}}`;
      parts.push(...frame(text));
    }
    if (!socket.write(Buffer.concat(parts))) await new Promise((resolve) => socket.once('drain', resolve));
  }
}

/** Reads the client's (masked) frames; calls `onText` for text frames, answers pings and closes. */
function readFrames(socket, onText) {
  let buf = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 2) return;
      const opcode = buf[0] & 15;
      let len = buf[1] & 127;
      let at = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        at = 10;
      }
      const masked = (buf[1] & 128) !== 0;
      const end = at + (masked ? 4 : 0) + len;
      if (buf.length < end) return;
      const payload = Buffer.from(buf.subarray(end - len, end));
      if (masked) for (let k = 0; k < len; k++) payload[k] ^= buf[at + (k & 3)];
      buf = buf.subarray(end);
      if (opcode === 1) onText(payload.toString());
      else if (opcode === 8) socket.end();
      else if (opcode === 9) socket.write(Buffer.concat([Buffer.from([0x8a, payload.length]), payload]));
    }
  });
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const path = req.url.split('?')[0];
  const body =
    path === '/api/v3/depth'
      ? SNAPSHOT
      : path === '/api/v3/exchangeInfo'
        ? workerData.exchangeInfo
        : path === '/api/v3/time'
          ? JSON.stringify({ serverTime: Date.now() })
          : undefined;
  if (body === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"code":-1,"msg":"not served by the bench server"}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  if (path === '/api/v3/depth') snapshotServed();
});

server.on('upgrade', (req, socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => {});
  const key = req.headers['sec-websocket-key'];
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  const path = req.url.split('?')[0];
  const n = plan.n;
  const named = path.startsWith('/ws/') && !/^\/ws\/\d+$/.test(path);
  let started = false;
  readFrames(socket, (text) => {
    const msg = JSON.parse(text);
    socket.write(Buffer.concat(frame(JSON.stringify({ result: null, id: msg.id }))));
    if (msg.method !== 'SUBSCRIBE' || started) return;
    started = true;
    const wrap = path === '/stream' ? msg.params[0] : undefined;
    if (KIND === 'depth') void untilSnapshot().then(() => flood(socket, n, wrap));
    else void flood(socket, n, wrap);
  });
  if (named) {
    started = true;
    void flood(socket, n, undefined);
  }
});

server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
/** The id of the last message of an `n`-message run (depth `u`, trade `t`), by a dry run. */
const finals = new Map();
function finalId(n) {
  if (KIND !== 'depth') return START_ID + n - 1;
  if (!finals.has(n)) {
    const r = prng(42);
    let nextU = START_ID + 1;
    for (let i = 0; i < n; i++) nextU = depthMessage(r, i, nextU).u + 1;
    finals.set(n, nextU - 1);
  }
  return finals.get(n);
}

parentPort.on('message', (m) => {
  if (m.type === 'plan') {
    plan = m;
    parentPort.postMessage({ final: finalId(m.n) });
  }
});
