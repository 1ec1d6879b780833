import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** The key of a cache entry: a sha256 of everything the entry was made from, in order. */
export function cacheKey(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  // Each part with its length, so that no two lists of parts run together into the same bytes.
  for (const part of parts) hash.update(`${typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength}:`).update(part);
  return hash.digest('hex');
}

/**
 * A content-addressed store of values (v8's structured serialization)
 * under `<root>/<version>/<kind>/`: an entry is found only by the hash of
 * exactly what it was made from, never by a name or a time, so a stale or
 * foreign entry cannot be picked up. Writes go to a temporary file renamed
 * into place: concurrent builds share the store, and a killed build leaves
 * no half-written entry. Opening the store removes the folders of other
 * versions of the code. Deleting `<root>` is always safe.
 */
export class CacheStore {
  readonly #dir: string;

  private constructor(dir: string) {
    this.#dir = dir;
  }

  static async open(root: string, version: string, kind: string): Promise<CacheStore> {
    const names = await readdir(root).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => name !== version).map((name) => rm(join(root, name), { recursive: true, force: true })));
    const dir = join(root, version, kind);
    await mkdir(dir, { recursive: true });
    return new CacheStore(dir);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const bytes = await readFile(this.#path(key)).catch(() => undefined);
    if (!bytes) return undefined;
    try {
      return deserialize(bytes) as T;
    } catch {
      // A damaged entry (a full disk, a truncated copy) is a miss: the value is made again and the entry rewritten.
      return undefined;
    }
  }

  async put(key: string, value: unknown): Promise<void> {
    const path = this.#path(key);
    await mkdir(join(this.#dir, key.slice(0, 2)), { recursive: true });
    const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, serialize(value));
    await rename(temporary, path);
  }

  /**
   * `put`, for a value a damaged copy of which must never be used (a table
   * of the audit, bytes of a bundle): kept serialized, with the sha256 of
   * those bytes, which `getChecked` verifies before it reads them.
   */
  async putChecked(key: string, value: unknown): Promise<void> {
    const bytes = serialize(value);
    await this.put(key, { sha256: createHash('sha256').update(bytes).digest('hex'), bytes } satisfies Checked);
  }

  /** A value kept by `putChecked`; a miss when it is missing, or its bytes are not those it was written with. */
  async getChecked<T>(key: string): Promise<T | undefined> {
    const stored = await this.get<Partial<Checked>>(key);
    if (!(stored?.bytes instanceof Uint8Array) || typeof stored.sha256 !== 'string') return undefined;
    // A damaged entry that still deserializes could drop a match or put other bytes into a bundle.
    if (createHash('sha256').update(stored.bytes).digest('hex') !== stored.sha256) return undefined;
    try {
      return deserialize(stored.bytes) as T;
    } catch {
      return undefined;
    }
  }

  #path(key: string): string {
    return join(this.#dir, key.slice(0, 2), key);
  }
}

/** An entry written by `putChecked`: the serialized value and the sha256 of those bytes. */
interface Checked {
  sha256: string;
  bytes: Uint8Array;
}
