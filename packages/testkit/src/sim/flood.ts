// Writes batches of text messages to many connections as fast as each socket drains: each batch is
// framed once into a single buffer shared by every connection, a connection that falls behind is
// awaited (socket 'drain'), so memory stays bounded however slow the reader, and a stalled
// simulator holds the writer instead of queueing frames.
import { encodeTextFrames } from './text-frames.js';
import type { SimWsConnection } from './types.js';

/** Bytes buffered on a socket before the writer waits for it to drain. */
export const FLOOD_HIGH_WATER_MARK = 1024 * 1024;

/** Writes every message (string or UTF-8 bytes) as a text frame to every connection still open;
 *  resolves when all were handed to the sockets. */
export async function writeFrames(
  connections: readonly SimWsConnection[],
  messages: readonly (string | Buffer)[],
): Promise<void> {
  if (messages.length === 0) return;
  const wire = encodeTextFrames(messages);
  await Promise.all(connections.map((conn) => writeWireTo(conn, wire, messages.length)));
}

/**
 * Steps a market until a flood has produced all its messages (`left()` reaches 0), giving up
 * after `maxIdleSteps` consecutive steps that produced none (a symbol whose steps never touch the
 * flooded stream must not spin forever).
 */
export function stepUntilFlooded(step: () => void, left: () => number, maxIdleSteps: number): void {
  let idle = 0;
  while (left() > 0 && idle < maxIdleSteps) {
    const before = left();
    step();
    idle = left() === before ? idle + 1 : 0;
  }
}

/** Text frames already encoded for the wire: `count` frames in one buffer. */
export interface EncodedFrames {
  readonly wire: Buffer;
  readonly count: number;
}

/** Writes encoded batches to one connection in order, waiting for its socket to drain (and out of
 *  stalls) before each; stops when the connection closes. */
export async function writeBatches(conn: SimWsConnection, batches: readonly EncodedFrames[]): Promise<void> {
  for (const batch of batches) {
    if (!(await writeWireTo(conn, batch.wire, batch.count))) return;
  }
}

async function writeWireTo(conn: SimWsConnection, wire: Buffer, count: number): Promise<boolean> {
  if (conn.bufferedAmount >= FLOOD_HIGH_WATER_MARK) await conn.writable();
  await conn.writable(); // waits out a stall
  if (!conn.isOpen) return false;
  conn.sendEncodedFrames(wire, count);
  return true;
}
