// The audit with scans kept in the cache (src/cache/scans.ts): the same result as without, and never a leak let through.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditBundle, type AuditPlan, type AuditResult } from '../../src/audit/audit.ts';
import { ScanPack, scanTablesDigest } from '../../src/cache/scans.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { advisory, contentOf, exportsOf, fields, leaks, page, tierPlan } from './harness.ts';

const AT = '2025-12-01T00:00:00Z';
const RELEASE = '2025-07-22T17:00:00Z';
/** A sentence of the trusted gate of CTSA-2025-0001: never in the public bundle. */
const GATED = 'The replay harness posts a crafted layout blob to the staging endpoint.';
/** A sentence public in the first content, gated for trusted readers in the second. */
const MOVED = 'Operators rotate the widget gallery signing secret every quarter.';

const base = (extra = '') => ({
  'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', RELEASE), `## Impact\n\nThe widget gallery accepts layouts.\n\n:::tier{min=trusted}\n${GATED}\n:::\n${extra}`),
  'CTSA-2025-0002': advisory(fields('CTSA-2025-0002', RELEASE), `## Mitigation\n\n${MOVED}\n`),
});
const CONTENT = contentOf(base());
/** The same advisories after a public edit elsewhere: what the bench's warm rebuild does. */
const EDITED = contentOf(base('\nUpdated guidance: restart the service after installing the fix.\n'));
/** The same advisories with the sentence of CTSA-2025-0002 moved into a trusted gate. */
const GATED_LATER = contentOf({ ...base(), 'CTSA-2025-0002': advisory(fields('CTSA-2025-0002', RELEASE), `## Mitigation\n\n:::tier{min=trusted}\n${MOVED}\n:::\n`) });

/** The public bundle of CONTENT as far as the audit cares: its exports and a page per advisory, the second holding MOVED. */
const BUNDLE: Record<string, string> = {
  ...exportsOf(CONTENT, 'public', AT),
  'advisories/CTSA-2025-0001/index.html': page('<h1>Flaw in CTSA-2025-0001</h1><p>The widget gallery accepts layouts.</p>'),
  'advisories/CTSA-2025-0002/index.html': page(`<h1>Flaw in CTSA-2025-0002</h1><p>${MOVED}</p><a href="/advisories/CTSA-2025-0001/">related</a>`),
  'index.html': page('<ul><li><a href="/advisories/CTSA-2025-0001/">one</a></li><li><a href="/advisories/CTSA-2025-0002/">two</a></li></ul>'),
};
const FILES = Object.keys(BUNDLE).length;

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

function writeBundle(files: Record<string, string>): string {
  const dir = temp('tierpress-audit-cache-bundle-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The public plan, with the positive control on (the public view against itself: its own titles and summaries). */
const publicPlan = (content = CONTENT): AuditPlan => tierPlan(content, 'public', AT, 'public');

/** Audits `dir` with the pack of the store for `plan`, saves it, and says how many files were scanned and reused. */
async function auditCached(store: CacheStore, dir: string, plan: AuditPlan): Promise<{ result: AuditResult; scanned: number; reused: number }> {
  const scans = await ScanPack.open(store, 'public', plan);
  const result = await auditBundle(dir, plan, { render: true, scans });
  await scans.save();
  return { result, scanned: scans.scanned, reused: scans.reused };
}

const openStore = async () => CacheStore.open(temp('tierpress-audit-cache-store-'), 'test', 'audit');

describe('the audit with kept scans', () => {
  it('gives exactly the result of an uncached audit, from the cache for every file', async () => {
    const dir = writeBundle(BUNDLE);
    const store = await openStore();
    const plan = publicPlan();
    const uncached = await auditBundle(dir, plan, { render: true });
    // The plan is sound: a clean bundle whose positive control finds something.
    expect(uncached.findings).toEqual([]);
    expect(uncached.control.found).toBeGreaterThan(0);

    const cold = await auditCached(store, dir, plan);
    expect(cold).toMatchObject({ scanned: FILES, reused: 0 });
    const warm = await auditCached(store, dir, publicPlan());
    expect(warm).toMatchObject({ scanned: 0, reused: FILES });
    expect(cold.result).toEqual(uncached);
    expect(warm.result).toEqual(uncached);
  });

  it('keeps every scan after a public edit, whose plan judges them (the fingerprint tables are the same)', async () => {
    const dir = writeBundle(BUNDLE);
    const store = await openStore();
    await auditCached(store, dir, publicPlan());
    const edited = publicPlan(EDITED);
    expect(scanTablesDigest(edited)).toBe(scanTablesDigest(publicPlan()));
    const warm = await auditCached(store, dir, edited);
    expect(warm).toMatchObject({ scanned: 0, reused: FILES });
    expect(warm.result).toEqual(await auditBundle(dir, edited, { render: true }));
  });

  it('finds restricted text planted into a file after the cache was filled (a: the bytes changed, so the file is scanned)', async () => {
    const dir = writeBundle(BUNDLE);
    const store = await openStore();
    await auditCached(store, dir, publicPlan());
    const path = 'advisories/CTSA-2025-0001/index.html';
    writeFileSync(join(dir, path), BUNDLE[path]!.replace('</main>', `<p>${GATED}</p></main>`));
    const warm = await auditCached(store, dir, publicPlan());
    expect(warm).toMatchObject({ scanned: 1, reused: FILES - 1 });
    expect(leaks(warm.result)).toEqual([`${path}: CTSA-2025-0001 (body: :::tier gate for trusted): the replay harness posts a crafted layout blob`]);
    expect(warm.result).toEqual(await auditBundle(dir, publicPlan(), { render: true }));
  });

  it('finds text of an unchanged file once the plan restricts it (b: other fingerprint tables, so nothing is reused)', async () => {
    const dir = writeBundle(BUNDLE);
    const store = await openStore();
    const first = await auditCached(store, dir, publicPlan());
    expect(first.result.findings).toEqual([]);
    const gated = publicPlan(GATED_LATER);
    expect(scanTablesDigest(gated)).not.toBe(scanTablesDigest(publicPlan()));
    const warm = await auditCached(store, dir, gated);
    expect(warm).toMatchObject({ scanned: FILES, reused: 0 });
    expect(leaks(warm.result)).toContain('advisories/CTSA-2025-0002/index.html: CTSA-2025-0002 (body: :::tier gate for trusted): operators rotate the widget gallery signing secret every');
    expect(warm.result).toEqual(await auditBundle(dir, gated, { render: true }));
  });

  it('rescans every file when the kept pack is damaged (c), with the same result', async () => {
    const dir = writeBundle(BUNDLE);
    const root = temp('tierpress-audit-cache-store-');
    const store = await CacheStore.open(root, 'test', 'audit');
    await auditCached(store, dir, publicPlan());
    const entries = readdirSync(join(root, 'test', 'audit'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(entries).toHaveLength(1);
    const file = join(entries[0]!.parentPath, entries[0]!.name);
    const bytes = readFileSync(file);
    const expected = await auditBundle(dir, publicPlan(), { render: true });

    // One byte changed deep inside the scans: still v8 data, but not the bytes the pack was written with.
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 0x01;
    writeFileSync(file, flipped);
    const afterFlip = await auditCached(store, dir, publicPlan());
    expect(afterFlip).toMatchObject({ scanned: FILES, reused: 0 });
    expect(afterFlip.result).toEqual(expected);

    // Cut short, as a full disk leaves a file; the audit above wrote the pack again, so it is cut afresh.
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const afterCut = await auditCached(store, dir, publicPlan());
    expect(afterCut).toMatchObject({ scanned: FILES, reused: 0 });
    expect(afterCut.result).toEqual(expected);
  });
});
