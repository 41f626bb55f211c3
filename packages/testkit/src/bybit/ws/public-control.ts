// Requests on a public Bybit stream: `subscribe` / `unsubscribe` with their acks (spot echoes the
// op in `ret_msg` and `req_id` only when sent; linear always carries `req_id`, "" when absent),
// the spot cap of 10 args per request, the 21,000-character cap per connection, and
// `{"op":"ping"}` → pong. A bad request fails whole, with Bybit's `ret_msg`.
import type { PublicConnection } from './public-connection.js';
import type { PublicHub } from './public-hub.js';
import { parsePublicTopic } from './topics.js';

/** Handles one text message from a client. */
export function handlePublicMessage(hub: PublicHub, pc: PublicConnection, text: string): void {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    reply(hub, pc, { success: false, ret_msg: 'error:invalid json', conn_id: pc.connId });
    return;
  }
  const {
    op,
    args,
    req_id: reqId,
  } = (typeof msg === 'object' && msg !== null ? msg : {}) as {
    op?: unknown;
    args?: unknown;
    req_id?: unknown;
  };
  const spot = hub.category === 'spot';
  const answer = (success: boolean, retMsg: string, answerOp: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { success, ret_msg: retMsg, conn_id: pc.connId };
    if (reqId !== undefined && reqId !== null) out.req_id = String(reqId);
    else if (!spot) out.req_id = '';
    out.op = answerOp;
    return out;
  };
  switch (op) {
    case 'ping':
      reply(hub, pc, answer(true, 'pong', 'ping'));
      return;
    case 'subscribe': {
      const error = subscribe(hub, pc, args);
      reply(hub, pc, answer(error === undefined, error ?? (spot ? 'subscribe' : ''), 'subscribe'));
      if (error === undefined)
        for (const t of args as string[]) for (const f of hub.publisher.initialFrames(t)) hub.sendTo(pc, f);
      return;
    }
    case 'unsubscribe': {
      if (!isTopicList(args)) {
        reply(hub, pc, answer(false, 'error:args must be a non-empty array of topics', 'unsubscribe'));
        return;
      }
      hub.removeTopics(pc, args);
      reply(hub, pc, answer(true, spot ? 'unsubscribe' : '', 'unsubscribe'));
      return;
    }
    default:
      reply(hub, pc, {
        success: false,
        ret_msg: 'error:invalid op',
        conn_id: pc.connId,
        request: { op: typeof op === 'string' ? op : '', args: Array.isArray(args) ? args : null },
      });
  }
}

/** Validates and applies a subscribe; returns the failure `ret_msg`, or undefined on success. */
function subscribe(hub: PublicHub, pc: PublicConnection, args: unknown): string | undefined {
  const { limits, violations, market } = hub.options;
  if (!isTopicList(args)) return 'error:args must be a non-empty array of topics';
  const now = hub.options.now();
  if (hub.category === 'spot' && args.length > limits.spotArgsPerRequest) {
    violations.record(
      now,
      'wsSubscribeArgs',
      `spot#${pc.conn.id}`,
      `${args.length} args in one subscribe request`,
    );
    return `args size >${limits.spotArgsPerRequest}`;
  }
  const fresh = new Set<string>();
  let chars = 0;
  for (const name of args) {
    const parsed = parsePublicTopic(name, market);
    if ('error' in parsed) return parsed.error;
    if (pc.topics.has(name) || fresh.has(name)) return `error:already subscribed,topic:${name}`;
    fresh.add(name);
    chars += name.length;
  }
  if (pc.argChars + chars > limits.argsCharsPerConnection) {
    violations.record(
      now,
      'wsArgsLength',
      `${hub.category}#${pc.conn.id}`,
      `topics exceed ${limits.argsCharsPerConnection} characters`,
    );
    return `error:args length exceeds ${limits.argsCharsPerConnection} characters per connection`;
  }
  hub.addTopics(pc, [...fresh]);
  return undefined;
}

function isTopicList(args: unknown): args is string[] {
  return Array.isArray(args) && args.length > 0 && args.every((a) => typeof a === 'string' && a !== '');
}

function reply(hub: PublicHub, pc: PublicConnection, answer: Record<string, unknown>): void {
  hub.sendTo(pc, JSON.stringify(answer));
}
