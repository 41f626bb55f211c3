import { describe, expect, it } from 'vitest';
import { encodeTextFrames, type SimWsConnection, startSim, writeFrames } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

describe('encodeTextFrames / sendEncodedFrames', () => {
  it('frames every payload length class and UTF-8 text so a ws client reads them back exactly', async () => {
    await using sim = await startSim();
    let server!: SimWsConnection;
    sim.onWsConnection('/ws', (conn) => {
      server = conn;
    });
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    const payloads: Array<string | Buffer> = [
      '',
      'a'.repeat(125),
      'b'.repeat(126),
      'c'.repeat(65_535),
      'd'.repeat(65_536),
      '{"sym":"€uro ✓ 日本"}',
      Buffer.from('bytes as text ✓', 'utf8'),
    ];
    server.send('before');
    server.sendEncodedFrames(encodeTextFrames(payloads), payloads.length);
    server.send('after'); // ws's own frames and pre-encoded ones stay in call order
    const expected = ['before', ...payloads.map((p) => p.toString()), 'after'];
    for (const text of expected) expect(await client.next()).toBe(text);
    expect(sim.stats.wsMessagesSent).toBe(payloads.length + 2);
    await client.close();
  });

  it('writeFrames writes one batch to several connections', async () => {
    await using sim = await startSim();
    const conns: SimWsConnection[] = [];
    sim.onWsConnection('/ws', (conn) => conns.push(conn));
    const a = await connectRaw(`${sim.wsUrl}/ws`);
    const b = await connectRaw(`${sim.wsUrl}/ws`);
    await writeFrames(conns, ['{"n":1}', '{"n":2}']);
    await writeFrames(conns, []);
    for (const client of [a, b]) {
      expect(await client.nextJson()).toEqual({ n: 1 });
      expect(await client.nextJson()).toEqual({ n: 2 });
    }
    await a.close();
    await b.close();
  });
});
