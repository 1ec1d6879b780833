// The label of a passage the lowest tier does not receive is derived text of the bundles above that
// tier: there it is no leak, whatever withheld text says the same; in the lowest tier's bundle
// nothing explains it away.
import { describe, expect, it } from 'vitest';
import { PASSAGE_TEXT } from '../../src/render/labels.ts';
import { advisory, auditFiles, contentOf, fields, leaks, page, tierPlan } from './harness.ts';

const AT = '2025-12-01T00:00:00Z';
const LABEL = PASSAGE_TEXT.beyond('Partner', 'public');
const withheld = (tier: string) =>
  contentOf({
    'CTSA-2025-0001': advisory(
      fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'),
      `Everyone reads this.\n\n:::tier{min=${tier}}\nMark it ${LABEL} and above all keep it to yourself.\n:::\n`,
    ),
  });
const labelled = page(`<div class="gate gate-partner" data-gate-tier="partner"><p class="gate-label" data-pagefind-ignore>${LABEL}</p><p>Partner text.</p></div>`);

describe('passage labels in the audit', () => {
  it('are not a leak in a bundle above the lowest tier, though withheld text says the same words', async () => {
    const result = await auditFiles(tierPlan(withheld('trusted'), 'partner', AT), { 'advisories/CTSA-2025-0001/index.html': labelled });
    expect(leaks(result)).toEqual([]);
  });

  it('are not explained in the lowest tier, where no page may show them', async () => {
    const result = await auditFiles(tierPlan(withheld('partner'), 'public', AT), { 'advisories/CTSA-2025-0001/index.html': labelled });
    expect(leaks(result).length).toBeGreaterThan(0);
  });
});
