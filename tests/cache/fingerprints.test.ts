// The audit's fingerprint tables kept in the cache (src/cache/fingerprints.ts): the same tables as made afresh, and only for the very texts they were made from.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditPlanParts, fingerprintsOf } from '../../src/audit/plan.ts';
import { cachedFingerprints, fingerprintsKey } from '../../src/cache/fingerprints.ts';
import { CacheStore } from '../../src/cache/store.ts';
import { Fingerprints, type FingerprintInput } from '../../src/core/fingerprint/fingerprints.ts';
import { tokenize } from '../../src/core/fingerprint/tokens.ts';
import { projectAll } from '../../src/core/project/summary.ts';
import { tierView } from '../../src/core/project/view.ts';
import { advisory, contentOf, fields } from '../audit/harness.ts';

const AT = Date.parse('2025-12-01T00:00:00Z');
const RELEASE = '2025-07-22T17:00:00Z';
const CANARY = 'The replay harness posts FPCACHE-CANARY-41d7 to the staging endpoint of the gallery.';
const ALLOWED = 'widget gallery signing secret';

const content = (gated: string) =>
  contentOf(
    {
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', RELEASE), `## Impact\n\nThe ${ALLOWED} rotates.\n\n:::tier{min=trusted}\n${gated}\nThe ${ALLOWED} is kept in the vault.\n:::\n`),
      // Embargoed at AT: its identifiers are pinned in the public view's tables.
      'CTSA-2026-0002': advisory(fields('CTSA-2026-0002', '2026-03-01T00:00:00Z', 'cves: [CVE-2026-40001]')),
    },
    { auditAllow: `allow:\n  - phrase: ${ALLOWED}\n    advisory: CTSA-2025-0001\n    allowed_by: Jane Doe (PSIRT lead)\n    reason: Public in the advisory's own text.\n` },
  );

/** The fingerprint inputs of the public view, with the positive control against itself. */
function inputs(gated = CANARY): { restricted: FingerprintInput; entitled: FingerprintInput } {
  const c = content(gated);
  const publicView = projectAll(c, tierView(c.site, 'public'), AT);
  return auditPlanParts(c, publicView, new Map(), publicView);
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const store = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierpress-fingerprints-'));
  scratch.push(dir);
  return CacheStore.open(dir, 'v1', 'audit').then((opened) => ({ dir, store: opened }));
};

/** What an audit reads of a table: its digest (every table scan reads), sources, pinned identifiers and the allowlist entries used, and its hits on a text. */
function observed(fingerprints: Fingerprints, text: string) {
  const hits = fingerprints.scan(tokenize(text));
  return {
    digest: fingerprints.digest(),
    size: fingerprints.size,
    sources: fingerprints.sources,
    allowedUsed: [...fingerprints.allowedUsed],
    hits,
    pinned: hits.map((hit) => fingerprints.isPinned(hit)),
  };
}

describe('fingerprint tables kept in the cache', () => {
  const { restricted } = inputs();
  const probe = `${CANARY} Also CVE-2026-40001 and CTSA-2026-0002 leaked; the ${ALLOWED} too.`;

  it('are restored equal to the tables made afresh, in everything the audit reads of them', () => {
    const fresh = fingerprintsOf(restricted);
    // The canary is fingerprinted and the embargoed identifiers pinned, or this comparison would prove little.
    const seen = observed(fresh, probe);
    expect(seen.hits.length).toBeGreaterThan(0);
    expect(seen.pinned).toContain(true);
    expect(seen.allowedUsed).toEqual([0]);
    expect(observed(Fingerprints.restore(structuredClone(fresh.snapshot())), probe)).toEqual(seen);
  });

  it('are found by exactly the texts they were made from, and never by a view with other texts', async () => {
    const { store: cache } = await store();
    const first = await cachedFingerprints(cache, restricted, fingerprintsOf);
    expect(first.cached).toBe(false);
    const again = await cachedFingerprints(cache, inputs().restricted, fingerprintsOf);
    expect(again.cached).toBe(true);
    expect(observed(again.fingerprints, probe)).toEqual(observed(first.fingerprints, probe));

    // Another gated sentence: the kept table (with the first canary) is not used, and the new one is found in the table made.
    const OTHER = 'The fallback loader FPCACHE-OTHER-93b2 reads the unsigned manifest from the share.';
    const other = await cachedFingerprints(cache, inputs(OTHER).restricted, fingerprintsOf);
    expect(other.cached).toBe(false);
    expect(other.fingerprints.scan(tokenize(OTHER)).length).toBeGreaterThan(0);
    expect(other.fingerprints.scan(tokenize(CANARY))).toEqual([]);
    // The trusted view sees the gate: its table holds neither sentence, and a cached public table is never its.
    const c = content(CANARY);
    const trusted = auditPlanParts(c, projectAll(c, tierView(c.site, 'trusted'), AT), new Map()).restricted;
    expect(fingerprintsKey(trusted)).not.toBe(fingerprintsKey(restricted));
    const trustedTable = await cachedFingerprints(cache, trusted, fingerprintsOf);
    expect(trustedTable.cached).toBe(false);
    expect(trustedTable.fingerprints.scan(tokenize(CANARY))).toEqual([]);
  });

  it('change their key with any text, source or allowed phrase', () => {
    const key = fingerprintsKey(restricted);
    const first = restricted.hidden[0]!;
    expect(fingerprintsKey({ ...restricted, hidden: [{ ...first, text: `${first.text}.` }, ...restricted.hidden.slice(1)] })).not.toBe(key);
    expect(fingerprintsKey({ ...restricted, hidden: [{ ...first, source: { ...first.source, line: (first.source.line ?? 0) + 1 } }, ...restricted.hidden.slice(1)] })).not.toBe(key);
    expect(fingerprintsKey({ ...restricted, visible: restricted.visible.slice(1) })).not.toBe(key);
    expect(fingerprintsKey({ ...restricted, allowed: [] })).not.toBe(key);
  });

  it('are made again when the kept entry is damaged', async () => {
    const { dir, store: cache } = await store();
    await cachedFingerprints(cache, restricted, fingerprintsOf);
    const entries = readdirSync(join(dir, 'v1', 'audit'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(entries).toHaveLength(1);
    writeFileSync(join(entries[0]!.parentPath, entries[0]!.name), 'damaged');
    const again = await cachedFingerprints(cache, restricted, fingerprintsOf);
    expect(again.cached).toBe(false);
    expect(observed(again.fingerprints, probe)).toEqual(observed(fingerprintsOf(restricted), probe));
  });
});
