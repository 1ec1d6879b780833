import type { PageData } from '../render/stage.ts';
import { EXPORT_TEXT } from './labels.ts';

/** How many advisories a feed carries, newest first. */
export const FEED_SIZE = 50;

/**
 * The feeds' view of a bundle: entry ids are stable URLs under the site's
 * canonical base; links are absolute for the public (CLEAR) tier and
 * root-relative elsewhere, since a restricted tier's host is not known.
 */
function urls(data: PageData) {
  const base = data.site.url.replace(/\/$/, '');
  const prefix = data.isPublic ? base : '';
  return {
    id: (advisoryId: string) => `${base}/advisories/${advisoryId}/`,
    link: (path: string) => `${prefix}${path}`,
  };
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Atom 1.0 (RFC 4287) feed of the newest advisories with their summaries, as plain text. */
export function atomFeed(data: PageData): string {
  const { id, link } = urls(data);
  const label = data.tier.tlp === 'CLEAR' ? '' : ` [TLP:${data.tier.tlp}]`;
  const entries = data.advisories.slice(0, FEED_SIZE).map(
    (advisory) => `  <entry>
    <id>${xml(id(advisory.id))}</id>
    <title type="text">${xml(EXPORT_TEXT.entryTitle(advisory.id, advisory.title))}</title>
    <link rel="alternate" type="text/html" href="${xml(link(`/advisories/${advisory.id}/`))}"/>
    <published>${advisory.date}</published>
    <updated>${advisory.updated}</updated>
    <summary type="text">${xml(advisory.summary)}</summary>
${[advisory.severity ? `    <category term="${advisory.severity}" label="${EXPORT_TEXT.severityCategory}"/>\n` : '', ...advisory.cves.map((cve) => `    <category term="${xml(cve)}" label="${EXPORT_TEXT.cveCategory}"/>\n`)].join('')}  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${data.site.url.replace(/\/$/, '')}/feed.xml#${data.tier.id}`)}</id>
  <title type="text">${xml(data.site.title + label)}</title>
  <updated>${data.at}</updated>
  <author><name>${xml(data.publisher.name)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(link('/feed.xml'))}"/>
  <link rel="alternate" type="text/html" href="${xml(link('/'))}"/>
  <generator>Tierpress</generator>
${entries.join('\n')}
</feed>
`;
}

/** JSON Feed 1.1 of the newest advisories; summaries as plain text, never HTML. */
export function jsonFeed(data: PageData): string {
  const { id, link } = urls(data);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: data.tier.tlp === 'CLEAR' ? data.site.title : `${data.site.title} [TLP:${data.tier.tlp}]`,
    home_page_url: link('/'),
    feed_url: link('/feed.json'),
    authors: [{ name: data.publisher.name }],
    language: 'en',
    items: data.advisories.slice(0, FEED_SIZE).map((advisory) => ({
      id: id(advisory.id),
      url: link(`/advisories/${advisory.id}/`),
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

/** The public tier may be crawled; every other tier disallows everything. */
export function robotsTxt(data: PageData): string {
  return data.isPublic ? 'User-agent: *\nAllow: /\n' : 'User-agent: *\nDisallow: /\n';
}
