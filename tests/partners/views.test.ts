import { describe, expect, it } from 'vitest';
import { partnerView, viewKey } from '../../src/core/project/partner-view.ts';
import { tierView } from '../../src/core/project/view.ts';
import { files, frontmatter, validContent } from '../helpers/content.ts';

const PARTNERS = `groups:
  restricted-jurisdiction:
    max_tier: partner
    withhold: [poc]
    max_lead: 0h
  slow:
    max_lead: 12h
partners:
  - { id: plain, name: Plain, tier: trusted }
  - { id: capped, name: Capped, tier: trusted, groups: [restricted-jurisdiction] }
  - { id: both, name: Both, tier: trusted, groups: [restricted-jurisdiction, slow], withhold: [internal] }
  - { id: nopoc, name: No PoC, tier: trusted, withhold: [poc] }
`;
const content = validContent(files({ 'advisories/2025/CTSA-2025-0001.md': frontmatter() }, { partners: PARTNERS }));
const view = (id: string) => partnerView(content.site, content.partners, content.partners.partners.find((p) => p.id === id)!);

describe('partner views (docs/format.md#partnersyaml)', () => {
  it('is the tier view for a partner without groups or withheld classes, and shares its render', () => {
    expect(view('plain')).toMatchObject({ id: 'plain', rank: 2, withhold: [] });
    expect(viewKey(view('plain'))).toBe(viewKey(tierView(content.site, 'trusted')));
  });

  it("caps the tier at a group's max_tier, withholds its classes and limits the lead", () => {
    expect(view('capped')).toMatchObject({ rank: 1, tier: { id: 'partner' }, withhold: ['poc'], maxLead: 0 });
    expect(viewKey(view('capped'))).toBe('partner~without~poc~lead~0h');
  });

  it('combines several groups: the lowest cap, every withheld class, the shortest lead', () => {
    expect(view('both')).toMatchObject({ rank: 1, withhold: ['internal', 'poc'], maxLead: 0 });
  });

  it('gives views that see different content different keys', () => {
    const keys = ['plain', 'capped', 'both', 'nopoc'].map((id) => viewKey(view(id)));
    expect(new Set(keys).size).toBe(4);
  });

  it('keeps views apart whose ids only differ in where the dashes are', () => {
    const trusted = tierView(content.site, 'trusted');
    const keys = [
      { ...trusted, withhold: ['a', 'b'] },
      { ...trusted, withhold: ['a-b'] },
      { ...trusted, withhold: ['x'], maxLead: 0 },
      { ...trusted, withhold: ['x-lead-0h'] },
    ].map(viewKey);
    expect(new Set(keys).size).toBe(4);
  });
});
