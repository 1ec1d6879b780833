import { visibleStrings } from '../core/fingerprint/texts.ts';
import type { ProjectedAdvisory } from '../core/project/project.ts';
import type { View } from '../core/project/view.ts';
import { bundleBaseUrl, type Site } from '../core/schema/site.ts';
import { bundleUrl, type ExportContext } from '../export/context.ts';
import { csafCwe } from '../export/csaf/cwe.ts';
import { DIGEST_ALGORITHMS } from '../export/csaf/directory.ts';
import { csafLocation } from '../export/csaf/document.ts';
import { feedPath } from '../export/csaf/names.ts';
import { isPublic, providerMetadata } from '../export/csaf/provider.ts';
import { rolieFeed, rolieService } from '../export/csaf/rolie.ts';
import { distribution } from '../export/csaf/tlp.ts';
import { CSAF_REFERENCE_LABEL, EXPORT_TEXT } from '../export/labels.ts';
import { osvId } from '../export/osv.ts';
import { securityTxtExpires, securityTxtFields } from '../export/security-txt.ts';
import { day, identifierUrl, moment } from '../render/format.ts';
import { PAGE_TEXT, PASSAGE_TEXT } from '../render/labels.ts';
import { chromeTexts } from './chrome.ts';

/** A label table: fixed strings, and templates whose text around their arguments is fixed. */
type LabelTable = Readonly<Record<string, string | ((...args: string[]) => string)>>;

/** Stands for a template's argument; no label holds it. */
const HOLE = '\u0000';

/** The fixed text of a label table: each string, and each piece a template writes between its arguments. */
export function templateTexts(table: LabelTable): string[] {
  return Object.values(table).flatMap((label) => {
    if (typeof label === 'string') return [label];
    return label(...Array.from({ length: label.length }, () => HOLE)).split(HOLE);
  }).filter((text) => text.trim() !== '');
}

/** Every string of plain data, as an export writes it. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/**
 * What a build writes into its bundles that comes from neither the content
 * nor the site config: the instant it is built as of (`--at`, as
 * `formatInstant` writes it) and, when its CSAF documents are signed, the
 * fingerprint of the OpenPGP key (40 upper-case hex digits).
 */
export interface BuildFacts {
  at: string;
  openpgpFingerprint?: string;
}

/**
 * Text a view's bundle writes that no advisory holds: the site's chrome,
 * the page templates' and exports' labels (above the lowest tier, those of
 * passages it does not receive too), and what they derive from the
 * visible advisories (the names of their CWEs, the URLs of their CVEs,
 * aliases and CWEs, the bundle's own URLs for them), plus the files an
 * export makes from the site config alone (provider metadata, ROLIE feed and
 * service documents, the public bundle's security.txt but for its expiry
 * date), and, given the `build`'s facts, the instant in every form the
 * bundle prints it (the exports' and feeds' ISO text, the pages' footer and
 * lists, security.txt's expiry) and the OpenPGP key's fingerprint (provider
 * metadata, the key's URL). Withheld text may share any of it without a leak.
 */
export function derivedTexts(site: Site, view: View, advisories: readonly ProjectedAdvisory[], baseUrl = bundleBaseUrl(site, view.tier), build?: BuildFacts): string[] {
  const tiers = view.tiers.slice(0, view.rank + 1);
  const context: ExportContext = { site, tier: view.tier, at: build?.at ?? '', baseUrl, mark: () => '' };
  // The provider metadata of a bundle signed with an OpenPGP key (its role), whatever the key, and the key's fingerprint when known.
  const signed: ExportContext = { ...context, openpgp: { fingerprint: build?.openpgpFingerprint ?? '', publicKey: '' } };
  const texts = [
    ...chromeTexts({ site: site.site, publisher: site.publisher, tiers }),
    ...templateTexts(PAGE_TEXT),
    // Labels of passages the lowest tier does not receive: text of the bundles above it only.
    ...(view.rank > 0 ? templateTexts(PASSAGE_TEXT) : []),
    ...templateTexts(EXPORT_TEXT),
    ...Object.values(CSAF_REFERENCE_LABEL),
    ...DIGEST_ALGORITHMS,
    ...strings(distribution(view.tier.tlp)),
    ...strings(providerMetadata(signed)),
    ...strings(providerMetadata(context)),
    ...strings(rolieFeed([], feedPath(view.tier.tlp), context)),
    ...strings(rolieService(context)),
    // The vendor branch and category term of products that name no vendor of their own.
    site.publisher.vendor ?? '',
    ...(isPublic(context) ? (securityTxtFields(context, build && securityTxtExpires(build.at)) ?? []) : []),
    // The build instant: ISO in the exports and feeds (and as a draft's date), as `moment` in every page's footer, as `day` in lists.
    ...(build ? [build.at, moment(build.at), day(build.at)] : []),
    // Where the bundle is served, as its pages and feeds name it.
    baseUrl,
    new URL(baseUrl).pathname,
  ];
  const siteUrl = site.site.url.replace(/\/$/, '');
  for (const advisory of advisories) {
    for (const cwe of advisory.cwes) texts.push(csafCwe(cwe)?.name ?? '');
    for (const id of [...advisory.cves, ...advisory.aliases, ...advisory.cwes]) texts.push(identifierUrl(id) ?? '');
    // The page as the bundle links it (absolute and below its path), the public page, the CSAF document (dated by its release), the OSV id.
    const page = bundleUrl(context, `advisories/${advisory.id}/`);
    texts.push(page, new URL(page).pathname, `${siteUrl}/advisories/${advisory.id}/`, osvId(advisory.id));
    if (advisory.release || advisory.revisions.length > 0) texts.push(csafLocation(advisory, { ...context, at: advisory.release ?? '' }).url);
  }
  return texts.filter((text) => text !== '');
}

/** Every string a view's bundle may show, one at a time: each visible advisory's strings, then the derived texts. */
export function* viewAtoms(advisories: readonly ProjectedAdvisory[], derived: readonly string[]): Iterable<string> {
  for (const advisory of advisories) yield* visibleStrings(advisory);
  yield* derived;
}
