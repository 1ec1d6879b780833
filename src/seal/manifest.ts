import { createHash, sign } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Tlp } from '../core/schema/site.ts';
import { digestFiles } from '../export/csaf/directory.ts';
import { runPool } from '../util/pool.ts';
import type { SigningKey } from './keys.ts';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.json.sig';
export const PUBLIC_KEY = 'signing-key.pub.pem';

/** `manifest.json`: what a bundle is, and the hash of every file in it. */
export interface Manifest {
  format: 'tierpress-manifest/1';
  /** The tier, or partner, the bundle was made for. */
  bundle: string;
  tier: string;
  tlp: Tlp;
  at: string;
  /** For a partner bundle, the recipient named on every page. */
  recipient?: string;
  files: Array<{ path: string; size: number; sha256: string }>;
}

/** A file's size and sha256, as the manifest lists it. */
export interface FileHash {
  size: number;
  sha256: string;
}

/**
 * Every file of a bundle except the manifest and its signature, sorted, with
 * size and sha256; files in `known` (hashed when the audit read them, and not
 * written since) are not read again.
 */
export async function hashFiles(dir: string, known: ReadonlyMap<string, FileHash> = new Map()): Promise<Manifest['files']> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => path !== MANIFEST && path !== SIGNATURE)
    .sort();
  // A bounded number of files at a time: a large bundle has tens of thousands, more than a process may open.
  return runPool(paths, 64, async (path) => {
    const hash = known.get(path);
    if (hash) return { path, ...hash };
    const bytes = await readFile(join(dir, path));
    return { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}

/** CSAF documents of a provider tree, which get an Ed25519 signature of their own beside their hashes. */
const CSAF_DOCUMENT = /^\.well-known\/csaf\/[a-z]+\/\d{4}\/[^/]+\.json$/;

/**
 * Writes `.sig` (the raw Ed25519 signature) beside every CSAF document of a
 * bundle, and `.sha256` and `.sha512` anew beside those filled in for this
 * bundle (a partner's marks change the bytes of the shared render's
 * documents). Returns the paths written.
 */
async function signCsafDocuments(dir: string, key: SigningKey, filled: ReadonlySet<string>): Promise<string[]> {
  const documents = (await readdir(join(dir, '.well-known', 'csaf'), { recursive: true }).catch(() => []))
    .map((path) => `.well-known/csaf/${String(path).split(sep).join('/')}`)
    .filter((path) => CSAF_DOCUMENT.test(path));
  const written: string[] = [];
  await runPool(documents, 64, async (path) => {
    const content = await readFile(join(dir, path), 'utf8');
    if (filled.has(path)) {
      for (const digest of digestFiles({ path, content })) {
        await replaceFile(join(dir, digest.path), digest.content);
        written.push(digest.path);
      }
    }
    await replaceFile(join(dir, `${path}.sig`), sign(null, Buffer.from(content), key.privateKey));
    written.push(`${path}.sig`);
  });
  return written;
}

/** Writes a file anew: the old one may be a hard link shared with other bundles, which must not change. */
async function replaceFile(path: string, content: string | Uint8Array): Promise<void> {
  await rm(path, { force: true });
  await writeFile(path, content);
}

/**
 * Seals a bundle: publishes the public key, signs each CSAF document, writes `manifest.json` (no build
 * host, no content commit, nothing that changes with content above the
 * tier) and `manifest.json.sig`, the raw 64-byte Ed25519 signature of it.
 */
export async function sealBundle(
  dir: string,
  meta: Omit<Manifest, 'format' | 'files'>,
  key: SigningKey,
  options: { known?: ReadonlyMap<string, FileHash>; filled?: readonly string[] } = {},
): Promise<Manifest> {
  await replaceFile(join(dir, PUBLIC_KEY), key.publicPem);
  const filled = new Set(options.filled ?? []);
  const written = await signCsafDocuments(dir, key, filled);
  const known = new Map(options.known ?? []);
  for (const path of [...filled, ...written, PUBLIC_KEY]) known.delete(path);
  const manifest: Manifest = { format: 'tierpress-manifest/1', ...meta, files: await hashFiles(dir, known) };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await replaceFile(join(dir, MANIFEST), bytes);
  await replaceFile(join(dir, SIGNATURE), sign(null, bytes, key.privateKey));
  return manifest;
}
