// content/audit-allow.yaml: reviewed phrases of withheld text that bundles may hold, checked with the content.
import { describe, expect, it } from 'vitest';
import { ledgerLine, type LedgerEntry } from '../../src/partners/ledger.ts';
import { validateContent } from '../../src/core/validate/content.ts';
import { files, SITE_YAML } from '../helpers/content.ts';
import { advisory, auditFiles, contentOf, fields, leaks, page, tierPlan } from './harness.ts';

const AT = '2025-12-01T00:00:00Z';
const LATER = '2026-04-14T17:00:00Z';
const ADVISORIES = {
  'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z')),
  'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), '## Reproduction steps\n\nRestore a file from quarantine.\n\n:::poc\nThe pipe server prints {{mark}} first.\n:::\n'),
  'CTSA-2026-0002': advisory(fields('CTSA-2026-0002', LATER), '## Reproduction steps\n\nOpen the console.\n'),
};
const entry = (phrase: string, id = 'CTSA-2026-0001', extra = '') =>
  `  - phrase: ${phrase}\n    advisory: ${id}\n    allowed_by: Jane Doe (PSIRT lead)\n    reason: A heading the page template may also write.\n${extra}`;
const problemsWith = (allow: string) =>
  validateContent(
    files(
      Object.fromEntries(Object.entries(ADVISORIES).map(([id, text]) => [`advisories/${id.split('-')[1]}/${id}.md`, text])),
      { site: SITE_YAML, auditAllow: allow },
    ),
  ).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field ? `${p.field}: ` : ''}${p.message}`);

describe('validating audit-allow.yaml', () => {
  it('accepts entries whose phrase is in their advisory, and keeps them with the content', () => {
    expect(problemsWith(`allow:\n${entry('Reproduction steps')}`)).toEqual([]);
    expect(contentOf(ADVISORIES, { auditAllow: `allow:\n${entry('Reproduction steps')}` }).auditAllow).toEqual([
      { phrase: 'Reproduction steps', advisory: 'CTSA-2026-0001', allowed_by: 'Jane Doe (PSIRT lead)', reason: 'A heading the page template may also write.' },
    ]);
  });

  it('refuses an unknown advisory, at its line and column', () => {
    expect(problemsWith(`allow:\n${entry('Reproduction steps', 'CTSA-2026-0099')}`)).toEqual([
      'content/audit-allow.yaml:3:15: allow[0].advisory: unknown advisory CTSA-2026-0099',
    ]);
  });

  it('refuses a phrase its advisory does not hold (an entry that could never apply), whatever the build instant', () => {
    expect(problemsWith(`allow:\n${entry('Reproduction steps', 'CTSA-2025-0001')}`)).toEqual([
      'content/audit-allow.yaml:2:13: allow[0].phrase: does not occur in the text of CTSA-2025-0001: the entry would never apply; correct the phrase or remove the entry',
    ]);
    // Across a {{mark}}, which no fingerprint spans.
    expect(problemsWith(`allow:\n${entry('prints mark first')}`)).toHaveLength(1);
  });

  it('refuses an entry listed twice, however it is spelled', () => {
    expect(problemsWith(`allow:\n${entry('Reproduction steps')}${entry('reproduction  STEPS')}`)).toEqual([
      'content/audit-allow.yaml:6:5: allow[1]: duplicate of allow[0] (the same phrase of CTSA-2026-0001)',
    ]);
  });

  it('requires every field, non-empty, and no others', () => {
    const problems = problemsWith('allow:\n  - phrase: Reproduction steps\n    advisory: CTSA-2026-0001\n    allowed_by: " "\n    reviewed: yes\n');
    expect(problems).toEqual([
      'content/audit-allow.yaml:2:5: allow[0]: missing required field "reason"',
      'content/audit-allow.yaml:4:17: allow[0].allowed_by: must not be empty, found " "',
      expect.stringMatching(/^content\/audit-allow\.yaml:5:5: allow\[0\]\.reviewed: unknown field "reviewed"; expected one of phrase, advisory, allowed_by, reason/),
    ]);
  });
});

describe('applying audit-allow.yaml', () => {
  const html = { 'advisories/CTSA-2025-0001/index.html': page('<h2>Reproduction steps</h2><p>Restore a file from quarantine.</p>') };

  it('without an entry, the withheld phrase in a bundle is a finding', async () => {
    const result = await auditFiles(tierPlan(contentOf(ADVISORIES), 'public', AT), html);
    expect(leaks(result).join('\n')).toMatch(/CTSA-2026-0001 \(advisory not yet visible\): reproduction steps/);
  });

  it("drops the phrase's windows from its advisory's fingerprints and records the entry in the plan", async () => {
    const content = contentOf(ADVISORIES, { auditAllow: `allow:\n${entry('Reproduction steps')}${entry('Restore a file from quarantine')}` });
    const plan = tierPlan(content, 'public', AT);
    const result = await auditFiles(plan, html);
    // The same heading of CTSA-2026-0002 is not allowed: only the advisory an entry names is.
    expect(leaks(result)).toEqual([expect.stringMatching(/CTSA-2026-0002 \(advisory not yet visible\): reproduction steps$/)]);
    expect(plan.allowed.map((allowed) => allowed.phrase)).toEqual(['Reproduction steps', 'Restore a file from quarantine']);
  });

  it('records nothing for a view that sees the phrase', () => {
    const content = contentOf(ADVISORIES, { auditAllow: `allow:\n${entry('Reproduction steps')}` });
    expect(tierPlan(content, 'public', '2026-05-01T00:00:00Z').allowed).toEqual([]);
  });

  it('is written into the ledger line of a partner bundle whose audit applied it', () => {
    const allowed = contentOf(ADVISORIES, { auditAllow: `allow:\n${entry('Reproduction steps')}` }).auditAllow;
    const base: LedgerEntry = { at: AT, partner: 'p', name: 'P', tier: 'trusted', withheld: [], bundle: 'b', delivery: 'partners/p.tar', advisories: [], marked: {} };
    expect(JSON.parse(ledgerLine({ ...base, audit_allowed: allowed })).audit_allowed).toEqual(allowed);
    expect(ledgerLine(base)).not.toContain('audit_allowed');
  });
});
