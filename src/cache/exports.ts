import pMap from 'p-map';
import { advisoryExports, type AdvisoryExportInput, type AdvisoryExports } from '../export/advisory.ts';
import { rethrowCollected } from '../util/pool.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** The cache key of one advisory's own export files: their input (`advisoryExportInput`) as JSON, exactly what they are made from. */
export function advisoryExportsKey(input: AdvisoryExportInput): string {
  return cacheKey('advisory exports', JSON.stringify(input));
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
  const found = await pMap(keys, (key) => store.getChecked<AdvisoryExports>(key), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  const missing = inputs.flatMap((input, index) => (found[index] === undefined ? [index] : []));
  const exports = found as AdvisoryExports[];
  for (const index of missing) exports[index] = advisoryExports(inputs[index]!);
  await pMap(missing, (index) => store.putChecked(keys[index]!, exports[index]!), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  return { exports, made: missing.length, cached: inputs.length - missing.length };
}
