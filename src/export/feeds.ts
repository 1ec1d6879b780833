import type { PageAdvisory, PageData } from '../render/stage.ts';
import { siteUrl } from '../render/urls.ts';
import { EXPORT_TEXT } from './labels.ts';

/** How many advisories a feed carries: the most recently updated. */
export const FEED_SIZE = 50;

/**
 * What a feed of a bundle lists: its most recently updated advisories, newest
 * update first (then by id, so equal instants keep one order), and the
 * instant the feed was last updated, that of its newest entry (the build
 * instant when it has none), so never older than any entry and the same for
 * the same content whenever it is built.
 */
export function feedEntries(data: PageData): { entries: PageAdvisory[]; updated: string } {
  const entries = [...data.advisories]
    .sort((a, b) => (a.updated === b.updated ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.updated < b.updated ? 1 : -1))
    .slice(0, FEED_SIZE);
  return { entries, updated: entries[0]?.updated ?? data.at };
}

/**
 * The feeds' URLs, all absolute and below the bundle's own URL: an entry's id
 * is the URL of its page in this bundle (a partner's feed never names a
 * public URL, which an advisory not yet released does not have).
 */
function urls(data: PageData) {
  return {
    page: (advisoryId: string) => siteUrl(data.base, `advisories/${advisoryId}/`),
    url: (path: string) => siteUrl(data.base, path),
  };
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Atom 1.0 (RFC 4287) feed of the newest advisories with their summaries, as plain text. */
export function atomFeed(data: PageData): string {
  const { page, url } = urls(data);
  const label = data.tier.tlp === 'CLEAR' ? '' : ` [TLP:${data.tier.tlp}]`;
  const { entries: listed, updated } = feedEntries(data);
  const entries = listed.map(
    (advisory) => `  <entry>
    <id>${xml(page(advisory.id))}</id>
    <title type="text">${xml(EXPORT_TEXT.entryTitle(advisory.id, advisory.title))}</title>
    <link rel="alternate" type="text/html" href="${xml(page(advisory.id))}"/>
    <published>${advisory.date}</published>
    <updated>${advisory.updated}</updated>
    <summary type="text">${xml(advisory.summary)}</summary>
${[advisory.severity ? `    <category term="${advisory.severity}" label="${EXPORT_TEXT.severityCategory}"/>\n` : '', ...advisory.cves.map((cve) => `    <category term="${xml(cve)}" label="${EXPORT_TEXT.cveCategory}"/>\n`)].join('')}  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(url('feed.xml'))}</id>
  <title type="text">${xml(data.site.title + label)}</title>
  <updated>${updated}</updated>
  <author><name>${xml(data.publisher.name)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(url('feed.xml'))}"/>
  <link rel="alternate" type="text/html" href="${xml(url(''))}"/>
  <generator>Tierpress</generator>
${entries.join('\n')}
</feed>
`;
}

/** JSON Feed 1.1 of the newest advisories; summaries as plain text, never HTML. */
export function jsonFeed(data: PageData): string {
  const { page, url } = urls(data);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: data.tier.tlp === 'CLEAR' ? data.site.title : `${data.site.title} [TLP:${data.tier.tlp}]`,
    home_page_url: url(''),
    feed_url: url('feed.json'),
    authors: [{ name: data.publisher.name }],
    language: 'en',
    items: feedEntries(data).entries.map((advisory) => ({
      id: page(advisory.id),
      url: page(advisory.id),
      title: EXPORT_TEXT.entryTitle(advisory.id, advisory.title),
      summary: advisory.summary,
      content_text: advisory.summary,
      date_published: advisory.date,
      date_modified: advisory.updated,
      tags: [...(advisory.severity ? [EXPORT_TEXT.severityTag(advisory.severity)] : []), ...advisory.cves],
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/**
 * The public tier may be crawled; every other tier disallows everything below
 * its path. Crawlers read robots.txt only at the root of a host: a bundle
 * served below a path relies on its pages' noindex, or on the host's own file.
 */
export function robotsTxt(data: PageData): string {
  return data.isPublic ? `User-agent: *\nAllow: ${data.base.path}\n` : `User-agent: *\nDisallow: ${data.base.path}\n`;
}
