import { Fingerprints, type FingerprintInput, type FingerprintSnapshot } from '../core/fingerprint/fingerprints.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** The key of the fingerprints of `input`: its JSON, every text, source and allowed phrase `buildFingerprints` reads. */
export function fingerprintsKey(input: FingerprintInput): string {
  return cacheKey('fingerprints', JSON.stringify(input));
}

/**
 * The fingerprints of `input`, taken from `store` when they were made from
 * exactly the same input before, else made by `make` and kept. Building the
 * tables of a view (tokenizing all it may not see, then dropping what it
 * sees) is the audit's largest cost that does not depend on the bundle's
 * files, and it is the same on every build of unchanged content. A damaged
 * entry is a miss: a table that lost entries would let a leak through.
 */
export async function cachedFingerprints(store: CacheStore, input: FingerprintInput, make: (input: FingerprintInput) => Fingerprints): Promise<{ fingerprints: Fingerprints; cached: boolean }> {
  const key = fingerprintsKey(input);
  const snapshot = await store.getChecked<FingerprintSnapshot>(key);
  if (snapshot) return { fingerprints: Fingerprints.restore(snapshot), cached: true };
  const fingerprints = make(input);
  await store.putChecked(key, fingerprints.snapshot());
  return { fingerprints, cached: false };
}
