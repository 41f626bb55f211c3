// Reading a venue's routing key straight from a frame's bytes: most venues put the topic (or
// stream name) first in every data message (`{"topic":"orderbook.50.BTCUSDT",…}`,
// `{"stream":"btcusdt@depth",…}`), so a pool can route a frame without decoding it.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * A reader of the string field `key` when a frame begins with it, exactly `{"<key>":"<value>"`
 * (compact JSON, the field first, no escapes in the value, ASCII); `undefined` for any other
 * frame. Used as a {@link PoolProtocol.frameTopic}: `frameTopic: leadingStringField('topic')`.
 */
export function leadingStringField(key: string): (data: Buffer) => string | undefined {
  if (typeof key !== 'string' || key === '' || /["\\\u0080-\uffff]/.test(key))
    throw new TypeError(`leadingStringField: key must be a non-empty ASCII name, got ${JSON.stringify(key)}`);
  const prefix = Buffer.from(`{"${key}":"`, 'latin1');
  const start = prefix.length;
  return (data) => {
    const n = data.length;
    if (n <= start) return undefined;
    for (let i = 0; i < start; i++) if (data[i] !== prefix[i]) return undefined;
    for (let i = start; i < n; i++) {
      const c = data[i]!;
      if (c === QUOTE) return i === start ? undefined : data.toString('latin1', start, i);
      if (c === BACKSLASH || c >= 0x80) return undefined;
    }
    return undefined;
  };
}
