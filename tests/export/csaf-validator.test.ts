import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import { describe, expect, it } from 'vitest';
import names from '../../src/export/csaf/cwe-names.json' with { type: 'json' };
import { csafDocumentPaths, csafProviderFiles } from '../../src/export/csaf/provider.ts';
import { exampleContent, projectTiers, rustsecContent, type TierExport } from '../helpers/exports.ts';
import { csafProblems } from '../helpers/validators.ts';

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

describe('CSAF documents against @secvisogram/csaf-validator-lib (strict schema and every mandatory test)', () => {
  it('every document of every tier of the example content is valid', async () => {
    const { checked, problems } = await failures(projectTiers(await exampleContent()));
    expect(checked).toBe(27 + 28 + 29 + 31);
    expect(problems).toEqual({});
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
