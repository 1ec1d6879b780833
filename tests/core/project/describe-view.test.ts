import { describe, expect, it } from 'vitest';
import { describeView } from '../../../src/core/project/describe-view.ts';
import { partnerView } from '../../../src/core/project/partner-view.ts';
import { tierView } from '../../../src/core/project/view.ts';
import { files, frontmatter, validContent } from '../../helpers/content.ts';

const PARTNERS = `groups:
  restricted-jurisdiction:
    max_tier: partner
    withhold: [poc]
    max_lead: 0h
  slow:
    max_lead: 12h
partners:
  - { id: capped, name: Capped, tier: trusted, groups: [restricted-jurisdiction] }
  - { id: both, name: Both, tier: trusted, groups: [slow], withhold: [internal, poc] }
`;
const content = validContent(files({ 'advisories/2025/CTSA-2025-0001.md': frontmatter() }, { partners: PARTNERS }));
const partner = (id: string) => partnerView(content.site, content.partners, content.partners.partners.find((p) => p.id === id)!);

describe('describeView', () => {
  it('names a view by its tier, the classes it never gets and its lead, in words', () => {
    expect(describeView(tierView(content.site, 'public'))).toBe('public view');
    expect(describeView(partner('capped'))).toBe('partner view without PoC, no lead');
    expect(describeView(partner('both'))).toBe('trusted view without internal and PoC, lead at most 12h');
  });
});
