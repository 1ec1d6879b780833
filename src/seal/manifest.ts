import { createHash, sign } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Tlp } from '../core/schema/site.ts';
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

/** Every file of a bundle except the manifest and its signature, sorted, with size and sha256. */
export async function hashFiles(dir: string): Promise<Manifest['files']> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => path !== MANIFEST && path !== SIGNATURE)
    .sort();
  // A bounded number of files at a time: a large bundle has tens of thousands, more than a process may open.
  return runPool(paths, 64, async (path) => {
    const bytes = await readFile(join(dir, path));
    return { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
}

/**
 * Seals a bundle: publishes the public key, writes `manifest.json` (no build
 * host, no content commit, nothing that changes with content above the
 * tier) and `manifest.json.sig`, the raw 64-byte Ed25519 signature of it.
 */
export async function sealBundle(dir: string, meta: Omit<Manifest, 'format' | 'files'>, key: SigningKey): Promise<Manifest> {
  await writeFile(join(dir, PUBLIC_KEY), key.publicPem);
  const manifest: Manifest = { format: 'tierpress-manifest/1', ...meta, files: await hashFiles(dir) };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(join(dir, MANIFEST), bytes);
  await writeFile(join(dir, SIGNATURE), sign(null, bytes, key.privateKey));
  return manifest;
}
