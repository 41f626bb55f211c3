// Encodes many text messages as complete, unmasked server-to-client WebSocket frames (RFC 6455
// §5.2) in one buffer, so a flood hands the socket one write per batch instead of one per message.
// Written here, not borrowed from ws's Sender, so the simulator's wire format is checked by the
// clients that read it.

const OPCODE_TEXT_FIN = 0x81;

function headerLength(payloadLength: number): number {
  return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
}

/** Encodes each payload (a string or UTF-8 bytes) as one final text frame, concatenated in order. */
export function encodeTextFrames(payloads: readonly (string | Buffer)[]): Buffer {
  const lengths = new Array<number>(payloads.length);
  let total = 0;
  for (let i = 0; i < payloads.length; i++) {
    const payload = payloads[i]!;
    const length = typeof payload === 'string' ? Buffer.byteLength(payload, 'utf8') : payload.length;
    lengths[i] = length;
    total += headerLength(length) + length;
  }
  const wire = Buffer.allocUnsafe(total);
  let offset = 0;
  for (let i = 0; i < payloads.length; i++) {
    const payload = payloads[i]!;
    const length = lengths[i]!;
    wire[offset++] = OPCODE_TEXT_FIN;
    if (length < 126) {
      wire[offset++] = length;
    } else if (length < 65_536) {
      wire[offset++] = 126;
      wire.writeUInt16BE(length, offset);
      offset += 2;
    } else {
      wire[offset++] = 127;
      wire.writeUInt32BE(Math.floor(length / 2 ** 32), offset);
      wire.writeUInt32BE(length >>> 0, offset + 4);
      offset += 8;
    }
    if (typeof payload !== 'string') offset += payload.copy(wire, offset);
    // Byte length equal to string length means pure ASCII, where latin1 is the same bytes, much faster.
    else if (length === payload.length) offset += wire.write(payload, offset, 'latin1');
    else offset += wire.write(payload, offset, 'utf8');
  }
  return wire;
}
