import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Encrypter } from 'age-encryption';
import { create } from 'tar';

/**
 * Packs a bundle into a tar archive a partner can unpack anywhere: entries
 * sorted, owners and modes normalised, every time stamp the build instant, so
 * the same bundle always gives the same archive.
 */
export async function archiveBundle(dir: string, tarPath: string, at: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  await create({ file: tarPath, cwd: dir, portable: true, noDirRecurse: true, mtime: new Date(at), noPax: true }, files);
}

/**
 * Encrypts an archive to a partner's age X25519 recipient. The result differs
 * on every run (age draws a fresh file key), unlike the bundle inside it.
 */
export async function encryptArchive(tarPath: string, recipient: string, outPath: string): Promise<void> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  await writeFile(outPath, await encrypter.encrypt(await readFile(tarPath)));
}
