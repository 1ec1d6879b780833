import type { Site, Tier } from '../core/schema/site.ts';

/** What the machine-readable exports of one bundle need besides its projected advisories. */
export interface ExportContext {
  /** The site config: publisher, title and the tiers (for the names of those the view may see). */
  site: Site;
  /** The tier whose bundle this is: it sets the TLP label. */
  tier: Tier;
  /** The build instant (RFC 3339, UTC): the only clock an export reads. */
  at: string;
  /** Absolute https URL the bundle is served from; decided by the integrator, not derived from the content. */
  baseUrl: string;
  /** What `{{mark}}` of an advisory becomes: in a shared render the mark's sentinel, filled in per bundle. */
  mark: (advisory: string) => string;
  /** The public OpenPGP key whose `.asc` signatures the sealing step writes beside each CSAF document, when there is one. */
  openpgp?: { fingerprint: string; publicKey: string };
}

/**
 * An absolute URL below the bundle's base. Throws unless the base is an
 * absolute https URL: exports state where they are served, and a CSAF
 * provider must be reachable over TLS.
 */
export function bundleUrl(context: Pick<ExportContext, 'baseUrl'>, path: string): string {
  let base: URL;
  try {
    base = new URL(context.baseUrl);
  } catch (error) {
    throw new Error(`the export base URL "${context.baseUrl}" is not an absolute URL`, { cause: error });
  }
  if (base.protocol !== 'https:') throw new Error(`the export base URL "${context.baseUrl}" must use https`);
  return `${base.href.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

/** The name of a tier the view may see, for labelling what its overlay added. */
export function tierName(context: Pick<ExportContext, 'site'>, tierId: string): string {
  return context.site.tiers.find((tier) => tier.id === tierId)?.name ?? tierId;
}
