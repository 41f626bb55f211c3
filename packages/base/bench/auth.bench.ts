// Request signing cost: HMAC-SHA256 hex over a typical Binance order query (~120 bytes), as
// every signed REST call and WebSocket API request pays it, beside calling node:crypto's
// createHmac directly. Goal: ≤ 1.1× raw createHmac and < 5 µs absolute.
import { createHmac } from 'node:crypto';
import { hmac, hmacSha256Hex, hmacSha384Hex } from '@venuekit/base';
import { compareOps } from '../../../tooling/bench/harness.js';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const QUERY =
  'symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01000000&price=65000.00&recvWindow=5000&timestamp=1700000000000';

const goal = {
  text: '≤ 1.1× raw and < 5 µs',
  check: (subjectNs: number, baselineNs: number) => subjectNs <= baselineNs * 1.1 && subjectNs < 5000,
};

export default async function (): Promise<void> {
  if (hmacSha256Hex(SECRET, QUERY) !== createHmac('sha256', SECRET).update(QUERY).digest('hex'))
    throw new Error('hmacSha256Hex disagrees with node:crypto');
  await compareOps({
    suite: 'auth',
    name: `hmacSha256Hex, ${QUERY.length}-byte Binance query`,
    baselineName: 'raw createHmac',
    subject: () => hmacSha256Hex(SECRET, QUERY),
    baseline: () => createHmac('sha256', SECRET).update(QUERY).digest('hex'),
    goal,
  });
  await compareOps({
    suite: 'auth',
    name: `hmac('sha256', …, 'hex'), ${QUERY.length}-byte query (validated arguments)`,
    baselineName: 'raw createHmac',
    subject: () => hmac('sha256', SECRET, QUERY, 'hex'),
    baseline: () => createHmac('sha256', SECRET).update(QUERY).digest('hex'),
    goal,
  });
  await compareOps({
    suite: 'auth',
    name: `hmacSha384Hex (Bitfinex), ${QUERY.length}-byte payload`,
    baselineName: 'raw createHmac',
    subject: () => hmacSha384Hex(SECRET, QUERY),
    baseline: () => createHmac('sha384', SECRET).update(QUERY).digest('hex'),
    goal,
  });
}
