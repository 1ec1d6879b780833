import { describe, expect, it } from 'vitest';
import { csafProviderFiles } from '../../src/export/csaf/provider.ts';
import type { ExportFile } from '../../src/export/file.ts';
import { osvFiles } from '../../src/export/osv.ts';
import { frontmatter } from '../helpers/content.ts';
import { gatedLines } from '../helpers/restricted.ts';
import { exampleContent, projectedOf, projectTiers, rustsecContent, type TierExport } from '../helpers/exports.ts';

/** Every file both exporters write for one tier. */
const exportsOf = ({ advisories, context }: TierExport): ExportFile[] => [...csafProviderFiles(advisories, context), ...osvFiles(advisories, context)];
const containing = (files: readonly ExportFile[], needle: string) => files.filter((file) => file.content.includes(needle)).map((file) => file.path);

describe('nothing leaks down into the exports', () => {
  const POC = 'CANARY-POC-7f3a9c';
  const PARTNER = 'CANARY-PARTNER-91bd2e';
  const overlay = `tiers:
  partner:
    title: Partner title ${PARTNER}-title
    summary: Partner summary ${PARTNER}-summary
    notes: Partner note ${PARTNER}-note.
    references:
      - url: https://partners.contoso.example/${PARTNER}-reference
        type: detection
`;
  const text = `${frontmatter('CTSA-2025-0001', overlay)}Public text.

:::poc
Run the probe ${POC}-body with marker {{mark}}.
:::

Inline :poc[${POC}-inline] text.
`;
  const files = (tier: string) => {
    const { advisory, context } = projectedOf(text, tier);
    return [...csafProviderFiles([advisory], context), ...osvFiles([advisory], context)];
  };

  it.each(['body', 'inline'])('the PoC canary (%s) is in no public or partner file, and in the trusted ones', (where) => {
    expect(containing(files('public'), `${POC}-${where}`)).toEqual([]);
    expect(containing(files('partner'), `${POC}-${where}`)).toEqual([]);
    expect(containing(files('trusted'), `${POC}-${where}`)).toEqual(['.well-known/csaf/amber/2025/ctsa-2025-0001.json', 'osv/CTSA-2025-0001.json']);
  });

  it.each(['title', 'summary', 'note', 'reference'])('the partner overlay canary (%s) is in no public file, and in the partner ones', (where) => {
    expect(containing(files('public'), `${PARTNER}-${where}`)).toEqual([]);
    expect(containing(files('partner'), `${PARTNER}-${where}`).length).toBeGreaterThan(0);
  });

  it('no file of any tier carries {{mark}} itself', () => {
    for (const tier of ['public', 'partner', 'trusted', 'internal']) expect(containing(files(tier), '{{mark}}')).toEqual([]);
  });

  it('no PoC line of the example content reaches a public or partner export; the trusted export has them', async () => {
    const content = await exampleContent();
    const poc = gatedLines(content, (gate) => gate.name === 'poc');
    expect(poc.length).toBeGreaterThan(10);
    const tiers = projectTiers(content);
    for (const tier of tiers.filter((candidate) => candidate.tier === 'public' || candidate.tier === 'partner')) {
      const exported = exportsOf(tier);
      expect(poc.filter((line) => containing(exported, line).length > 0)).toEqual([]);
    }
    // Positive control: the same search finds PoC lines where the tier may see them.
    const trusted = exportsOf(tiers.find((candidate) => candidate.tier === 'trusted')!);
    expect(poc.filter((line) => containing(trusted, line).length > 0).length).toBeGreaterThan(poc.length / 2);
  });

  it('no partner overlay of the example content reaches a public export', async () => {
    const content = await exampleContent();
    const overlays = content.advisories.flatMap((advisory) => {
      const overlay = advisory.fields.tiers.partner;
      return overlay ? [overlay.title, overlay.summary, ...(overlay.references ?? []).map((reference) => reference.url)] : [];
    });
    const canaries = overlays.filter((value): value is string => value !== undefined && value.length >= 20 && /^[\w .,:;=/()-]+$/.test(value));
    expect(canaries.length).toBeGreaterThan(0);
    const exported = exportsOf(projectTiers(content).find((tier) => tier.tier === 'public')!);
    expect(canaries.filter((canary) => containing(exported, canary).length > 0)).toEqual([]);
  });

  it('in the real RustSec data, no PARTNERNOTE and no PoC line reaches a public export', async () => {
    const content = await rustsecContent();
    const tiers = projectTiers(content, '2100-01-01T00:00:00Z');
    const exported = exportsOf(tiers.find((tier) => tier.tier === 'public')!);
    expect(containing(exported, 'PARTNERNOTE-')).toEqual([]);
    const poc = gatedLines(content, (gate) => gate.name === 'poc');
    expect(poc.filter((line) => containing(exported, line).length > 0)).toEqual([]);
    expect(containing(exportsOf(tiers.find((tier) => tier.tier === 'partner')!), 'PARTNERNOTE-').length).toBeGreaterThan(0);
  });
});
