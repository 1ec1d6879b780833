// Passages the lowest tier does not receive are labelled in the bundles above it, and only there:
// Markdown in, each tier's page data out; the projection names the overlay a title came from; the
// audit's vocabulary holds the labels' words for the bundles that show them.
import { describe, expect, it } from 'vitest';
import { derivedTexts, templateTexts } from '../../src/audit/vocabulary.ts';
import { project } from '../../src/core/project/project.ts';
import { tierView } from '../../src/core/project/view.ts';
import { PASSAGE_TEXT } from '../../src/render/labels.ts';
import { inSentence, passageLabel } from '../../src/render/passages.ts';
import { pageData } from '../../src/render/stage.ts';
import { advisoryOf, frontmatter, TIERS } from '../helpers/content.ts';

const AT = Date.parse('2026-01-01T00:00:00Z');
const PARTNER_LABEL = 'Partner and above — not in the public advisory';
const TRUSTED_LABEL = 'Trusted partner and above — not in the public advisory';

const text = `${frontmatter('CTSA-2025-0001', `tiers:
  public:
    summary: The summary everyone reads.
  partner:
    title: The title partners read
    notes: A note for partners.
`)}
Everyone reads this.

:::tier{min=partner}
Only partners and above read this.
:::

:::tier{min=public}
A gate the public tier receives too.
:::

The request :poc[carries a crafted header and] reaches the parser.
`;
const { advisory, content } = advisoryOf(text);

/** One tier's page data for the advisory, as its render makes it. */
const pageOf = (tier: (typeof TIERS)[number], lead?: 'always') => {
  const view = tierView(content.site, tier);
  const tierConfig = lead ? { ...view.tier, lead } : view.tier;
  const data = pageData({ site: content.site, tier: tierConfig, at: '2026-01-01T00:00:00Z', advisories: [project(advisory, view, AT)!] });
  return data.advisories[0]!;
};

describe('passage labels', () => {
  it('name the least tier that receives a passage, and none for what the lowest tier receives', () => {
    const tiers = { lowest: 'public', names: { public: 'Public', partner: 'Partner', trusted: 'Trusted partner' } };
    expect(passageLabel('partner', tiers)).toBe(PARTNER_LABEL);
    expect(passageLabel('trusted', tiers)).toBe(TRUSTED_LABEL);
    expect(passageLabel('public', tiers)).toBeUndefined();
    expect(passageLabel(undefined, tiers)).toBeUndefined();
    expect(inSentence('Public')).toBe('public');
    expect(inSentence('TLP Clear')).toBe('TLP Clear');
  });

  it('never appear on the lowest tier: no frame, no label, not even the review frame of a tier that sees everything', () => {
    for (const html of [pageOf('public').bodyHtml, pageOf('public', 'always').bodyHtml]) {
      expect(html).not.toContain('class="gate');
      expect(html).not.toContain('data-gate');
      expect(html).not.toContain(' and above');
      expect(html).toContain('<p>A gate the public tier receives too.</p>');
    }
  });

  it('frame a gate above the lowest tier, block and inline, with a label search does not index', () => {
    const partner = pageOf('partner').bodyHtml;
    expect(partner).toContain(`<div class="gate gate-partner" data-gate="tier" data-gate-tier="partner"><p class="gate-label" data-pagefind-ignore="">${PARTNER_LABEL}</p><p>Only<span data-pagefind-ignore="">@@TPPROSE:CTSA-2025-0001@@</span> partners and above read this.</p></div>`);
    // What the lowest tier receives too is written as it is, without a frame.
    expect(partner).toContain('<p>A gate the public tier receives too.</p>');
    expect(partner).toMatch(/<p>The request +reaches the parser\.<\/p>/);
    const trusted = pageOf('trusted').bodyHtml;
    expect(trusted).toContain(`<p>The request <span class="gate gate-trusted" data-gate="poc" data-gate-tier="trusted"><span class="gate-label" data-pagefind-ignore="">${TRUSTED_LABEL}</span> carries a crafted header and</span> reaches the parser.</p>`);
  });

  it('frame every gate in the review view, those the lowest tier receives with their tier only', () => {
    const internal = pageOf('internal').bodyHtml;
    expect(internal).toContain(`<p class="gate-label" data-pagefind-ignore="">${PARTNER_LABEL}</p>`);
    expect(internal).toContain(`<div class="gate gate-public" data-gate="tier" data-gate-tier="public"><p class="gate-label" data-pagefind-ignore="">Public and above</p><p>A gate the public tier receives too.</p></div>`);
  });

  it('come from the projection for a title or summary an overlay gave: the tier of that overlay', () => {
    expect(pageOf('public').overlaid).toEqual({ summary: 'public' });
    expect(pageOf('partner').overlaid).toEqual({ title: 'partner', summary: 'public' });
    expect(pageOf('partner').notes.map((note) => note.tier)).toEqual(['partner']);
  });

  it('are words of the audit vocabulary of the bundles above the lowest tier only', () => {
    const pieces = templateTexts(PASSAGE_TEXT);
    expect(pieces).toContain(' and above — not in the ');
    const vocabulary = (tier: string) => derivedTexts(content.site, tierView(content.site, tier), []);
    for (const piece of pieces) {
      expect(vocabulary('public')).not.toContain(piece);
      expect(vocabulary('partner')).toContain(piece);
    }
  });
});
