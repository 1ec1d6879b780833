import type { Reference } from '../core/schema/advisory.ts';

/**
 * The words the machine-readable exports write around an advisory's own
 * data, in one table: the exporters take them from here, and the audit reads
 * them as text every bundle may show. A function is a template: what it puts
 * around its arguments is the fixed text. (The OSV record's `Withdrawn` and
 * `Notes for` are the same words as the CSAF notes' below.)
 */
export const EXPORT_TEXT = {
  // CSAF document notes and vulnerability notes.
  summary: 'Summary',
  description: 'Description',
  withdrawn: 'Withdrawn',
  withdrawnOn: (at: string, reason: string) => `Withdrawn on ${at}: ${reason}`,
  products: 'Products',
  productLine: (product: string, affected: string) => `- ${product}: ${affected}`,
  fixedIn: (versions: string) => ` (fixed in ${versions})`,
  notesFor: (tier: string) => `Notes for ${tier}`,
  weaknesses: 'Weaknesses (CWE)',
  furtherWeaknesses: 'Further weaknesses (CWE)',
  cvssNote: (vector: string, score: string, severity: string) => `${vector} (score ${score}, ${severity})`,
  cvssTitle: (version: string) => `CVSS v${version}`,
  furtherVector: ' (further vector)',
  // CSAF references, ids and remediations.
  advisoryPage: 'The advisory page',
  thisDocument: 'This CSAF document',
  publisher: 'Publisher',
  withTier: (label: string, tier: string) => `${label} (${tier})`,
  cveRecord: (cve: string) => `CVE record ${cve}`,
  alias: 'Alias',
  update: (product: string, versions: string) => `Update ${product} to ${versions}.`,
  or: ' or ',
  noFixYet: (product: string) => `No fixed release of ${product} is available yet.`,
  // CSAF tracking.
  generator: 'Tierpress',
  draftRevision: 'Draft.',
  initialRelease: 'Initial release.',
  withdrawnRevision: (reason: string) => `Withdrawn: ${reason}`,
  // CSAF provider metadata and ROLIE feed.
  feedSummary: (site: string, tier: string, tlp: string) => `${site}: every advisory of the ${tier} tier (TLP:${tlp}).`,
  rolieTitle: (site: string, label: string) => `${site} CSAF feed (TLP:${label})`,
  serviceWorkspace: (site: string) => `${site} CSAF feeds`,
  // Atom and JSON feeds.
  entryTitle: (id: string, title: string) => `${id}: ${title}`,
  severityCategory: 'Severity',
  cveCategory: 'CVE',
  severityTag: (severity: string) => `severity:${severity}`,
} as const;

/** How CSAF names each type of reference in its `summary`. */
export const CSAF_REFERENCE_LABEL: Record<Reference['type'], string> = {
  advisory: 'Advisory',
  article: 'Article',
  detection: 'Detection guidance',
  fix: 'Fix',
  report: 'Report',
  web: 'Web page',
};
