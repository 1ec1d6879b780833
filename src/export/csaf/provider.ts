import type { ProjectedAdvisory } from '../../core/project/project.ts';
import { bundleUrl, type ExportContext } from '../context.ts';
import { byPath, type ExportFile, jsonText } from '../file.ts';
import { EXPORT_TEXT } from '../labels.ts';
import { changesCsv, digestFiles, indexTxt, type ListedDocument } from './directory.ts';
import { csafDocument, csafLocation } from './document.ts';
import { CSAF_ROOT, feedPath, PROVIDER_METADATA, tlpRoot } from './names.ts';
import { type FeedEntry, rolieFeed } from './rolie.ts';
import { csafTlpLabel } from './tlp.ts';

/**
 * Only the public tier (the first, TLP:CLEAR) may be listed and mirrored by
 * CSAF aggregators; the same rule makes a bundle public in its pages.
 */
function isPublic(context: ExportContext): boolean {
  return context.site.tiers[0]?.id === context.tier.id && context.tier.tlp === 'CLEAR';
}

/**
 * `provider-metadata.json` of a tier's bundle (CSAF 2.0 §7.1.7): the tier's
 * TLP folder as a directory and a ROLIE distribution, `last_updated` at the
 * build instant. `public_openpgp_keys` is left out: it lists OpenPGP keys,
 * and the bundle is signed with an Ed25519 key (`signing-key.pub.pem` at the
 * bundle root) that OpenPGP tools could not import.
 */
export function providerMetadata(context: ExportContext) {
  const label = csafTlpLabel(context.tier.tlp);
  const open = isPublic(context);
  const { publisher } = context.site;
  return {
    canonical_url: bundleUrl(context, PROVIDER_METADATA),
    distributions: [
      {
        directory_url: bundleUrl(context, `${tlpRoot(context.tier.tlp)}/`),
        rolie: {
          feeds: [
            {
              summary: EXPORT_TEXT.feedSummary(context.site.site.title, context.tier.name, context.tier.tlp),
              tlp_label: label,
              url: bundleUrl(context, feedPath(context.tier.tlp)),
            },
          ],
        },
      },
    ],
    last_updated: context.at,
    list_on_CSAF_aggregators: open,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: open,
    publisher: { category: 'vendor', name: publisher.name, namespace: publisher.namespace },
    role: 'csaf_trusted_provider',
  };
}

/**
 * Every file of a tier's CSAF provider tree, made from its projected
 * advisories alone, sorted by path: each document with its `.sha256` and
 * `.sha512`, the folder's `index.txt` and `changes.csv`, the ROLIE feed and
 * `provider-metadata.json`. Signatures are the signing step's; see
 * `csafDocumentPaths` for what it signs.
 */
export function csafProviderFiles(advisories: readonly ProjectedAdvisory[], context: ExportContext): ExportFile[] {
  const files: ExportFile[] = [];
  const listed: ListedDocument[] = [];
  const entries: FeedEntry[] = [];
  const paths = new Set<string>();
  for (const advisory of advisories) {
    const document = csafDocument(advisory, context);
    const location = csafLocation(advisory, context);
    if (paths.has(location.path)) throw new Error(`two advisories would both be written to ${location.path}`);
    paths.add(location.path);
    const file = { path: location.path, content: jsonText(document) };
    files.push(file, ...digestFiles(file));
    const { initial_release_date: published, current_release_date: updated } = document.document.tracking;
    listed.push({ relative: location.relative, currentReleaseDate: updated });
    entries.push({ id: advisory.id, title: advisory.title, summary: advisory.summary, path: location.path, published, updated });
  }
  const root = tlpRoot(context.tier.tlp);
  const feed = feedPath(context.tier.tlp);
  files.push(
    { path: `${root}/index.txt`, content: indexTxt(listed) },
    { path: `${root}/changes.csv`, content: changesCsv(listed) },
    { path: feed, content: jsonText(rolieFeed(entries, feed, context)) },
    { path: PROVIDER_METADATA, content: jsonText(providerMetadata(context)) },
  );
  return byPath(files);
}

const DOCUMENT = new RegExp(`^${CSAF_ROOT.replace('.', '\\.')}/(white|green|amber|red)/\\d{4}/[^/]+\\.json$`);

/** The CSAF documents among export files: what the signing step signs (one `.sig` beside each). */
export function csafDocumentPaths(files: readonly ExportFile[]): string[] {
  return files.map((file) => file.path).filter((path) => DOCUMENT.test(path));
}
