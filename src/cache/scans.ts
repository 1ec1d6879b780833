import type { AuditPlan } from '../audit/audit.ts';
import type { FileScan, ScanMemo } from '../audit/scan.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** A file's scan, with the sha256 of the bytes it was made from. */
interface Kept {
  sha256: string;
  scan: FileScan;
}

/**
 * The digest of what a file's scan depends on besides its path and bytes:
 * the restricted and the entitled fingerprint tables. The rest of the plan
 * (what visible text explains, the allowlist, the layout, the links a view
 * may have) judges a scan afterwards, on every audit, so a change to it
 * (a public edit, say) keeps every kept scan valid.
 */
export function scanTablesDigest(plan: Pick<AuditPlan, 'restricted' | 'entitled'>): string {
  return cacheKey('restricted', plan.restricted.digest(), 'entitled', plan.entitled.digest());
}

/**
 * The scans of one render's files, kept between builds as one entry of the
 * store (kind `audit`): tens of thousands of tiny entries would cost more to
 * write and read, and far more disk, than the scans they save. The entry's
 * key is the digest of the fingerprint tables and the render's name (so two
 * renders with the same tables do not overwrite each other's pack); within
 * it, a scan is found only by its file's path and the sha256 of its bytes.
 * Saving keeps the scans of this audit's files only, so the pack does not
 * grow with files that are gone.
 */
export class ScanPack implements ScanMemo {
  readonly #store: CacheStore;
  readonly #key: string;
  readonly #before: ReadonlyMap<string, Kept>;
  readonly #now = new Map<string, Kept>();
  /** Files whose scan came from the pack, and files scanned afresh. */
  reused = 0;
  scanned = 0;

  private constructor(store: CacheStore, key: string, before: ReadonlyMap<string, Kept>) {
    this.#store = store;
    this.#key = key;
    this.#before = before;
  }

  /** The pack of `render` for the plan's fingerprint tables: empty when there is none, or it is damaged. */
  static async open(store: CacheStore, render: string, plan: Pick<AuditPlan, 'restricted' | 'entitled'>): Promise<ScanPack> {
    const key = cacheKey('audit scans', render, scanTablesDigest(plan));
    const kept = await store.getChecked<unknown>(key);
    return new ScanPack(store, key, kept instanceof Map ? (kept as Map<string, Kept>) : new Map());
  }

  get(file: string, sha256: string): FileScan | undefined {
    const kept = this.#before.get(file);
    if (kept === undefined || kept.sha256 !== sha256) return undefined;
    this.#now.set(file, kept);
    this.reused++;
    return kept.scan;
  }

  set(file: string, sha256: string, scan: FileScan): void {
    this.#now.set(file, { sha256, scan });
    this.scanned++;
  }

  /** Writes the scans of this audit's files, unless the pack holds exactly those already. */
  async save(): Promise<void> {
    if (this.scanned === 0 && this.#now.size === this.#before.size) return;
    await this.#store.putChecked(this.#key, this.#now);
  }
}
