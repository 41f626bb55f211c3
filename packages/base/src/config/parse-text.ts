// Parsing config text (JSON or YAML) into plain values, with errors that give the file, line
// and column but never quote the text: config files hold secrets, and both V8's JSON.parse
// and the yaml library put an excerpt of the offending source into their messages. The yaml
// library (~2 MB once loaded) is required on the first YAML text, not when venuekit is imported:
// most programs never read YAML, and loadConfig stays synchronous.
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type * as Yaml from 'yaml';
import { ConfigError } from '../errors.js';
import { jsonErrorOffset } from './json-error-position.js';

let yaml: typeof Yaml | undefined;

/** The yaml library, loaded on first use. */
function yamlLibrary(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml;
}

/** The text formats config files can use. */
export type ConfigFormat = 'json' | 'yaml';

/** The format a file's extension implies: `.json` → JSON, `.yaml`/`.yml` → YAML, else a ConfigError. */
export function configFormatOf(file: string): ConfigFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new ConfigError(
    `config file ${file} has extension "${ext || '(none)'}"; expected .json, .yaml or .yml`,
    { details: { file } },
  );
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  // Only the kind of problem is kept: for some errors V8 appends an excerpt of the text.
  const withPosition = /^(.*?)(?: in JSON)? at position \d+/.exec(message)?.[1];
  let kind = 'unexpected token';
  if (withPosition !== undefined && !withPosition.includes('"'))
    kind = withPosition.charAt(0).toLowerCase() + withPosition.slice(1);
  else if (message.startsWith('Unexpected end of JSON input')) kind = 'unexpected end of input';
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return kind;
  const { line, column } = lineAndColumn(text, offset);
  return `${kind} at line ${line}, column ${column}`;
}

/**
 * Parses config text. `where` names the source in errors (a path, or `apis object`).
 * Empty text, syntax errors and YAML documents with errors throw a ConfigError that names the
 * source, the line and column and the kind of problem, without quoting any of the text.
 */
export function parseConfigText(text: string, format: ConfigFormat, where: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ConfigError(`${where} is empty`, { details: { file: where } });
  if (format === 'json') {
    try {
      return JSON.parse(body) as unknown;
    } catch (error) {
      // The SyntaxError is not attached as `cause`: its message may quote the text.
      throw new ConfigError(`${where} is not valid JSON: ${describeJsonError(body, error)}`, {
        details: { file: where },
      });
    }
  }
  const doc = yamlLibrary().parseDocument(body, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.slice(0, 5).map((e) => {
      const pos = e.linePos?.[0];
      const what = e.code.toLowerCase().replaceAll('_', ' ');
      return pos ? `line ${pos.line}, column ${pos.col}: ${what}` : what;
    });
    const more = doc.errors.length > 5 ? `\n  … and ${doc.errors.length - 5} more` : '';
    throw new ConfigError(`${where} is not valid YAML:\n  - ${lines.join('\n  - ')}${more}`, {
      details: { file: where },
    });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    const reason = error instanceof Error && /alias/i.test(error.message) ? 'too many aliases' : 'unreadable';
    throw new ConfigError(`${where} is not valid YAML: ${reason}`, { details: { file: where } });
  }
}
