import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import { describe, expect, it } from 'vitest';
import names from '../../src/export/csaf/cwe-names.json' with { type: 'json' };
import { csafDocumentPaths, csafProviderFiles } from '../../src/export/csaf/provider.ts';
import { exampleContent, projectTiers, rustsecContent, type TierExport } from '../helpers/exports.ts';
import { readVersionText } from '../../src/export/csaf/vers.ts';
import { csafProblems, csafWarnings } from '../helpers/validators.ts';

/** Every CSAF document of a tier's export, parsed, by path. */
function documentsOf({ advisories, context }: TierExport): Array<[string, unknown]> {
  const files = csafProviderFiles(advisories, context);
  return csafDocumentPaths(files).map((path) => [path, JSON.parse(files.find((file) => file.path === path)!.content)]);
}

/** Runs the validator on every document of every tier; returns the failures by path, for a message that names them. */
async function failures(tiers: readonly TierExport[]): Promise<{ checked: number; problems: Record<string, string[]> }> {
  const problems: Record<string, string[]> = {};
  let checked = 0;
  for (const tier of tiers) {
    for (const [path, document] of documentsOf(tier)) {
      checked += 1;
      const found = await csafProblems(document);
      if (found.length > 0) problems[`${tier.tier}: ${path}`] = found;
    }
  }
  return { checked, problems };
}

/**
 * The optional-test warnings of every document of every tier that have no
 * reason the README gives, by path; and how many warnings there were. The
 * reasons: a product the advisory gives no purl has no identification helper
 * (6.2.16); a range text that is no comparison keeps its words (6.2.18); an
 * advisory with no CVSS 2.0 or 3.x vector has no score CSAF 2.0 can hold (6.2.3).
 */
async function unexplainedWarnings(tiers: readonly TierExport[]): Promise<{ warnings: number; unexplained: Record<string, string[]> }> {
  const unexplained: Record<string, string[]> = {};
  let warnings = 0;
  for (const tier of tiers) {
    const byId = new Map(tier.advisories.map((advisory) => [advisory.id, advisory]));
    for (const [path, document] of documentsOf(tier) as Array<[string, any]>) {
      const advisory = byId.get(document.document.tracking.id)!;
      const found = await csafWarnings(document);
      warnings += found.length;
      const left = found.filter((warning) => {
        const [test, pointer] = warning.split(' ') as [string, string];
        const at = (pointer.replace(/:$/, '').split('/').slice(1) as string[]).reduce((node: any, key) => node?.[key], document);
        if (test === 'optionalTest_6_2_3') return advisory.cvss.some((vector) => vector.version !== '4.0');
        if (test === 'optionalTest_6_2_16') {
          const productName = (pointer.split('/').slice(1, 6) as string[]).reduce((node: any, key) => node?.[key], document)?.name;
          return advisory.products.some((product) => product.name === productName && product.purl !== undefined);
        }
        if (test === 'optionalTest_6_2_18') return readVersionText(at?.name ?? '', 'generic').kind !== 'text';
        return true;
      });
      if (left.length > 0) unexplained[`${tier.tier}: ${path}`] = left;
    }
  }
  return { warnings, unexplained };
}

describe('CSAF documents against @secvisogram/csaf-validator-lib (strict schema, every mandatory test, the optional tests)', () => {
  it('every document of every tier of the example content is valid', async () => {
    const { checked, problems } = await failures(projectTiers(await exampleContent()));
    expect(checked).toBe(27 + 28 + 29 + 31);
    expect(problems).toEqual({});
  });

  it('the optional tests warn about nothing in the example content but what the README explains', async () => {
    const { warnings, unexplained } = await unexplainedWarnings(projectTiers(await exampleContent()));
    expect(unexplained).toEqual({});
    // 6.2.3 for the four advisories scored with CVSS 4.0 only, 6.2.16 for three products without purl, 6.2.18 for two range texts.
    expect(warnings).toBe(36 + 22 + 12);
  });

  it('the optional tests warn about nothing in the RustSec advisories but what the README explains', async () => {
    const { unexplained } = await unexplainedWarnings(projectTiers(await rustsecContent(), '2100-01-01T00:00:00Z'));
    expect(unexplained).toEqual({});
  });

  it('every document of the 80 real RustSec advisories is valid in every tier, drafts and embargoes long past', async () => {
    const { checked, problems } = await failures(projectTiers(await rustsecContent(), '2100-01-01T00:00:00Z'));
    expect(checked).toBe(4 * 80);
    expect(problems).toEqual({});
  });

  it('the validator is live: a wrong CWE name, a wrong score and an unknown key each fail', async () => {
    const [tier] = projectTiers(await exampleContent());
    const [, document] = documentsOf(tier!).find(([path]) => path.endsWith('ctsa-2024-0006.json'))!;
    const broken = structuredClone(document) as { document: Record<string, unknown>; vulnerabilities: Array<Record<string, any>> };
    broken.vulnerabilities[0]!.cwe = { id: 'CWE-79', name: 'XSS' };
    broken.vulnerabilities[0]!.scores[0].cvss_v3.baseScore = 1.1;
    broken.document.unknown = true;
    const problems = await csafProblems(broken);
    expect(problems.some((problem) => problem.startsWith('mandatoryTest_6_1_11 '))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('mandatoryTest_6_1_9 '))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('csaf_2_0_strict '))).toBe(true);
  });

  it('the CWE names shipped for CSAF are the catalogue the validator checks (regenerate cwe-names.json on upgrade)', () => {
    expect(names).toEqual(Object.fromEntries(weaknesses.map((weakness) => [weakness.id, weakness.name])));
  });
});
