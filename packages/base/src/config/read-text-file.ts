// Reading a settings file (config, apis) as text, with a ConfigError that says in words why it
// could not be read: missing, not readable, a directory.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/**
 * Reads `path` as UTF-8. On failure throws ConfigError `"<subject> does not exist"` (or "is not
 * readable (permission denied)", "is a directory", "cannot be read (CODE)"), where `subject`
 * names the file as the caller's user knows it (`config file /etc/app.yaml`), with
 * `details.file` and the system error as `cause`.
 */
export function readTextFile(path: string, subject: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'is not readable (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(`${subject} ${reason}`, { details: { file: path }, cause: error });
  }
}
