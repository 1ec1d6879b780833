// The audit with kept scans on the real public bundle: the same result as an uncached audit, and a leak planted after the cache was filled is found.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditBundle, type AuditPlan } from '../../src/audit/audit.ts';
import { auditPlan } from '../../src/audit/plan.ts';
import { ScanPack } from '../../src/cache/scans.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { projectAll } from '../../src/core/project/summary.ts';
import { tierView } from '../../src/core/project/view.ts';
import { validateContent, type Content } from '../../src/core/validate/content.ts';
import { pagefindRuntime } from '../../src/index/pagefind.ts';
import { readContent } from '../../src/pipeline/read.ts';
import { AT, CANARIES } from './setup.ts';

const out = inject('out');
let content: Content;
const scratch: string[] = [];
beforeAll(async () => {
  content = validateContent((await readContent(inject('content'))).files!).content!;
});
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

/** A tier's plan, with the positive control against the public view (as the build runs it on its most trusted render). */
async function planOf(tier: string): Promise<AuditPlan> {
  const at = Date.parse(AT);
  return auditPlan(content, projectAll(content, tierView(content.site, tier), at), await pagefindRuntime(), projectAll(content, tierView(content.site, 'public'), at));
}

/** Audits `dir` with the store's pack for `plan` and saves it. */
async function auditCached(store: CacheStore, dir: string, plan: AuditPlan) {
  const scans = await ScanPack.open(store, 'e2e', plan);
  const result = await auditBundle(dir, plan, { scans });
  await scans.save();
  return { result, scanned: scans.scanned, reused: scans.reused };
}

describe('the audit with kept scans, on built bundles', () => {
  it.each(['public', 'internal'])('gives the %s bundle exactly the uncached result, every file but the runtime from the cache', async (tier) => {
    const bundle = join(out, tier);
    const plan = await planOf(tier);
    const store = await CacheStore.open(temp('tierpress-audit-cache-'), 'e2e', 'audit');
    const uncached = await auditBundle(bundle, plan);
    expect(uncached.findings).toEqual([]);
    const cold = await auditCached(store, bundle, plan);
    const warm = await auditCached(store, bundle, await planOf(tier));
    expect(cold.reused).toBe(0);
    expect(warm.scanned).toBe(0);
    expect(warm.reused).toBe(cold.scanned);
    expect(warm.reused).toBeGreaterThan(uncached.files - 20);
    expect(cold.result).toEqual(uncached);
    expect(warm.result).toEqual(uncached);
  });

  it('finds a canary planted in the public bundle after its scans were kept', async () => {
    const dir = temp('tierpress-audit-cache-bundle-');
    cpSync(join(out, 'public'), dir, { recursive: true });
    const plan = await planOf('public');
    const store = await CacheStore.open(temp('tierpress-audit-cache-'), 'e2e', 'audit');
    const before = await auditCached(store, dir, plan);
    expect(before.result.findings).toEqual([]);
    const page = join(dir, 'advisories', 'CTSA-2025-0007', 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</article>', `<p>The replay script sends ${CANARIES.poc} as the layout state.</p></article>`));
    const after = await auditCached(store, dir, plan);
    expect(after.scanned).toBe(1);
    expect(after.result.findings.map((finding) => finding.file)).toContain('advisories/CTSA-2025-0007/index.html');
    expect(after.result.findings.some((finding) => finding.source?.advisory === 'CTSA-2025-0007' && finding.context?.includes(CANARIES.poc))).toBe(true);
    expect(after.result).toEqual(await auditBundle(dir, plan));
  });
});
