import type { Tlp } from '../../core/schema/site.ts';
import { tlpFolder } from './tlp.ts';

/** Where a CSAF provider keeps everything, below the bundle root. */
export const CSAF_ROOT = '.well-known/csaf';

/**
 * The CSAF file name of a document (CSAF 2.0 §5.1): the tracking id in lower
 * case with every run of characters other than `+`, `-`, a-z and 0-9 replaced
 * by one `_`, plus `.json`.
 */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

/** A document's path below its TLP folder: `<YYYY>/<file>.json`, the year of its initial release. */
export function relativeDocumentPath(trackingId: string, initialReleaseDate: string): string {
  return `${initialReleaseDate.slice(0, 4)}/${csafFileName(trackingId)}`;
}

/** The folder of a tier's documents below the bundle root: `.well-known/csaf/<tlp>`. */
export function tlpRoot(tlp: Tlp): string {
  return `${CSAF_ROOT}/${tlpFolder(tlp)}`;
}

/** The ROLIE feed of a tier's documents, named after its TLP label (CSAF 2.0 §7.1.16). */
export function feedPath(tlp: Tlp): string {
  return `${tlpRoot(tlp)}/csaf-feed-tlp-${tlpFolder(tlp)}.json`;
}

/** The provider metadata of the bundle (CSAF 2.0 §7.1.7). */
export const PROVIDER_METADATA = `${CSAF_ROOT}/provider-metadata.json`;

/** The ROLIE service document listing the bundle's feeds (CSAF 2.0 §7.1.16), beside the provider metadata. */
export const SERVICE_DOCUMENT = `${CSAF_ROOT}/service.json`;

/** The ROLIE category document of a tier's feed (CSAF 2.0 §7.1.17), named as CSAF tools look for it: beside the feed, `category-<tlp>.json`. */
export function categoryPath(tlp: Tlp): string {
  return `${tlpRoot(tlp)}/category-${tlpFolder(tlp)}.json`;
}

/** The public OpenPGP key that signs the documents (CSAF 2.0 §7.1.20), in `openpgp/` beside the provider metadata. */
export function openPgpKeyPath(fingerprint: string): string {
  return `${CSAF_ROOT}/openpgp/${fingerprint}.asc`;
}

/** The public bundle's security.txt (RFC 9116), whose `CSAF:` field names the provider metadata (CSAF 2.0 §7.1.8). */
export const SECURITY_TXT = '.well-known/security.txt';
