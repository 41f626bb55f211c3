// A real ConsoleLogger writing into an array, so tests can read what the client logged.
import { ConsoleLogger, type LogLevel } from '@venuekit/base';

/** A debug-level logger and the lines it wrote. */
export function captureLogger(): { logger: ConsoleLogger; lines: string[]; count(text: string): number } {
  const lines: string[] = [];
  const logger = new ConsoleLogger({
    level: 'debug',
    sink: (_level: LogLevel, line: string) => lines.push(line),
  });
  return { logger, lines, count: (text) => lines.filter((l) => l.includes(text)).length };
}
