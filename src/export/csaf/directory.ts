import { createHash } from 'node:crypto';
import type { ExportFile } from '../file.ts';

/** One document of a TLP folder, for its listings. */
export interface ListedDocument {
  /** Path below the TLP folder: `<YYYY>/<file>.json`. */
  relative: string;
  currentReleaseDate: string;
}

/** The digests written beside each document, by the names of their files' extensions. */
export const DIGEST_ALGORITHMS = ['sha256', 'sha512'] as const;

/**
 * The SHA-256 and SHA-512 files beside a document (CSAF 2.0 §7.1.18), in the
 * format `sha256sum` writes and checks: `<hex>  <file name>\n`.
 */
export function digestFiles(file: ExportFile): ExportFile[] {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  return DIGEST_ALGORITHMS.map((algorithm) => ({
    path: `${file.path}.${algorithm}`,
    content: `${createHash(algorithm).update(file.content, 'utf8').digest('hex')}  ${name}\n`,
  }));
}

/** `index.txt` of a TLP folder (CSAF 2.0 §7.1.12): every document's relative path, one a line, sorted. */
export function indexTxt(documents: readonly ListedDocument[]): string {
  return documents
    .map((document) => document.relative)
    .sort()
    .map((path) => `${path}\n`)
    .join('');
}

/**
 * `changes.csv` of a TLP folder (CSAF 2.0 §7.1.13): `"<relative path>","<current release date>"`
 * a line, most recent change first, no header.
 */
export function changesCsv(documents: readonly ListedDocument[]): string {
  return [...documents]
    .sort((a, b) => Date.parse(b.currentReleaseDate) - Date.parse(a.currentReleaseDate) || (a.relative < b.relative ? -1 : 1))
    .map((document) => `"${document.relative.replace(/"/g, '""')}","${document.currentReleaseDate}"\n`)
    .join('');
}
