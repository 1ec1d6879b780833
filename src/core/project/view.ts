import type { Frontmatter } from '../schema/advisory.ts';
import { tierRank, type Site, type Tier } from '../schema/site.ts';

/**
 * One audience's view: the tier whose content it sees, classes it never
 * receives, and how early it may receive an advisory. A tier is a view with
 * nothing withheld; a partner's view may be narrower than its tier's.
 */
export interface View {
  /** The tier or partner this view is built for. */
  id: string;
  tier: Tier;
  /** Position of `tier` in the site's list; higher sees more. */
  rank: number;
  /** Class names removed as if they were above the tier. */
  withhold: readonly string[];
  /** At most this many milliseconds before the base release, if limited. */
  maxLead?: number;
  /** The site's tiers, least trusted first: gates and overlays are ranked against them. */
  tiers: readonly Tier[];
}

/** The view of a whole tier. Throws for an unknown tier id: callers check ids first. */
export function tierView(site: Site, tierId: string): View {
  const rank = tierRank(site, tierId);
  const tier = site.tiers[rank];
  if (!tier) throw new Error(`unknown tier "${tierId}"`);
  return { id: tier.id, tier, rank, withhold: [], tiers: site.tiers };
}

/**
 * The instant from which `tier` sees an advisory
 * (docs/format.md#embargo-and-lead-arithmetic), in milliseconds; -Infinity
 * for a tier that sees everything at once, null when it never does (a draft).
 */
export function availableFrom(advisory: Pick<Frontmatter, 'status' | 'release' | 'tiers'>, tier: Tier, maxLead?: number): number | null {
  if (tier.lead === 'always') return Number.NEGATIVE_INFINITY;
  if (advisory.status === 'draft' || advisory.release === undefined) return null;
  const release = Date.parse(advisory.release);
  const override = advisory.tiers[tier.id]?.release;
  const from = override === undefined ? release - tier.lead : Date.parse(override);
  return maxLead === undefined ? from : Math.max(from, release - maxLead);
}

/** Whether the view sees the advisory at instant `at` (milliseconds). */
export function isVisible(advisory: Pick<Frontmatter, 'status' | 'release' | 'tiers'>, view: View, at: number): boolean {
  const from = availableFrom(advisory, view.tier, view.maxLead);
  return from !== null && at >= from;
}
