// Writes a batch of pre-serialized text frames to many connections as fast as each socket drains:
// a connection that falls behind is awaited (socket 'drain'), so memory stays bounded no matter
// how slow the reader is, and a stalled simulator holds the writer instead of queueing frames.
import type { SimWsConnection } from './types.js';

/** Bytes buffered on a socket before the writer waits for it to drain. */
export const FLOOD_HIGH_WATER_MARK = 1024 * 1024;

/** Writes every frame to every connection still open; resolves when all were handed to the sockets. */
export async function writeFrames(
  connections: readonly SimWsConnection[],
  frames: readonly Buffer[],
): Promise<void> {
  if (connections.length === 1) return writeFramesTo(connections[0]!, frames);
  await Promise.all(connections.map((conn) => writeFramesTo(conn, frames)));
}

async function writeFramesTo(conn: SimWsConnection, frames: readonly Buffer[]): Promise<void> {
  await conn.writable();
  for (let i = 0; i < frames.length; i++) {
    if (!conn.isOpen) return;
    conn.sendText(frames[i]!);
    if (conn.bufferedAmount >= FLOOD_HIGH_WATER_MARK) await conn.writable();
  }
}
