/** One file of an export, as a path below the tier's bundle and its text. */
export interface ExportFile {
  path: string;
  content: string;
}

/** Deterministic JSON: two-space indent, key order as built, one trailing newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Files sorted by path (code unit order, as the manifest sorts them), as a new array. */
export function byPath(files: readonly ExportFile[]): ExportFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A copy of a JSON value with the keys of every object in code point order,
 * arrays kept in their order: CSAF asks for sorted keys (optional test
 * 6.2.13); for keys of lower-case letters and `_`, this is also alphabetical.
 */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)])) as T;
}
