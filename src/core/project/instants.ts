import { formatInstant } from '../schema/fields.ts';
import type { Content } from '../validate/content.ts';
import { partnerView } from './partner-view.ts';
import { availableFrom, tierView, type View } from './view.ts';

/** An instant at which some view's content changes, and what changes there. */
export interface VisibilityInstant {
  /** Canonical instant text, as `--at` takes it. */
  at: string;
  ms: number;
  /** One entry per advisory: `ID: view, view…` when views start to see it, `ID withdrawn: view…` when they see it withdrawn. */
  changes: string[];
}

/** Tier and partner ids to consider; all of them when both lists are empty, as `build` selects. */
export interface InstantSelection {
  tiers?: readonly string[];
  partners?: readonly string[];
}

/**
 * Every instant at which what a tier or partner sees changes, oldest first:
 * when a view starts to see an advisory (its tier's lead or release
 * override, capped by a partner's max_lead) and when an advisory it already
 * sees is withdrawn. Between two such instants every view's content is the
 * same, so building at each of them covers every state a build can reach.
 * Revisions are not instants: a view sees all of them from the start.
 */
export function visibilityInstants(content: Content, selection: InstantSelection = {}): VisibilityInstant[] {
  const views = selectedViews(content, selection);
  // instant → advisory → change text → view ids, in view order.
  const byInstant = new Map<number, Map<string, string[]>>();
  const note = (ms: number, change: string, viewId: string) => {
    const changes = byInstant.get(ms) ?? new Map<string, string[]>();
    changes.set(change, [...(changes.get(change) ?? []), viewId]);
    byInstant.set(ms, changes);
  };
  for (const { fields } of content.advisories) {
    const withdrawn = fields.withdrawn ? Date.parse(fields.withdrawn.at) : undefined;
    for (const view of views) {
      const from = availableFrom(fields, view.tier, view.maxLead);
      // null: a draft, never seen. -Infinity (lead: always): seen in every build, so only its withdrawal changes it.
      if (from === null) continue;
      if (Number.isFinite(from)) note(from, fields.id, view.id);
      // A view that first sees the advisory after its withdrawal sees it withdrawn at once: no change of its own.
      if (withdrawn !== undefined && withdrawn > from) note(withdrawn, `${fields.id} withdrawn`, view.id);
    }
  }
  return [...byInstant.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ms, changes]) => ({ at: formatInstant(ms), ms, changes: [...changes].map(([change, ids]) => `${change}: ${ids.join(', ')}`) }));
}

/** The views a build with this selection makes bundles for: tiers first, in site order, then partners. */
export function selectedViews(content: Content, selection: InstantSelection): View[] {
  const all = !selection.tiers?.length && !selection.partners?.length;
  const tiers = content.site.tiers.filter((tier) => all || selection.tiers?.includes(tier.id));
  const partners = content.partners.partners.filter((partner) => all || selection.partners?.includes(partner.id));
  return [...tiers.map((tier) => tierView(content.site, tier.id)), ...partners.map((partner) => partnerView(content.site, content.partners, partner))];
}
