/**
 * The words the page templates write around an advisory's own data, in one
 * table: the components take them from here, and the audit reads them as
 * text every bundle may show, so the two cannot drift apart. A function is a
 * template: what it puts around its arguments is the fixed text.
 */
export const PAGE_TEXT = {
  // The frame of every page (layouts/Base.astro).
  skip: 'Skip to content',
  mainNavigation: 'Main',
  navAdvisories: 'Advisories',
  navProducts: 'Products',
  navSearch: 'Search',
  navFeed: 'Feed',
  atomTitle: (site: string) => `${site} (Atom)`,
  jsonFeedTitle: (site: string) => `${site} (JSON Feed)`,
  publishedBy: (publisher: string) => `Published by ${publisher}.`,
  edition: (tier: string) => `${tier} edition.`,
  asOf: (moment: string) => `As of ${moment}.`,
  atomFeed: 'Atom feed',
  jsonFeed: 'JSON Feed',
  tlpRegion: (position: string) => `Traffic Light Protocol, ${position} of page`,
  // What a partner bundle fills in where its render left the recipient's sentinels (build/derive.ts).
  recipient: (who: string) => `Recipient: ${who}`,
  preparedFor: (who: string) => `Prepared for ${who}. Do not redistribute.`,

  // The front page.
  publishedFor: (publisher: string) => `Security advisories published by ${publisher}`,
  forRecipients: (tier: string, tlp: string, meaning: string) => ` for ${tier} recipients. TLP:${tlp}: ${meaning}`,
  advisoriesAsOf: (count: string, moment: string) => `${count} advisories as of ${moment}.`,
  browseAll: 'Browse all',
  or: 'or',
  search: 'search',
  latest: 'Latest advisories',
  noAdvisories: 'No advisories yet.',

  // The archive, products and search pages.
  allAdvisories: 'All advisories',
  showSeverity: 'Show severity',
  all: (count: string) => `All (${count})`,
  products: 'Products',
  productDescription: (product: string) => `Security advisories for ${product}.`,
  advisory: 'advisory',
  advisories: 'advisories',
  searchTitle: 'Search advisories',
  searchHelp: 'Search titles, summaries, details, identifiers, products and keywords. Filter by severity, year, product and keyword.',
  searchNeedsScript: 'Search needs JavaScript. Without it, browse',
  allAdvisoriesLink: 'all advisories',
  productsLink: 'products',

  // An advisory page.
  withdrawn: 'Withdrawn',
  on: 'on',
  draft: 'Draft',
  interim: 'Interim',
  final: 'Final',
  draftBanner: 'not released to any audience.',
  interimBanner: 'details may change as the investigation continues.',
  severityAndCvss: 'Severity and CVSS',
  affectedProducts: 'Affected products',
  notesFor: (tier: string) => `Notes for ${tier}`,
  references: 'References',
  revisionHistory: 'Revision history',
  factAdvisory: 'Advisory',
  factSeverity: 'Severity',
  vendorRating: '(vendor rating)',
  factKind: 'Kind',
  informational: 'Informational',
  factStatus: 'Status',
  factReleased: 'Released',
  notScheduled: 'Not scheduled',
  availableSince: 'Available to you since',
  lastUpdated: 'Last updated',
  factCve: 'CVE',
  factWeakness: 'Weakness',
  factAliases: 'Aliases',
  factRelated: 'Related',
  factCredits: 'Credits',
  factKeywords: 'Keywords',
  cvss: (version: string) => `CVSS ${version}`,
  metricBreakdown: 'Metric breakdown',
  metric: 'Metric',
  value: 'Value',
  product: 'Product',
  affected: 'Affected',
  fixed: 'Fixed',
  noFix: 'No fix yet',
  date: 'Date',
  change: 'Change',
} as const;

/**
 * The labels of passages the least trusted tier does not receive: only a
 * bundle above that tier shows them (src/render/passages.ts), so they are a
 * table of their own, which the audit counts as text of those bundles only.
 */
export const PASSAGE_TEXT = {
  /** A passage first seen by `tier`, in a bundle of a tier above the lowest. */
  beyond: (tier: string, lowest: string) => `${tier} and above — not in the ${lowest} advisory`,
  /** A gate the lowest tier receives too, framed in the review view for its authors. */
  from: (tier: string) => `${tier} and above`,
} as const;
