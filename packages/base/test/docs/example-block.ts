// Finds the code block a guide marks as a copy of an example file:
// `<!-- example: packages/base/test/docs/x.example.ts -->` followed by a ```ts block.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..', '..');

/** The text of the code block after the marker naming `examplePath` in `docPath` (both repo-relative). */
export function exampleBlock(docPath: string, examplePath: string): string {
  const doc = readFileSync(join(root, docPath), 'utf8');
  const marker = `<!-- example: ${examplePath} -->`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`${docPath} has no marker ${marker}`);
  const match = /```ts\n([\s\S]*?)\n```/.exec(doc.slice(at + marker.length));
  if (match === null) throw new Error(`${docPath}: no \`\`\`ts block after ${marker}`);
  return match[1]!.trim();
}
