import type { ProjectedAdvisory } from '../../core/project/project.ts';
import { bundleUrl, type ExportContext } from '../context.ts';
import { byPath, type ExportFile, jsonText } from '../file.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { changesCsv, digestFiles, indexTxt, type ListedDocument } from './directory.ts';
import { securityTxt } from '../security-txt.ts';
import { csafDocument, csafLocation, csafPublisher } from './document.ts';
import { categoryPath, CSAF_ROOT, feedPath, openPgpKeyPath, PROVIDER_METADATA, SECURITY_TXT, SERVICE_DOCUMENT, tlpRoot } from './names.ts';
import { documentCategories, type FeedEntry, rolieCategories, rolieFeed, rolieService } from './rolie.ts';
import { csafTlpLabel } from './tlp.ts';

/**
 * Only the public tier (the first, TLP:CLEAR) may be listed and mirrored by
 * CSAF aggregators and has a security.txt; the same rule makes a bundle
 * public in its pages.
 */
export function isPublic(context: ExportContext): boolean {
  return context.site.tiers[0]?.id === context.tier.id && context.tier.tlp === 'CLEAR';
}

/**
 * `provider-metadata.json` of a tier's bundle (CSAF 2.0 §7.1.7): the tier's
 * TLP folder as a directory and a ROLIE distribution (feed, service and
 * category documents), `last_updated` at the build instant, the OpenPGP key
 * that signs the documents. The role is `csaf_trusted_provider` when the
 * bundle meets on its own every requirement a bundle can (§7.2.3: the
 * provider's, and hashes, OpenPGP signatures and the public key, 18–20),
 * which takes an OpenPGP key; without one it is `csaf_provider`. What only
 * the host can give (TLS, access control, no redirects…) is the README's.
 */
export function providerMetadata(context: ExportContext) {
  const label = csafTlpLabel(context.tier.tlp);
  const open = isPublic(context);
  const url = (path: string) => bundleUrl(context, path);
  return {
    canonical_url: url(PROVIDER_METADATA),
    distributions: [
      {
        directory_url: url(`${tlpRoot(context.tier.tlp)}/`),
        rolie: {
          categories: [url(categoryPath(context.tier.tlp))],
          feeds: [
            {
              summary: EXPORT_TEXT.feedSummary(context.site.site.title, context.tier.name, context.tier.tlp),
              tlp_label: label,
              url: url(feedPath(context.tier.tlp)),
            },
          ],
          services: [url(SERVICE_DOCUMENT)],
        },
      },
    ],
    last_updated: context.at,
    list_on_CSAF_aggregators: open,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: open,
    ...(context.openpgp
      ? { public_openpgp_keys: [{ fingerprint: context.openpgp.fingerprint, url: url(openPgpKeyPath(context.openpgp.fingerprint)) }] }
      : {}),
    publisher: csafPublisher(context.site.publisher),
    role: context.openpgp ? 'csaf_trusted_provider' : 'csaf_provider',
  };
}

/** One advisory's own files of a provider tree (its document, with its `.sha256` and `.sha512`), and what the tree's listings and feed say of it. */
export interface CsafAdvisoryFiles {
  files: ExportFile[];
  listed: ListedDocument;
  entry: FeedEntry;
}

/** The CSAF document of one advisory with its digests, and its line in the listings and the feed: all a provider tree takes from it. */
export function csafAdvisoryFiles(advisory: ProjectedAdvisory, context: ExportContext): CsafAdvisoryFiles {
  const document = csafDocument(advisory, context);
  const location = csafLocation(advisory, context);
  const file = { path: location.path, content: jsonText(document) };
  const { initial_release_date: published, current_release_date: updated } = document.document.tracking;
  return {
    files: [file, ...digestFiles(file)],
    listed: { relative: location.relative, currentReleaseDate: updated },
    entry: { id: advisory.id, title: advisory.title, summary: advisory.summary, path: location.path, published, updated, categories: documentCategories(document.product_tree) },
  };
}

/**
 * Every file of a tier's CSAF provider tree, made from its projected
 * advisories alone, sorted by path: each document with its `.sha256` and
 * `.sha512`, the folder's `index.txt` and `changes.csv`, the ROLIE feed and
 * category document, the service document, `provider-metadata.json`, the
 * public OpenPGP key when there is one, and, in the public bundle of a
 * publisher with a contact, `/.well-known/security.txt`. Signatures are the
 * signing step's; see `csafDocumentPaths` for what it signs.
 */
export function csafProviderFiles(advisories: readonly ProjectedAdvisory[], context: ExportContext): ExportFile[] {
  return csafTreeFiles(
    advisories.map((advisory) => csafAdvisoryFiles(advisory, context)),
    context,
  );
}

/**
 * The provider tree of `csafProviderFiles` from its advisories' own files,
 * made or kept (see src/cache/exports.ts): the files that span the tier
 * (listings, feed, metadata) are made here, on every build.
 */
export function csafTreeFiles(advisories: readonly CsafAdvisoryFiles[], context: ExportContext): ExportFile[] {
  const files: ExportFile[] = [];
  const paths = new Set<string>();
  for (const advisory of advisories) {
    const path = advisory.entry.path;
    if (paths.has(path)) throw new Error(`two advisories would both be written to ${path}`);
    paths.add(path);
    files.push(...advisory.files);
  }
  const listed = advisories.map((advisory) => advisory.listed);
  const entries = advisories.map((advisory) => advisory.entry);
  const root = tlpRoot(context.tier.tlp);
  files.push(
    { path: `${root}/index.txt`, content: indexTxt(listed) },
    { path: `${root}/changes.csv`, content: changesCsv(listed) },
    { path: feedPath(context.tier.tlp), content: jsonText(rolieFeed(entries, feedPath(context.tier.tlp), context)) },
    { path: categoryPath(context.tier.tlp), content: jsonText(rolieCategories(entries)) },
    { path: SERVICE_DOCUMENT, content: jsonText(rolieService(context)) },
    { path: PROVIDER_METADATA, content: jsonText(providerMetadata(context)) },
  );
  if (context.openpgp) files.push({ path: openPgpKeyPath(context.openpgp.fingerprint), content: context.openpgp.publicKey });
  const security = isPublic(context) ? securityTxt(context) : undefined;
  if (security !== undefined) files.push({ path: SECURITY_TXT, content: security });
  return byPath(files);
}

const DOCUMENT = new RegExp(`^${CSAF_ROOT.replace('.', '\\.')}/(white|green|amber|red)/\\d{4}/[^/]+\\.json$`);

/** The CSAF documents among export files: what the signing step signs (one `.sig` beside each). */
export function csafDocumentPaths(files: readonly ExportFile[]): string[] {
  return files.map((file) => file.path).filter((path) => DOCUMENT.test(path));
}
