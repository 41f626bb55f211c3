// Raw frames through BinanceMarketStreams against the Binance simulator: a consumer that takes
// frames gets each message once, as bytes or (when it declines one) decoded; as soon as a stream
// also has a consumer that takes decoded data, both get every message decoded, once each.
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceMarketStreams } from '../../src/streams/index.js';

const STREAM = 'btcusdt@depth@100ms';

function finalIdOf(frame: Buffer): number {
  return (JSON.parse(frame.toString()) as { data: { u: number } }).data.u;
}

describe('BinanceMarketStreams frames', () => {
  it('hands each message once: as a frame, decoded when declined, decoded to all once a plain consumer joins', async () => {
    await using sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 60 }] });
    await using streams = new BinanceMarketStreams({ baseUrl: sim.wsUrl });
    const framed: number[] = [];
    const decoded: number[] = [];
    // Recorded and asserted after: an expect() thrown inside onFrame would only be reported as an error event.
    const frameStreams = new Set<string>();
    let declineOdd = true;
    await streams.subscribe(STREAM, (data) => decoded.push((data as { u: number }).u), {
      onFrame: (frame, stream) => {
        frameStreams.add(stream);
        const u = finalIdOf(frame);
        if (declineOdd && u % 2 === 1) return false;
        framed.push(u);
        return true;
      },
    });
    await sim.flood(STREAM, 200);
    await until(() => framed.length + decoded.length >= 200);
    const first = [...framed, ...decoded].sort((a, b) => a - b);
    expect(new Set(first).size).toBe(200);
    expect(decoded.every((u) => u % 2 === 1)).toBe(true);
    expect(framed.length).toBeGreaterThan(0);
    expect([...frameStreams]).toEqual([STREAM]);

    declineOdd = false;
    const plain: number[] = [];
    await streams.subscribe(STREAM, (data) => plain.push((data as { u: number }).u));
    const framedBefore = framed.length;
    const decodedBefore = decoded.length;
    await sim.flood(STREAM, 200);
    await until(() => plain.length >= 200 && decoded.length - decodedBefore >= 200);
    expect(framed.length).toBe(framedBefore);
    expect(decoded.slice(decodedBefore)).toEqual(plain);
    expect(new Set(plain).size).toBe(200);
  });
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
