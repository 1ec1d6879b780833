import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { Fingerprints, type FingerprintInput, type FingerprintSnapshot } from '../core/fingerprint/fingerprints.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** An entry as stored: the serialized snapshot and its sha256, so a damaged entry is known as one before it is read. */
interface Stored {
  sha256: string;
  snapshot: Uint8Array;
}

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
  const snapshot = unpack(await store.get<Stored>(key));
  if (snapshot) return { fingerprints: Fingerprints.restore(snapshot), cached: true };
  const fingerprints = make(input);
  const bytes = serialize(fingerprints.snapshot());
  await store.put(key, { sha256: createHash('sha256').update(bytes).digest('hex'), snapshot: bytes } satisfies Stored);
  return { fingerprints, cached: false };
}

/** The snapshot of a stored entry; none when it is missing or its bytes are not those it was written with. */
function unpack(stored: Stored | undefined): FingerprintSnapshot | undefined {
  if (!(stored?.snapshot instanceof Uint8Array) || typeof stored.sha256 !== 'string') return undefined;
  if (createHash('sha256').update(stored.snapshot).digest('hex') !== stored.sha256) return undefined;
  try {
    return deserialize(stored.snapshot) as FingerprintSnapshot;
  } catch {
    return undefined;
  }
}
