import { createHash } from 'node:crypto';
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Encrypter } from 'age-encryption';
import pMap from 'p-map';
import { Header, Pax } from 'tar';
import { rethrowCollected } from '../util/pool.ts';

/** A file of a sealed bundle, as its manifest lists it. */
export interface ArchivedFile {
  path: string;
  sha256: string;
}

const BLOCK = 512;

/**
 * The tar entries (header, content, padding) of files already archived,
 * by path and hash: the bundles of one render share all but their marked
 * files, so each shared file is read and framed once, not once per partner.
 */
export class ArchiveEntries {
  readonly #entries = new Map<string, { sha256: string; bytes: Buffer }>();
  readonly #at: Date;

  constructor(at: Date) {
    this.#at = at;
  }

  /**
   * The entry for `file` of the bundle in `dir`: from a bundle of this render
   * with the same bytes, else from `fresh` (files just written, in memory), else read from disk.
   */
  async entry(dir: string, file: ArchivedFile, fresh?: Buffer): Promise<Buffer> {
    const cached = this.#entries.get(file.path);
    if (cached?.sha256 === file.sha256) return cached.bytes;
    const content = fresh ?? (await readFile(join(dir, file.path)));
    // The manifest's hash is what the archive promises: a file changed since sealing is an error, not a silent mismatch.
    if (createHash('sha256').update(content).digest('hex') !== file.sha256) throw new Error(`${file.path}: changed after the bundle was sealed`);
    const bytes = tarEntry(file.path, content, this.#at);
    this.#entries.set(file.path, { sha256: file.sha256, bytes });
    return bytes;
  }
}

/** One regular file as tar entries: owners and modes normalised, the build instant as its time. */
function tarEntry(path: string, content: Buffer, mtime: Date): Buffer {
  const data = { path, mode: 0o644, size: content.byteLength, mtime, type: 'File' as const };
  const header = new Header(data);
  const needPax = header.encode();
  // A path too long for a ustar header goes first, whole, in a pax extended header.
  const pax = needPax ? [new Pax(data).encode()] : [];
  return Buffer.concat([...pax, header.block!, content, Buffer.alloc((BLOCK - (content.byteLength % BLOCK)) % BLOCK)]);
}

/**
 * Packs a sealed bundle into a tar archive a partner can unpack anywhere:
 * its files in the order given (the seal's, sorted), all with the build
 * instant as time stamp, so the same bundle always gives the same archive.
 */
export async function archiveBundle(
  dir: string,
  files: readonly ArchivedFile[],
  tarPath: string,
  entries: ArchiveEntries,
  fresh: ReadonlyMap<string, Buffer> = new Map(),
): Promise<void> {
  const blocks = await pMap(files, (file) => entries.entry(dir, file, fresh.get(file.path)), { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
  const handle = await open(tarPath, 'w');
  try {
    // Batches of buffers per write: one system call for many small files.
    for (let start = 0; start < blocks.length; start += 256) await handle.writev(blocks.slice(start, start + 256));
    await handle.write(Buffer.alloc(2 * BLOCK));
  } finally {
    await handle.close();
  }
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
