import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import pMap from 'p-map';
import { advisoryExports, type AdvisoryExportInput, type AdvisoryExports } from '../export/advisory.ts';
import { rethrowCollected } from '../util/pool.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** The cache key of one advisory's own export files: their input (`advisoryExportInput`) as JSON, exactly what they are made from. */
export function advisoryExportsKey(input: AdvisoryExportInput): string {
  return cacheKey('advisory exports', JSON.stringify(input));
}

/** An entry as stored: the serialized files, and their sha256, so a damaged entry is known as one before it is read. */
interface Stored {
  sha256: string;
  exports: Uint8Array;
}

/** Each input's export files, and how many were made and taken from the cache. */
export interface CachedExports {
  exports: AdvisoryExports[];
  made: number;
  cached: number;
}

/**
 * The export files of each input, in order: from `store` (kind `exports`)
 * when an entry was made from exactly that input, else made and kept. One
 * entry per advisory, not one pack per view (as the audit's scans are): on
 * 2,000 advisories with one changed, a view's exports took 1.7 to 8 s from
 * entries and 11 to 29 s from a pack, which is read whole and written whole
 * again for one change (a machine under load; made afresh, 25 to 62 s).
 * Without a store, every input is made.
 */
export async function cachedExports(store: CacheStore | undefined, inputs: readonly AdvisoryExportInput[]): Promise<CachedExports> {
  if (!store) return { exports: inputs.map(advisoryExports), made: inputs.length, cached: 0 };
  const keys = inputs.map(advisoryExportsKey);
  // Bounded: tens of thousands of entries at once would exceed the open-file limit.
  const found = await pMap(keys, async (key) => unpack(await store.get<Stored>(key)), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  const missing = inputs.flatMap((input, index) => (found[index] === undefined ? [index] : []));
  const exports = found as AdvisoryExports[];
  for (const index of missing) exports[index] = advisoryExports(inputs[index]!);
  await pMap(missing, (index) => store.put(keys[index]!, pack(exports[index]!)), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  return { exports, made: missing.length, cached: inputs.length - missing.length };
}

function pack(exports: AdvisoryExports): Stored {
  const bytes = serialize(exports);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), exports: bytes };
}

/** The files of a stored entry; none when it is missing or its bytes are not those it was written with. */
function unpack(stored: Stored | undefined): AdvisoryExports | undefined {
  if (!(stored?.exports instanceof Uint8Array) || typeof stored.sha256 !== 'string') return undefined;
  // A damaged entry that still deserializes could put other bytes into a bundle: only bytes with the recorded hash are read.
  if (createHash('sha256').update(stored.exports).digest('hex') !== stored.sha256) return undefined;
  try {
    return deserialize(stored.exports) as AdvisoryExports;
  } catch {
    return undefined;
  }
}
