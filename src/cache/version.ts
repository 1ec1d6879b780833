import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../util/files.ts';

/**
 * The version of Tierpress that cache entries are made by: a hash of its own
 * source (`src/`, templates included) and its lock file. Any change to the
 * code or a dependency starts a fresh cache, so no entry outlives the code
 * that made it.
 */
export async function codeVersion(projectRoot: string): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await listFiles(join(projectRoot, 'src'))).map((path) => `src/${path}`), 'package-lock.json', 'astro.config.mjs'];
  for (const path of files) {
    const bytes = await readFile(join(projectRoot, path));
    hash.update(`${path}\0${bytes.byteLength}\0`).update(bytes);
  }
  return hash.digest('hex').slice(0, 16);
}
