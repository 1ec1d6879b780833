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
