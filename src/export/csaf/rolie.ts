import { bundleUrl, type ExportContext } from '../context.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { DIGEST_ALGORITHMS } from './directory.ts';
import { feedPath, SERVICE_DOCUMENT } from './names.ts';
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
  /** Its category terms: the vendors and product names of its product tree. */
  categories: string[];
}

/** The ROLIE information type every CSAF feed and collection declares (CSAF 2.0 §7.1.15). */
const INFORMATION_TYPE = { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' };

const byTerm = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ROLIE feed of a tier's CSAF documents (CSAF 2.0 §7.1.15, RFC 8322 in
 * JSON): newest change first, each entry linking the document, its SHA-256
 * and SHA-512 files and, when the bundle has an OpenPGP key, its `.asc`
 * signature, and carrying its category terms (those of the category
 * document). The feed links the service document that lists it.
 */
export function rolieFeed(entries: readonly FeedEntry[], feed: string, context: ExportContext) {
  const label = csafTlpLabel(context.tier.tlp);
  const url = (path: string) => bundleUrl(context, path);
  const sorted = [...entries].sort((a, b) => Date.parse(b.updated) - Date.parse(a.updated) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    feed: {
      id: url(feed),
      title: EXPORT_TEXT.rolieTitle(context.site.site.title, label),
      link: [
        { rel: 'self', href: url(feed) },
        { rel: 'service', href: url(SERVICE_DOCUMENT) },
      ],
      category: [INFORMATION_TYPE],
      updated: context.at,
      entry: sorted.map((entry) => ({
        id: entry.id,
        title: entry.title,
        link: [
          { rel: 'self', href: url(entry.path) },
          ...DIGEST_ALGORITHMS.map((algorithm) => ({ rel: 'hash', href: url(`${entry.path}.${algorithm}`) })),
          ...(context.openpgp ? [{ rel: 'signature', href: url(`${entry.path}.asc`) }] : []),
        ],
        published: entry.published,
        updated: entry.updated,
        ...(entry.categories.length > 0 ? { category: [...new Set(entry.categories)].sort(byTerm).map((term) => ({ term })) } : {}),
        summary: { content: entry.summary },
        content: { type: 'application/json', src: url(entry.path) },
        format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
      })),
    },
  };
}

/**
 * The ROLIE service document of a bundle (CSAF 2.0 §7.1.16): one workspace
 * with the bundle's one feed as its collection, declaring the CSAF
 * information type, in the shape of the standard's example.
 */
export function rolieService(context: ExportContext) {
  const label = csafTlpLabel(context.tier.tlp);
  return {
    service: {
      workspace: [
        {
          title: EXPORT_TEXT.serviceWorkspace(context.site.site.title),
          collection: [
            {
              title: EXPORT_TEXT.rolieTitle(context.site.site.title, label),
              href: bundleUrl(context, feedPath(context.tier.tlp)),
              categories: { category: [INFORMATION_TYPE] },
            },
          ],
        },
      ],
    },
  };
}

/**
 * The ROLIE category document of a tier's feed (CSAF 2.0 §7.1.17): every
 * category term its entries carry (the vendors and product names of the
 * documents' product trees, the branch values CSAF suggests), sorted, each a
 * bare `term` as in the standard's example. With no documents, there are no
 * terms: the document then has an empty list.
 */
export function rolieCategories(entries: readonly FeedEntry[]) {
  const terms = [...new Set(entries.flatMap((entry) => entry.categories))].sort(byTerm);
  return { categories: { category: terms.map((term) => ({ term })) } };
}

/** The category terms of a CSAF document: the names of its vendor and product_name branches, in tree order. */
export function documentCategories(tree: { branches: ReadonlyArray<{ name: string; branches: ReadonlyArray<{ name: string }> }> }): string[] {
  return tree.branches.flatMap((vendor) => [vendor.name, ...vendor.branches.map((product) => product.name)]);
}
