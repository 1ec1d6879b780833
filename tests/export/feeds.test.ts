import { describe, expect, it } from 'vitest';
import { atomFeed, jsonFeed } from '../../src/export/feeds.ts';
import { pageData } from '../../src/render/stage.ts';
import { advisoryOf, frontmatter } from '../helpers/content.ts';
import { projectedOf } from '../helpers/exports.ts';

// Released in July, revised once in August, withdrawn in October: the withdrawal is the last update.
const TEXT = `${frontmatter(
  'CTSA-2025-0001',
  `revisions:\n  - date: 2025-08-01T00:00:00Z\n    summary: Fixed versions corrected.\nwithdrawn:\n  at: 2025-10-01T09:00:00Z\n  reason: Not a vulnerability.\n`,
)}Body.\n`;

describe('feeds', () => {
  it('date a withdrawn advisory by its withdrawal, the last change a reader must see', () => {
    const { content } = advisoryOf(TEXT);
    const { advisory, context } = projectedOf(TEXT, 'public', '2025-11-01T00:00:00Z');
    const data = pageData({ site: content.site, tier: content.site.tiers[0]!, at: context.at, advisories: [advisory] });
    expect(data.advisories[0]!.updated).toBe('2025-10-01T09:00:00Z');
    expect(atomFeed(data)).toContain('<updated>2025-10-01T09:00:00Z</updated>');
    expect(JSON.parse(jsonFeed(data)).items[0].date_modified).toBe('2025-10-01T09:00:00Z');
  });
});
