import { createHash, sign } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import type { AuditAllowEntry } from '../core/schema/audit-allow.ts';
import type { Tlp } from '../core/schema/site.ts';
import { digestFiles } from '../export/csaf/directory.ts';
import { listFiles } from '../util/files.ts';
import { rethrowCollected } from '../util/pool.ts';
import type { SigningKey } from '../seal/keys.ts';

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
  /** The URL the bundle is served at (ending in `/`): every link and export in it is below this. */
  url?: string;
  /** For a partner bundle, the recipient named on every page. */
  recipient?: string;
  /** The reviewed exceptions (content/audit-allow.yaml) the audit of this bundle applied, when any did. */
  audit_allowed?: AuditAllowEntry[];
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
export async function hashFiles(dir: string, known: ReadonlyMap<string, FileHash> = new Map(), files?: readonly string[]): Promise<Manifest['files']> {
  const paths = [...new Set(files ?? (await listFiles(dir)))].filter((path) => path !== MANIFEST && path !== SIGNATURE).sort();
  // A bounded number of files at a time: a large bundle has tens of thousands, more than a process may open.
  const hashOne = async (path: string) => {
    const hash = known.get(path);
    if (hash) return { path, ...hash };
    const bytes = await readFile(join(dir, path));
    return { path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  return pMap(paths, hashOne, { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
}

/** CSAF documents of a provider tree, which get signatures of their own beside their hashes. */
const CSAF_DOCUMENT = /^\.well-known\/csaf\/[a-z]+\/\d{4}\/[^/]+\.json$/;

/** Whether a path is a CSAF document, which is signed on its own. */
export function isCsafDocument(path: string): boolean {
  return CSAF_DOCUMENT.test(path);
}

/** A CSAF document's signatures: the raw Ed25519 one (`.sig`) and, with an OpenPGP key, the detached armoured one (`.asc`). */
export interface DocumentSignatures {
  sig: Uint8Array;
  asc?: string;
}

/** What signs a CSAF document's bytes: `freshSigner`, or the cache's stand-in for it (src/cache/signatures.ts). */
export type DocumentSigner = (bytes: Uint8Array) => Promise<DocumentSignatures>;

/** Signs every document afresh with the key. */
export function freshSigner(key: SigningKey): DocumentSigner {
  return async (bytes) => {
    const sig = sign(null, bytes, key.privateKey);
    return key.openpgp ? { sig, asc: await key.openpgp.sign(bytes) } : { sig };
  };
}

/**
 * Writes `.sig` (the raw Ed25519 signature) and, with an OpenPGP key, `.asc`
 * (its detached armoured signature, CSAF 2.0 §7.1.19) beside each given CSAF
 * document, and, with `digests`, `.sha256` and `.sha512` anew (a partner's
 * marks change the bytes of the shared render's documents). Both signatures
 * are deterministic (the OpenPGP one dated at the build instant), so a
 * render's unmarked documents are signed once for all its bundles. Returns
 * the size and hash of every file written.
 */
export async function signCsafDocuments(dir: string, documents: readonly string[], signer: DocumentSigner, digests: boolean): Promise<Map<string, FileHash>> {
  const written = new Map<string, FileHash>();
  const put = async (path: string, content: string | Uint8Array) => {
    await replaceFile(join(dir, path), content);
    written.set(path, { size: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') });
  };
  const signOne = async (path: string) => {
    const content = await readFile(join(dir, path));
    if (digests) for (const digest of digestFiles({ path, content: content.toString('utf8') })) await put(digest.path, digest.content);
    const { sig, asc } = await signer(content);
    await put(`${path}.sig`, sig);
    if (asc !== undefined) await put(`${path}.asc`, asc);
  };
  await pMap(documents, signOne, { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  return written;
}

/** Writes a file anew: the old one may be a hard link shared with other bundles, which must not change. */
async function replaceFile(path: string, content: string | Uint8Array): Promise<void> {
  await rm(path, { force: true });
  await writeFile(path, content);
}

/** A sealed bundle: its manifest, and every file in it with its size and sha256, the manifest and signature included, sorted. */
export interface Sealed {
  manifest: Manifest;
  files: Manifest['files'];
}

/**
 * Seals a bundle: signs its CSAF documents (with `known`, those filled in
 * for it; the others were signed once in its render) with `signer` (made
 * afresh with `key` by default), publishes the public
 * key, writes `manifest.json` (no build
 * host, no content commit, nothing that changes with content above the
 * tier) and `manifest.json.sig`, the raw 64-byte Ed25519 signature of it.
 */
export async function sealBundle(
  dir: string,
  meta: Omit<Manifest, 'format' | 'files'>,
  key: SigningKey,
  options: { known?: ReadonlyMap<string, FileHash>; filled?: readonly string[]; files?: readonly string[]; signer?: DocumentSigner } = {},
): Promise<Sealed> {
  const signer = options.signer ?? freshSigner(key);
  const known = new Map(options.known ?? []);
  // With `files` (the bundle was just made from a listed render) only what sealing writes is added to it; else the folder is listed.
  const written = new Set<string>([PUBLIC_KEY]);
  if (options.known === undefined) {
    // No shared render: every document is this bundle's own.
    const all = (await listFiles(dir)).filter(isCsafDocument);
    for (const [path, hash] of await signCsafDocuments(dir, all, signer, false)) known.set(path, hash);
  }
  for (const [path, hash] of await signCsafDocuments(dir, (options.filled ?? []).filter(isCsafDocument), signer, true)) {
    known.set(path, hash);
    written.add(path);
  }
  await replaceFile(join(dir, PUBLIC_KEY), key.publicPem);
  known.delete(PUBLIC_KEY);
  const files = options.files ? [...options.files, ...written] : undefined;
  const manifest: Manifest = { format: 'tierpress-manifest/1', ...meta, files: await hashFiles(dir, known, files) };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = sign(null, bytes, key.privateKey);
  await replaceFile(join(dir, MANIFEST), bytes);
  await replaceFile(join(dir, SIGNATURE), signature);
  const described = (path: string, content: Buffer) => ({ path, size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') });
  const all = [...manifest.files, described(MANIFEST, bytes), described(SIGNATURE, signature)];
  return { manifest, files: all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
