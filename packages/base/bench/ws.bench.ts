// WebSocketApp receive throughput: 200k JSON messages of ~300 bytes from a loopback server,
// WebSocketApp with onJson (default options: heartbeat on) against a raw `ws` client doing
// JSON.parse. The server runs in a worker thread and writes pre-serialized frames straight to
// the TCP socket, so the measured thread does only the client's work. Goal: ≥ 0.9× raw.
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { WebSocketApp } from '@venuekit/base';
import { WebSocket } from 'ws';
import { compareRuns, type RunOutcome } from '../../../tooling/bench/harness.js';

const MESSAGES = 200_000;

// The flood server, run in a worker (CommonJS, node builtins only): a minimal RFC 6455 upgrade,
// then `?n=` text frames from a prebuilt chunk of 2000 distinct ~300-byte messages, honouring
// backpressure. The GUID below is RFC 6455's fixed accept-key suffix.
const SERVER = `
const net = require('node:net');
const { createHash } = require('node:crypto');
const { parentPort } = require('node:worker_threads');
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const frames = [];
for (let i = 0; i < 2000; i++) {
  const body = JSON.stringify({
    topic: 'trades.BTCUSDT', seq: i,
    data: { e: 'trade', E: 1700000000000 + i, s: 'BTCUSDT', t: 4200000 + i, p: (50000 + i / 100).toFixed(8),
      q: (0.001 * (i % 97)).toFixed(8), b: 880000 + i, a: 550000 + i, T: 1700000000000 + i, m: i % 2 === 0,
      M: true, venue: 'loopback', side: i % 2 ? 'buy' : 'sell', pad: 'x'.repeat(48) },
  });
  const payload = Buffer.from(body);
  frames.push(Buffer.from([0x81, 126, payload.length >> 8, payload.length & 255]), payload);
}
const chunk = Buffer.concat(frames);
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let head = '';
  const onData = (data) => {
    head += data.toString('latin1');
    const end = head.indexOf('\\r\\n\\r\\n');
    if (end < 0) return;
    socket.off('data', onData);
    socket.on('data', () => {});
    const key = /sec-websocket-key: *(.+)\\r\\n/i.exec(head)[1].trim();
    const n = Number(/[?&]n=(\\d+)/.exec(head)[1]);
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n' +
      'Sec-WebSocket-Accept: ' + accept + '\\r\\n\\r\\n');
    let left = n / 2000;
    const pump = () => {
      while (left > 0) { left--; if (!socket.write(chunk)) return socket.once('drain', pump); }
    };
    pump();
  };
  socket.on('data', onData);
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

// Each run starts from a collected heap, so neither contender pays for the other's garbage.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function timed(connect: (url: string, done: (checksum: number) => void) => () => void, port: number) {
  return (): Promise<RunOutcome> =>
    new Promise((resolve) => {
      collectGarbage();
      const start = performance.now();
      const stop = connect(`ws://127.0.0.1:${port}/?n=${MESSAGES}`, (checksum) => {
        const ms = performance.now() - start;
        stop();
        resolve({ units: MESSAGES, ms, extra: { checksum } });
      });
    });
}

/** Raw `ws` + JSON.parse: the baseline. */
function rawClient(url: string, done: (checksum: number) => void): () => void {
  const socket = new WebSocket(url);
  let count = 0;
  let checksum = 0;
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { seq: number };
    checksum += msg.seq;
    if (++count === MESSAGES) done(checksum);
  });
  return () => socket.terminate();
}

/** WebSocketApp with onJson, default heartbeat and reconnect: the subject. */
function appClient(url: string, done: (checksum: number) => void): () => void {
  let count = 0;
  let checksum = 0;
  const app = WebSocketApp.connect<{ seq: number }>(url, {
    onJson: (msg) => {
      checksum += msg.seq;
      if (++count === MESSAGES) done(checksum);
    },
  });
  return () => void app.close();
}

export default async function (): Promise<void> {
  const worker = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  try {
    await compareRuns({
      suite: 'ws',
      name: 'WebSocketApp onJson, 200k × ~300 B JSON messages over loopback',
      unit: 'msg/s',
      baselineName: 'raw ws + JSON.parse',
      baseline: timed(rawClient, port),
      subject: timed(appClient, port),
      repeats: 9,
      minRatio: 0.9,
    });
  } finally {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}
