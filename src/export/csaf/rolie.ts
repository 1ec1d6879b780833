import { bundleUrl, type ExportContext } from '../context.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { DIGEST_ALGORITHMS } from './directory.ts';
import { csafTlpLabel } from './tlp.ts';

/** What the ROLIE feed needs to know of one published document. */
export interface FeedEntry {
  id: string;
  title: string;
  summary: string;
  /** Path below the bundle root. */
  path: string;
  published: string;
  updated: string;
}

/**
 * The ROLIE feed of a tier's CSAF documents (CSAF 2.0 §7.1.16, RFC 8322 in
 * JSON): newest change first, each entry linking the document and its
 * SHA-256 and SHA-512 files. No signature link: the bundle's documents are
 * signed with Ed25519 (`.sig`), not the OpenPGP `.asc` CSAF means by it.
 */
export function rolieFeed(entries: readonly FeedEntry[], feedPath: string, context: ExportContext) {
  const label = csafTlpLabel(context.tier.tlp);
  const url = (path: string) => bundleUrl(context, path);
  const sorted = [...entries].sort((a, b) => Date.parse(b.updated) - Date.parse(a.updated) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    feed: {
      id: url(feedPath),
      title: EXPORT_TEXT.rolieTitle(context.site.site.title, label),
      link: [{ rel: 'self', href: url(feedPath) }],
      category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
      updated: context.at,
      entry: sorted.map((entry) => ({
        id: entry.id,
        title: entry.title,
        link: [
          { rel: 'self', href: url(entry.path) },
          ...DIGEST_ALGORITHMS.map((algorithm) => ({ rel: 'hash', href: url(`${entry.path}.${algorithm}`) })),
        ],
        published: entry.published,
        updated: entry.updated,
        summary: { content: entry.summary },
        content: { type: 'application/json', src: url(entry.path) },
        format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
      })),
    },
  };
}
