import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';

/** One feed entry as a reader sees it, whatever the format. */
export interface ReadEntry {
  id: string;
  link: string;
  updated: string;
}

/** A feed of a bundle, read with a real parser. */
export interface ReadFeed {
  format: 'atom' | 'json';
  id: string;
  self: string;
  home: string;
  /** Atom only: JSON Feed has no feed-level date. */
  updated?: string;
  entries: ReadEntry[];
}

/** The fields of JSON Feed 1.1 (jsonfeed.org/version/1.1) a reader relies on, as this project writes them. */
const JSON_FEED_SCHEMA = {
  type: 'object',
  required: ['version', 'title', 'home_page_url', 'feed_url', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string', minLength: 1 },
    home_page_url: { type: 'string', format: 'uri', pattern: '^https://' },
    feed_url: { type: 'string', format: 'uri', pattern: '^https://' },
    authors: { type: 'array', items: { type: 'object', required: ['name'] } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'url', 'title', 'date_published', 'date_modified'],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri', pattern: '^https://' },
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validJsonFeed = ajv.compile(JSON_FEED_SCHEMA);

/** A bundle's Atom feed, parsed with feedsmith. */
export function readAtom(bundle: string): ReadFeed {
  const feed = parseAtomFeed(readFileSync(join(bundle, 'feed.xml'), 'utf8'));
  const link = (links: Array<{ href?: string; rel?: string }> | undefined, rel: string) => links?.find((l) => (l.rel ?? 'alternate') === rel)?.href ?? '';
  return {
    format: 'atom',
    id: feed.id ?? '',
    self: link(feed.links, 'self'),
    home: link(feed.links, 'alternate'),
    updated: feed.updated ?? '',
    entries: (feed.entries ?? []).map((entry) => ({ id: entry.id ?? '', link: link(entry.links, 'alternate'), updated: entry.updated ?? '' })),
  };
}

/** A bundle's JSON Feed, checked against the JSON Feed 1.1 fields and parsed with feedsmith. */
export function readJson(bundle: string): ReadFeed {
  const raw: unknown = JSON.parse(readFileSync(join(bundle, 'feed.json'), 'utf8'));
  if (!validJsonFeed(raw)) throw new Error(`${bundle}/feed.json is not a JSON Feed 1.1: ${ajv.errorsText(validJsonFeed.errors)}`);
  const feed = parseJsonFeed(raw);
  return {
    format: 'json',
    id: feed.feed_url ?? '',
    self: feed.feed_url ?? '',
    home: feed.home_page_url ?? '',
    entries: (feed.items ?? []).map((item) => ({ id: item.id ?? '', link: item.url ?? '', updated: item.date_modified ?? '' })),
  };
}

/**
 * Everything wrong with a feed of the bundle in `dir` served at `base`
 * (absolute, ending in `/`): URLs not absolute or not below the bundle's,
 * entry ids that are not this bundle's page of an advisory it has, entries
 * out of `updated` order, a feed older than its newest entry.
 */
export function feedProblems(dir: string, base: string, feed: ReadFeed): string[] {
  const problems: string[] = [];
  const own = (what: string, url: string) => {
    if (!/^https:\/\//.test(url)) problems.push(`${feed.format}: ${what} is not an absolute https URL: "${url}"`);
    else if (!url.startsWith(base)) problems.push(`${feed.format}: ${what} is not below the bundle's URL ${base}: ${url}`);
  };
  own('the feed id', feed.id);
  if (feed.self !== `${base}${feed.format === 'atom' ? 'feed.xml' : 'feed.json'}`) problems.push(`${feed.format}: the self link is ${feed.self}`);
  if (feed.home !== base) problems.push(`${feed.format}: the home link is ${feed.home}, not ${base}`);
  for (const entry of feed.entries) {
    own(`entry ${entry.id}`, entry.id);
    own(`the link of ${entry.id}`, entry.link);
    const id = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}advisories/([A-Z][A-Z0-9]+-\\d{4}-\\d{4,7})/$`).exec(entry.id)?.[1];
    if (!id) problems.push(`${feed.format}: entry id ${entry.id} is not this bundle's page of an advisory`);
    else if (!existsSync(join(dir, 'advisories', id, 'index.html'))) problems.push(`${feed.format}: entry ${entry.id} has no page in the bundle`);
    if (entry.link !== entry.id) problems.push(`${feed.format}: entry ${entry.id} links to ${entry.link}`);
    if (Number.isNaN(Date.parse(entry.updated))) problems.push(`${feed.format}: entry ${entry.id} has no updated instant`);
  }
  const updates = feed.entries.map((entry) => Date.parse(entry.updated));
  updates.forEach((instant, i) => {
    if (i > 0 && instant > updates[i - 1]!) problems.push(`${feed.format}: ${feed.entries[i]!.id} (updated ${feed.entries[i]!.updated}) comes after an older update`);
  });
  if (feed.updated !== undefined && updates.length > 0 && Date.parse(feed.updated) < Math.max(...updates)) {
    problems.push(`${feed.format}: the feed's updated ${feed.updated} is older than its newest entry`);
  }
  return problems;
}
