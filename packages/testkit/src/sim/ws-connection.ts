// One accepted WebSocket connection of a simulator: sends (held while stalled), receives, answers
// protocol pings by hand (so faults can withhold pongs), reports pings and pongs to the
// simulator, runs its server heartbeat, and reports its close once.
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { SimFaultState } from './faults.js';
import { ServerHeartbeat } from './heartbeat.js';
import type { SimStatsCounter } from './stats.js';
import type { SimHeartbeat, SimWsConnection } from './types.js';

/** Bytes queued on the socket above which {@link HubConnection.writable} waits for a drain. */
export const WS_HIGH_WATER_MARK = 1024 * 1024;

const TEXT = { binary: false } as const;
const BINARY = { binary: true } as const;
const EMPTY = Buffer.alloc(0);
/** Largest control-frame payload (RFC 6455 §5.5). */
const MAX_CONTROL_PAYLOAD = 125;

/** Where a connection came from. */
export interface ConnectionOrigin {
  id: number;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
}

interface HeldFrame {
  data: string | Buffer;
  /** 'text' / 'binary': a message for ws to frame; a number: that many messages already framed. */
  kind: 'text' | 'binary' | number;
}

/** A simulator-side WebSocket connection; implements the public {@link SimWsConnection}. */
export class HubConnection implements SimWsConnection {
  readonly id: number;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  readonly #ws: WebSocket;
  readonly #socket: Duplex;
  readonly #faults: SimFaultState;
  readonly #stats: SimStatsCounter;
  readonly #messageFns: Array<(text: string, isBinary: boolean) => void> = [];
  readonly #closeFns: Array<(code: number, reason: string) => void> = [];
  readonly #pingFns: Array<(payload: Buffer) => void> = [];
  readonly #pongFns: Array<(payload: Buffer) => void> = [];
  #heartbeat: ServerHeartbeat | undefined;
  #held: HeldFrame[] = [];
  #closed = false;

  constructor(
    origin: ConnectionOrigin,
    ws: WebSocket,
    socket: Duplex,
    faults: SimFaultState,
    stats: SimStatsCounter,
  ) {
    this.id = origin.id;
    this.path = origin.path;
    this.query = origin.query;
    this.headers = origin.headers;
    this.#ws = ws;
    this.#socket = socket;
    this.#faults = faults;
    this.#stats = stats;
    ws.on('message', (data: Buffer, isBinary: boolean) => this.#onMessage(data, isBinary));
    ws.on('ping', (data: Buffer) => this.#onPing(data));
    ws.on('pong', (data: Buffer) => this.#onPong(data));
    ws.on('close', (code: number, reason: Buffer) => this.#onClose(code, reason.toString('utf8')));
    // Errors (bad frames from the client, resets) are followed by 'close'; nothing else to do.
    ws.on('error', () => {});
  }

  get isOpen(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  get bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  send(data: string | Buffer | object): void {
    if (typeof data === 'string') this.#write(data, false);
    else if (Buffer.isBuffer(data)) this.#write(data, true);
    else this.#write(JSON.stringify(data), false);
  }

  sendText(frame: string | Buffer): void {
    this.#write(frame, false);
  }

  sendEncodedFrames(wire: Buffer, messageCount: number): void {
    if (!this.isOpen) return;
    if (this.#faults.stalled) {
      this.#held.push({ data: wire, kind: messageCount });
      return;
    }
    // Safe beside ws's own writes: without permessage-deflate ws writes each frame synchronously,
    // so both reach the socket in call order.
    this.#socket.write(wire);
    this.#stats.wsMessagesSent += messageCount;
  }

  async writable(): Promise<void> {
    while (this.isOpen && this.#faults.stalled) await this.#faults.whenUnstalled();
    if (!this.isOpen || !this.#socket.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.#socket.off('drain', done);
        this.#socket.off('close', done);
        resolve();
      };
      this.#socket.on('drain', done);
      this.#socket.on('close', done);
    });
  }

  close(code?: number, reason?: string): void {
    this.#heartbeat?.stop();
    this.#ws.close(code, reason);
  }

  terminate(): void {
    this.#heartbeat?.stop();
    this.#ws.terminate();
  }

  onMessage(fn: (text: string, isBinary: boolean) => void): void {
    this.#messageFns.push(fn);
  }

  onClose(fn: (code: number, reason: string) => void): void {
    this.#closeFns.push(fn);
  }

  ping(payload: string | Buffer = EMPTY): void {
    const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (data.length > MAX_CONTROL_PAYLOAD) {
      throw new RangeError(`ping(payload): payload must be at most 125 bytes, got ${data.length}`);
    }
    this.#sendPing(data);
  }

  onPing(fn: (payload: Buffer) => void): void {
    this.#pingFns.push(fn);
  }

  onPong(fn: (payload: Buffer) => void): void {
    this.#pongFns.push(fn);
  }

  /** Starts the server heartbeat (called by the hub before the route handler runs). */
  startHeartbeat(policy: SimHeartbeat): void {
    this.#heartbeat?.stop();
    if (!this.isOpen) return;
    this.#heartbeat = new ServerHeartbeat(
      {
        sendPing: (payload) => this.#sendPing(payload),
        timedOut: () => {
          this.#stats.wsHeartbeatTimeouts++;
          this.#ws.terminate();
        },
      },
      policy,
    );
  }

  /** Sends every frame held during a stall, in order. */
  flushHeld(): void {
    const held = this.#held;
    this.#held = [];
    for (const frame of held) {
      if (typeof frame.kind === 'number') this.sendEncodedFrames(frame.data as Buffer, frame.kind);
      else this.#write(frame.data, frame.kind === 'binary');
    }
  }

  #write(data: string | Buffer, binary: boolean): void {
    if (!this.isOpen) return;
    if (this.#faults.stalled) {
      this.#held.push({ data, kind: binary ? 'binary' : 'text' });
      return;
    }
    this.#ws.send(data, binary ? BINARY : TEXT);
    this.#stats.wsMessagesSent++;
  }

  #sendPing(payload: Buffer): boolean {
    if (!this.isOpen || this.#faults.stalled) return false;
    this.#ws.ping(payload);
    this.#stats.wsPingsSent++;
    return true;
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    this.#stats.wsMessagesReceived++;
    const text = data.toString('utf8');
    for (const fn of this.#messageFns) if (!this.#run(() => fn(text, isBinary))) return;
  }

  #onPing(data: Buffer): void {
    this.#stats.wsPingsReceived++;
    for (const fn of this.#pingFns) if (!this.#run(() => fn(data))) return;
    const faults = this.#faults;
    if (!faults.pingsStopped && !faults.stalled && this.isOpen) this.#ws.pong(data);
  }

  #onPong(data: Buffer): void {
    this.#stats.wsPongsReceived++;
    this.#heartbeat?.pongReceived(data);
    for (const fn of this.#pongFns) if (!this.#run(() => fn(data))) return;
  }

  /** Runs a simulator callback; a throw closes the connection with 1011 (loud, but the run survives). */
  #run(fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (error) {
      const msg = error instanceof Error ? error.message : String(error);
      this.#ws.close(1011, truncateReason(`simulator error: ${msg}`));
      return false;
    }
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = [];
    this.#heartbeat?.stop();
    for (const fn of this.#closeFns) fn(code, reason);
  }
}

/** Shortens a close reason to the 123 bytes of UTF-8 a close frame allows. */
export function truncateReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}
