// A small structured Logger interface, the default console logger, a silent logger, and an
// adapter for pino-style loggers (`logger.info(fields, message)`). Fields and messages pass
// through secret redaction before they are written.
import { redactSecrets } from './errors.js';

/** Log levels, most verbose first. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Structured context attached to a log line. Never put secrets here; they are redacted anyway. */
export type LogFields = Record<string, unknown>;

/** What venuekit needs from a logger. */
export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const LEVEL_RANK: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50 };

/** Where {@link ConsoleLogger} writes a finished line; defaults to `console.error` (stderr). */
export type LogSink = (level: LogLevel, line: string) => void;

// Strings are redacted one by one before JSON escaping them: a secret containing a quote,
// backslash or newline (a PEM key) would no longer match once escaped.
function safeReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'string') return redactSecrets(v);
  if (v instanceof Error) return { name: v.name, message: redactSecrets(v.message) };
  if (typeof v === 'bigint') return String(v);
  return v;
}

function safeFields(fields: LogFields): string {
  try {
    return redactSecrets(JSON.stringify(fields, safeReplacer));
  } catch {
    return '{"fields":"[unserializable]"}';
  }
}

/** Options of {@link ConsoleLogger}. */
export interface ConsoleLoggerOptions {
  /** Lowest level written (default `'info'`, or env `VENUEKIT_LOG_LEVEL`). */
  level?: LogLevel;
  /** Fields added to every line. */
  fields?: LogFields;
  /** Where lines go (default stderr). */
  sink?: LogSink;
}

/** A logger that writes one line per event: `LEVEL message {"field":…}`. */
export class ConsoleLogger implements Logger {
  readonly level: LogLevel;
  readonly #fields: LogFields;
  readonly #sink: LogSink;

  constructor(options: ConsoleLoggerOptions = {}) {
    const envLevel = process.env.VENUEKIT_LOG_LEVEL as LogLevel | undefined;
    this.level = options.level ?? (envLevel && Object.hasOwn(LEVEL_RANK, envLevel) ? envLevel : 'info');
    this.#fields = options.fields ?? {};
    this.#sink = options.sink ?? ((_level, line) => console.error(line));
  }
  #write(level: LogLevel, message: string, fields?: LogFields): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[this.level]) return;
    const all = fields ? { ...this.#fields, ...fields } : this.#fields;
    const tail = Object.keys(all).length > 0 ? ` ${safeFields(all)}` : '';
    this.#sink(level, `${level.toUpperCase()} ${redactSecrets(message)}${tail}`);
  }
  trace(message: string, fields?: LogFields): void {
    this.#write('trace', message, fields);
  }
  debug(message: string, fields?: LogFields): void {
    this.#write('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.#write('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#write('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.#write('error', message, fields);
  }
  child(fields: LogFields): Logger {
    return new ConsoleLogger({ level: this.level, fields: { ...this.#fields, ...fields }, sink: this.#sink });
  }
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/** The minimal shape of a pino (or bunyan-like) logger: `(fields, message)` methods and `child`. */
export interface PinoLike {
  trace(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: object): PinoLike;
}

/** Wraps a pino-style logger as a venuekit {@link Logger}, redacting secrets on the way. */
export function fromPino(pino: PinoLike): Logger {
  const clean = (fields?: LogFields): object => (fields ? (JSON.parse(safeFields(fields)) as object) : {});
  return {
    trace: (m, f) => pino.trace(clean(f), redactSecrets(m)),
    debug: (m, f) => pino.debug(clean(f), redactSecrets(m)),
    info: (m, f) => pino.info(clean(f), redactSecrets(m)),
    warn: (m, f) => pino.warn(clean(f), redactSecrets(m)),
    error: (m, f) => pino.error(clean(f), redactSecrets(m)),
    child: (fields) => fromPino(pino.child(clean(fields))),
  };
}

/** The default logger: a {@link ConsoleLogger} at `info` (or `VENUEKIT_LOG_LEVEL`). */
export const defaultLogger: Logger = new ConsoleLogger();
