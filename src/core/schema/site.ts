import { z } from 'zod';
import { HttpsUrl, Lead, Text, TierId, WebUrl } from './fields.ts';

/** How to reach the publisher's security team: a `mailto:` address or an https URL (RFC 9116 `Contact:`). */
const Contact = z.string({ error: 'expected a mailto: address or an https URL' }).refine(
  (value) => {
    try {
      const url = new URL(value);
      return !/\s/.test(value) && (url.protocol === 'https:' || (url.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+$/.test(url.pathname)));
    } catch {
      return false;
    }
  },
  { error: 'expected a mailto: address (mailto:psirt@example.com) or an https URL' },
);

/** TLP 2.0 labels, from least to most strict. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

/** One audience tier of `site.yaml`. */
export const TierSchema = z.strictObject({
  // `<out>/partners/` holds the partner bundles: a tier of that name would take them into its own bundle.
  id: TierId.refine((id) => id !== 'partners', { error: '"partners" is where partner bundles are written and cannot name a tier' }),
  name: Text,
  tlp: z.enum(TLP_LABELS, { error: `expected a TLP 2.0 label: ${TLP_LABELS.join(', ')}` }),
  lead: Lead,
  /** Where this tier's bundle is served (absolute https): the base of its CSAF and OSV URLs. */
  url: HttpsUrl.optional(),
});

/** The name of a restricted content class; `tier` is taken by the tier gate. */
const ClassName = TierId.refine((name) => name !== 'tier', { error: '"tier" is the tier gate and cannot name a class' });

/** `content/site.yaml`: site, publisher, tiers from least to most trusted, and classes. */
export const SiteSchema = z
  .strictObject({
    site: z.strictObject({ title: Text, url: HttpsUrl }),
    publisher: z.strictObject({
      name: Text,
      namespace: WebUrl,
      /** The vendor of the products, when the publisher is its PSIRT rather than the vendor itself: names the CSAF vendor branch. */
      vendor: Text.optional(),
      /** The security contact: `Contact:` of the public bundle's security.txt and `contact_details` of the CSAF publisher. */
      contact: Contact.optional(),
    }),
    tiers: z.array(TierSchema).min(1, { error: 'at least one tier is required' }),
    classes: z.record(ClassName, TierId).default({}),
    /** Where the signing keys are kept, relative to the content folder: the Ed25519 key that seals bundles (a PEM file) and the OpenPGP key that signs CSAF documents (an armoured private key). */
    signing: z.strictObject({ key: Text.optional(), openpgp: Text.optional() }).optional(),
  })
  .superRefine((site, ctx) => {
    const ids = new Set<string>();
    site.tiers.forEach((tier, index) => {
      if (ids.has(tier.id)) ctx.addIssue({ code: 'custom', path: ['tiers', index, 'id'], message: `duplicate tier id "${tier.id}"`, input: tier.id });
      ids.add(tier.id);
      const previous = site.tiers[index - 1];
      if (!previous) return;
      if (TLP_LABELS.indexOf(tier.tlp) < TLP_LABELS.indexOf(previous.tlp)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'tlp'],
          message: `TLP:${tier.tlp} is less strict than TLP:${previous.tlp} of the tier before it; TLP must never get less strict along the list`,
          input: tier.tlp,
        });
      }
      if (leadRank(tier.lead) < leadRank(previous.lead)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'lead'],
          message: `this lead is shorter than the lead of "${previous.id}" before it; leads must never get shorter along the list`,
        });
      }
    });
    for (const [name, tier] of Object.entries(site.classes)) {
      if (!ids.has(tier)) {
        ctx.addIssue({
          code: 'custom',
          path: ['classes', name],
          message: `unknown tier "${tier}"; expected one of ${[...ids].join(', ')}`,
          input: tier,
        });
      }
    }
  });

export type SiteInput = z.input<typeof SiteSchema>;
export type Site = z.output<typeof SiteSchema>;
export type Tier = Site['tiers'][number];

function leadRank(lead: number | 'always'): number {
  return lead === 'always' ? Number.POSITIVE_INFINITY : lead;
}

/** Position of a tier in the list; a higher rank is more trusted. -1 when unknown. */
export function tierRank(site: Site, id: string): number {
  return site.tiers.findIndex((tier) => tier.id === id);
}

/** The tier a gate name stands for: a class's tier, or undefined for an unknown name. */
export function classTier(site: Site, name: string): string | undefined {
  return Object.hasOwn(site.classes, name) ? site.classes[name] : undefined;
}

/**
 * The base URL a tier's bundle is served from: its `url`, else the site's URL
 * for the first tier and `<site url>/<tier id>/` for the others.
 */
export function tierBaseUrl(site: Pick<Site, 'site' | 'tiers'>, tier: Tier): string {
  if (tier.url) return tier.url;
  const base = site.site.url.replace(/\/$/, '');
  return site.tiers[0]?.id === tier.id ? base : `${base}/${tier.id}`;
}

/**
 * The URL a bundle is served at, in one form (path ending in `/`): a
 * partner's own `url` when it has one, else the URL of the tier its view has.
 * Every page link, feed, search result and export of the bundle is made from it.
 */
export function bundleBaseUrl(site: Pick<Site, 'site' | 'tiers'>, tier: Tier, partner?: { url?: string | undefined }): string {
  const url = new URL(partner?.url ?? tierBaseUrl(site, tier));
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}
