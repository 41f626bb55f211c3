// What may be sent over a WebSocketApp and how each kind goes on the wire: strings as text
// frames, bytes as binary frames, anything else as JSON text.

/**
 * A message to send: a `string` goes as a text frame as is (`"ping"` for OKX), bytes
 * (`Uint8Array`, `Buffer`, `ArrayBuffer`) go as a binary frame, and any other value is
 * serialised with `JSON.stringify` and sent as text.
 */
export type OutgoingMessage =
  | string
  | Uint8Array
  | ArrayBuffer
  | Record<string, unknown>
  | readonly unknown[];

/** The wire form of an {@link OutgoingMessage}: text or bytes. */
export type EncodedMessage = string | Uint8Array | ArrayBuffer;

/** Turns an {@link OutgoingMessage} into what goes on the wire. */
export function encodeOutgoing(message: OutgoingMessage): EncodedMessage {
  if (typeof message === 'string' || message instanceof Uint8Array || message instanceof ArrayBuffer)
    return message;
  return JSON.stringify(message);
}
