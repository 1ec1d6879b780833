import type { Element, ElementContent, Instruction } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
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

/** Atom 1.0 (RFC 4287) feed of the newest advisories with their summaries, as plain text. */
export function atomFeed(data: PageData): string {
  const { page, url } = urls(data);
  const label = data.tier.tlp === 'CLEAR' ? '' : ` [TLP:${data.tier.tlp}]`;
  const { entries, updated } = feedEntries(data);
  // Attributes are never left out: xastscript would take a first child element for them.
  const feed = x(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom' },
    x('id', text(url('feed.xml'))),
    x('title', { type: 'text' }, text(data.site.title + label)),
    x('updated', updated),
    x('author', {}, x('name', text(data.publisher.name))),
    x('link', { rel: 'self', type: 'application/atom+xml', href: url('feed.xml') }),
    x('link', { rel: 'alternate', type: 'text/html', href: url('') }),
    x('generator', 'Tierpress'),
    entries.map((advisory) =>
      x(
        'entry',
        {},
        x('id', text(page(advisory.id))),
        x('title', { type: 'text' }, text(EXPORT_TEXT.entryTitle(advisory.id, advisory.title))),
        x('link', { rel: 'alternate', type: 'text/html', href: page(advisory.id) }),
        x('published', advisory.date),
        x('updated', advisory.updated),
        x('summary', { type: 'text' }, text(advisory.summary)),
        advisory.severity ? x('category', { term: advisory.severity, label: EXPORT_TEXT.severityCategory }) : undefined,
        advisory.cves.map((cve) => x('category', { term: cve, label: EXPORT_TEXT.cveCategory })),
      ),
    ),
  );
  const declaration: Instruction = { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' };
  return `${toXml([declaration, { type: 'text', value: '\n' }, indented(feed, 1)], { closeEmptyElements: true, tightClose: true })}\n`;
}

/**
 * Text as xast nodes. XML text may not hold `]]>`, which xast-util-to-xml
 * writes as it is, so there the `>` comes from a CDATA section of its own.
 */
function text(value: string): ElementContent[] {
  return value.split(']]>').flatMap((part, index): ElementContent[] => [
    ...(index > 0 ? [{ type: 'text', value: ']]' } as const, { type: 'cdata', value: '>' } as const] : []),
    { type: 'text', value: part },
  ]);
}

/** A copy of an element with each child of an element that holds only elements on a line of its own, indented by two spaces a level. */
function indented(element: Element, depth: number): Element {
  if (element.children.length === 0 || !element.children.every((child) => child.type === 'element')) return element;
  const children = element.children.flatMap((child): ElementContent[] => [{ type: 'text', value: `\n${'  '.repeat(depth)}` }, indented(child, depth + 1)]);
  return { ...element, children: [...children, { type: 'text', value: `\n${'  '.repeat(depth - 1)}` }] };
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
