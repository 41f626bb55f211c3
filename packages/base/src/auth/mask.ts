// Masking of API keys for display: enough of the key to tell accounts apart, never the whole.

/**
 * Shows the first and last `visible` characters of a key with `…` between them
 * (`maskKey('abcd1234efgh5678')` → `'abcd…5678'`). Never reveals more than half of the value:
 * short values show fewer characters, and values too short to show any become `'****'`.
 * The mask does not reveal the value's length.
 */
export function maskKey(value: string, visible = 4): string {
  if (typeof value !== 'string') return '****';
  const wanted = Number.isFinite(visible) ? Math.max(0, Math.floor(visible)) : 0;
  const shown = Math.min(wanted, Math.floor(value.length / 4));
  if (shown === 0) return '****';
  return `${value.slice(0, shown)}…${value.slice(-shown)}`;
}
