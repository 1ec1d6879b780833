import { createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFiles, MANIFEST, PUBLIC_KEY, SIGNATURE, type Manifest } from '../bundle/manifest.ts';

/** The outcome of verifying a bundle: every problem, and the manifest if it could be read. */
export interface Verification {
  ok: boolean;
  problems: string[];
  manifest?: Manifest;
  /** Which key checked the signature: the one given, or the bundle's own (which proves integrity only). */
  key: 'given' | 'bundled';
}

/**
 * Checks a sealed bundle: the manifest's Ed25519 signature (with `publicPem`,
 * or the key the bundle carries), then every file against the manifest,
 * reporting missing, changed and extra files.
 */
export async function verifyBundle(dir: string, publicPem?: string): Promise<Verification> {
  const problems: string[] = [];
  const key = publicPem ? 'given' : 'bundled';
  let manifestBytes: Buffer;
  let signature: Buffer;
  try {
    manifestBytes = await readFile(join(dir, MANIFEST));
    signature = await readFile(join(dir, SIGNATURE));
  } catch (error) {
    return { ok: false, problems: [`cannot read ${MANIFEST} and ${SIGNATURE}: ${(error as Error).message}`], key };
  }
  try {
    const pem = publicPem ?? (await readFile(join(dir, PUBLIC_KEY), 'utf8'));
    if (!verify(null, manifestBytes, createPublicKey(pem), signature)) problems.push(`${SIGNATURE}: the signature does not match ${MANIFEST} for this key`);
  } catch (error) {
    problems.push(`cannot check the signature: ${(error as Error).message}`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch {
    return { ok: false, problems: [...problems, `${MANIFEST} is not valid JSON`], key };
  }
  const listed = (manifest as Partial<Manifest> | null)?.files;
  if (!Array.isArray(listed) || !listed.every((file) => typeof file?.path === 'string' && typeof file.sha256 === 'string' && typeof file.size === 'number')) {
    return { ok: false, problems: [...problems, `${MANIFEST} does not list files as {path, size, sha256}`], key };
  }
  const actual = new Map((await hashFiles(dir)).map((file) => [file.path, file]));
  for (const listed of manifest.files) {
    const found = actual.get(listed.path);
    if (!found) problems.push(`missing: ${listed.path}`);
    else if (found.sha256 !== listed.sha256 || found.size !== listed.size) problems.push(`changed: ${listed.path}`);
    actual.delete(listed.path);
  }
  for (const path of actual.keys()) problems.push(`extra: ${path} (not in the manifest)`);
  return { ok: problems.length === 0, problems, manifest, key };
}
