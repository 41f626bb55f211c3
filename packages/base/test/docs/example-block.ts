// Keeps a guide's code block and its example test the same: finds the block a guide marks as a
// copy of an example file (`<!-- example: packages/base/test/docs/x.example.ts -->` followed by
// a ```ts block), and reads the regions of a test file marked `// example:start` … `// example:end`.
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

/**
 * The regions of `file` between `// example:start` and `// example:end` lines, each without its
 * common indent, joined by a blank line: what the guide's code block must equal.
 */
export function markedRegions(file: string): string {
  const regions = readFileSync(file, 'utf8').split('// example:start\n').slice(1);
  return regions
    .map((r) => {
      const lines = r.slice(0, r.indexOf('// example:end')).replace(/\s+$/, '').split('\n');
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
      return lines.map((l) => l.slice(indent)).join('\n');
    })
    .join('\n\n');
}
