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
