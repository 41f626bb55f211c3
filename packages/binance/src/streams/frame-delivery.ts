// Raw combined-stream frames to the consumers of a stream that take bytes (a book decoding depth
// diffs from bytes): each gets the frame; one that declines it (returns false) gets the frame's
// `data` decoded as JSON, decoded once however many decline.
import { MalformedFrameError } from '@venuekit/base';
import { asError, type Topic } from './stream-types.js';

/** True when every consumer of `topic` takes frames. */
export function takesFrames(topic: Topic): boolean {
  if (topic.consumers.size === 0) return false;
  for (const consumer of topic.consumers) if (consumer.onFrame === undefined) return false;
  return true;
}

/** True when some consumer of `topic` takes frames (its pool subscription should offer them). */
export function wantsFrames(topic: Topic | undefined): boolean {
  if (topic === undefined) return false;
  for (const consumer of topic.consumers) if (consumer.onFrame !== undefined) return true;
  return false;
}

const NOT_DECODED = Symbol('not decoded');

/** Hands `frame` to every consumer of `topic`; errors (a consumer threw, bad JSON) go to `report`. */
export function deliverFrame(topic: Topic, frame: Buffer, report: (error: Error) => void): void {
  let data: unknown = NOT_DECODED;
  for (const consumer of topic.consumers) {
    try {
      if (consumer.onFrame!(frame, topic.name)) continue;
      if (data === NOT_DECODED) {
        data = undefined; // reported once if it fails
        data = decodeData(frame);
      }
      if (data !== undefined) consumer.fn(data, topic.name);
    } catch (error) {
      report(asError(error));
    }
  }
}

/** The `data` of a combined-stream frame; throws MalformedFrameError when it is not JSON. */
function decodeData(frame: Buffer): unknown {
  const text = frame.toString();
  try {
    return (JSON.parse(text) as { data?: unknown }).data;
  } catch (error) {
    throw new MalformedFrameError(`received a frame that is not valid JSON: ${(error as Error).message}`, {
      cause: error,
      venue: 'binance',
      details: { length: text.length, preview: text.slice(0, 120) },
    });
  }
}
