import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One file of a bundle with every byte as text, after undoing pagefind's gzip. */
export interface BundleFile {
  path: string;
  text: string;
}

/** Every file of a bundle, dotfiles included, decoded so a canary cannot hide in compression. */
export function readBundle(dir: string): BundleFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      let bytes = readFileSync(full);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      return { path: relative(dir, full), text: bytes.toString('utf8') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The files of a bundle that contain `needle`, for a failure message that names them. */
export function filesContaining(files: readonly BundleFile[], needle: string): string[] {
  return files.filter((file) => file.text.includes(needle)).map((file) => file.path);
}

/** A digest of a folder's paths and bytes: equal digests mean byte-identical trees. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) => (join(a.parentPath, a.name) < join(b.parentPath, b.name) ? -1 : 1))) {
    const full = join(entry.parentPath, entry.name);
    hash.update(`${relative(dir, full)}\0${entry.isFile() ? 'f' : 'd'}\0`);
    if (entry.isFile()) hash.update(readFileSync(full));
  }
  return hash.digest('hex');
}
