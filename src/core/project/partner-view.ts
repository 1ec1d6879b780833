import type { Partner, Partners } from '../schema/partners.ts';
import { tierRank, type Site } from '../schema/site.ts';
import type { View } from './view.ts';

/**
 * A partner's view (docs/format.md#partnersyaml): its tier's view, capped by
 * every group's `max_tier`, without every class the partner or a group
 * withholds, and no earlier than the shortest `max_lead` of its groups
 * allows.
 */
export function partnerView(site: Site, partners: Partners, partner: Partner): View {
  const groups = partner.groups.map((name) => partners.groups[name]!);
  const rank = Math.min(tierRank(site, partner.tier), ...groups.map((group) => (group.max_tier ? tierRank(site, group.max_tier) : Infinity)));
  const withhold = [...new Set([...partner.withhold, ...groups.flatMap((group) => group.withhold)])].sort();
  const leads = groups.map((group) => group.max_lead).filter((lead): lead is number => typeof lead === 'number');
  return {
    id: partner.id,
    tier: site.tiers[rank]!,
    rank,
    withhold,
    ...(leads.length > 0 ? { maxLead: Math.min(...leads) } : {}),
    tiers: site.tiers,
  };
}

/**
 * Views that show exactly the same content share this key, and so one
 * render. Ids hold only `[a-z0-9-]`, so `~` and `.` keep two different views
 * apart: withholding `a` and `b` is not withholding `a-b`.
 */
export function viewKey(view: View): string {
  const withhold = view.withhold.length > 0 ? `~without~${view.withhold.join('.')}` : '';
  const lead = view.maxLead !== undefined ? `~lead~${view.maxLead / 3_600_000}h` : '';
  return `${view.tier.id}${withhold}${lead}`;
}
