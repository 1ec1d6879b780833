import { parseAtomFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { atomFeed, FEED_SIZE, feedEntries, jsonFeed, robotsTxt } from '../../src/export/feeds.ts';
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

describe('feed URLs, order and dates', () => {
  // Released 2025-07-22 17:00; the partner tier (24 h lead) has it the day before, while it has no public page.
  const EARLY = `${frontmatter('CTSA-2025-0001')}Body.\n`;

  it("name this bundle's own absolute URLs, never the public one, for an advisory not yet released", () => {
    const { content } = advisoryOf(EARLY);
    const { advisory, context } = projectedOf(EARLY, 'partner', '2025-07-22T00:00:00Z');
    const data = pageData({ site: content.site, tier: content.site.tiers[1]!, at: context.at, advisories: [advisory] });
    const page = 'https://security.contoso.example/partner/advisories/CTSA-2025-0001/';
    const atom = atomFeed(data);
    expect(atom).toContain(`<id>${page}</id>`);
    expect(atom).toContain(`<link rel="alternate" type="text/html" href="${page}"/>`);
    expect(atom).toContain('<link rel="self" type="application/atom+xml" href="https://security.contoso.example/partner/feed.xml"/>');
    const json = JSON.parse(jsonFeed(data));
    expect(json).toMatchObject({ home_page_url: 'https://security.contoso.example/partner/', feed_url: 'https://security.contoso.example/partner/feed.json' });
    expect(json.items[0]).toMatchObject({ id: page, url: page });
    expect(atom + jsonFeed(data)).not.toMatch(/https:\/\/security\.contoso\.example\/(?!partner\/)/);
    expect(robotsTxt(data)).toBe('User-agent: *\nDisallow: /partner/\n');
  });

  it('follow a bundle served at a URL of its own, path included', () => {
    const { content } = advisoryOf(EARLY);
    const { advisory, context } = projectedOf(EARLY, 'public', '2025-08-01T00:00:00Z');
    const data = pageData({ site: content.site, tier: content.site.tiers[0]!, at: context.at, advisories: [advisory], baseUrl: 'https://portal.fabrikam.example/contoso' });
    expect(data.base).toEqual({ url: 'https://portal.fabrikam.example/contoso/', path: '/contoso/' });
    expect(JSON.parse(jsonFeed(data)).items[0].id).toBe('https://portal.fabrikam.example/contoso/advisories/CTSA-2025-0001/');
    expect(robotsTxt(data)).toBe('User-agent: *\nAllow: /contoso/\n');
  });

  it('list the most recently updated first, and are updated when their newest entry is', () => {
    const { content } = advisoryOf(EARLY);
    const { advisory, context } = projectedOf(EARLY, 'public', '2026-01-01T00:00:00Z');
    const data = pageData({ site: content.site, tier: content.site.tiers[0]!, at: context.at, advisories: [advisory] });
    const one = data.advisories[0]!;
    // Released first but revised last, released later, released last: pages list by release, feeds by update.
    data.advisories = [
      { ...one, id: 'CTSA-2025-0003', date: '2025-09-01T00:00:00Z', updated: '2025-09-01T00:00:00Z' },
      { ...one, id: 'CTSA-2025-0002', date: '2025-08-01T00:00:00Z', updated: '2025-08-01T00:00:00Z' },
      { ...one, id: 'CTSA-2025-0001', date: '2025-07-22T17:00:00Z', updated: '2025-12-01T00:00:00Z' },
    ];
    expect(feedEntries(data).entries.map((entry) => entry.id)).toEqual(['CTSA-2025-0001', 'CTSA-2025-0003', 'CTSA-2025-0002']);
    expect(feedEntries(data).updated).toBe('2025-12-01T00:00:00Z');
    expect(atomFeed(data)).toMatch(/<feed[^]*?<updated>2025-12-01T00:00:00Z<\/updated>/);
    expect(JSON.parse(jsonFeed(data)).items.map((item: { id: string }) => item.id.split('/').at(-2))).toEqual(['CTSA-2025-0001', 'CTSA-2025-0003', 'CTSA-2025-0002']);
    // Without entries, the feed is as new as the build.
    expect(feedEntries({ ...data, advisories: [] }).updated).toBe(data.at);
  });

  it(`carry the ${FEED_SIZE} most recently updated advisories`, () => {
    const { content } = advisoryOf(EARLY);
    const { advisory, context } = projectedOf(EARLY, 'public', '2026-01-01T00:00:00Z');
    const data = pageData({ site: content.site, tier: content.site.tiers[0]!, at: context.at, advisories: [advisory] });
    const one = data.advisories[0]!;
    data.advisories = Array.from({ length: FEED_SIZE + 5 }, (_, i) => ({ ...one, id: `CTSA-2025-${String(i + 1).padStart(4, '0')}`, updated: new Date(Date.UTC(2025, 0, 1 + ((i * 7) % 60))).toISOString().replace('.000', '') }));
    const { entries, updated } = feedEntries(data);
    expect(entries).toHaveLength(FEED_SIZE);
    const cut = entries.at(-1)!.updated;
    for (const left of data.advisories.filter((a) => !entries.includes(a))) expect(left.updated <= cut).toBe(true);
    expect(updated).toBe(data.advisories.map((a) => a.updated).sort().at(-1));
  });
});

describe('the Atom feed as XML', () => {
  const EARLY = `${frontmatter('CTSA-2025-0001')}Body.\n`;
  const { content } = advisoryOf(EARLY);
  const { advisory, context } = projectedOf(EARLY, 'public', '2026-01-01T00:00:00Z');
  const data = pageData({ site: content.site, tier: content.site.tiers[0]!, at: context.at, advisories: [advisory] });

  it('reads back, through a feed parser, exactly the text it was given, markup-like characters and all', () => {
    // `]]>` may not stand in XML text; `<` and `&` must be escaped; quotes and `>` may stay.
    const title = 'Injection via "]]>" and <![CDATA[ in a <b>tag</b> & more ]]]>';
    const summary = 'Tom & Jerry\'s <script>alert(1)</script> "quoted" > end';
    const one = { ...data.advisories[0]!, title, summary, severity: 'high' as const, cves: ['CVE-2025-0001'] };
    const atom = atomFeed({ ...data, advisories: [one] });
    expect(atom.replace(/<!\[CDATA\[[^]*?\]\]>/g, '')).not.toContain(']]>');
    const feed = parseAtomFeed(atom);
    expect(feed.entries?.[0]?.title).toEqual({ type: 'text', value: `CTSA-2025-0001: ${title}` });
    expect(feed.entries?.[0]?.summary).toEqual({ type: 'text', value: summary });
    expect(feed.entries?.[0]?.categories?.map((category) => category.term)).toEqual(['high', 'CVE-2025-0001']);
  });

  it('is an XML declaration, then the feed with one element a line: feed metadata first, then its entries', () => {
    const atom = atomFeed(data);
    expect(atom.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <id>https://security.contoso.example/feed.xml</id>\n')).toBe(true);
    expect(atom.endsWith('  </entry>\n</feed>\n')).toBe(true);
    expect(atom.match(/^ *<[a-z]+/gm)?.map((tag) => tag.trim())).toEqual([
      '<feed', '<id', '<title', '<updated', '<author', '<name', '<link', '<link', '<generator',
      '<entry', '<id', '<title', '<link', '<published', '<updated', '<summary',
    ]);
  });
});
