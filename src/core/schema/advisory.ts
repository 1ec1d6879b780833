import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import { CvssEntry, SEVERITIES } from './cvss.ts';
import { Instant, oneOrMany, Text, WebUrl } from './fields.ts';
import type { Site } from './site.ts';
import { strict } from './strict.ts';

/** Advisory ids such as CTSA-2025-0007; the file name must equal the id. */
export const ADVISORY_ID = /^[A-Z][A-Z0-9]{1,15}-\d{4}-\d{4,7}$/;

export const REFERENCE_TYPES = ['advisory', 'article', 'detection', 'fix', 'report', 'web'] as const;
export const STATUSES = ['draft', 'interim', 'final'] as const;
export const KINDS = ['vulnerability', 'informational'] as const;

const Reference = strict({
  url: WebUrl,
  type: z.enum(REFERENCE_TYPES, { error: `expected a reference type: ${REFERENCE_TYPES.join(', ')}` }),
});

const Purl = z.string({ error: 'expected a package URL' }).refine(
  (value) => {
    try {
      PackageURL.fromString(value);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a package URL such as pkg:npm/contoso-sdk@1.2.3 (purl specification)' },
);

const Product = strict({
  name: Text,
  /** Who makes the product, when not the publisher's vendor: names its CSAF vendor branch. */
  vendor: Text.optional(),
  purl: Purl.optional(),
  affected: oneOrMany(Text, 'a version range'),
  fixed: oneOrMany(Text, 'a version').optional(),
});

/** What one tier adds to or replaces in an advisory (docs/format.md#overlays-and-how-they-fold). */
const Overlay = strict({
  title: Text.optional(),
  summary: Text.optional(),
  /** Markdown with the body's rules; parsed and gated by the body parser, not here. */
  notes: Text.optional(),
  references: z.array(Reference).optional(),
  release: Instant.optional(),
});

const idList = (pattern: RegExp, example: string) =>
  z.array(z.string({ error: `expected an id such as ${example}` }).regex(pattern, { error: `expected an id such as ${example}` })).default([]);

/**
 * The frontmatter schema for one site: overlays are keyed by that site's
 * tier ids, so an unknown or misspelt tier is an error.
 */
export function advisorySchema(site: Site) {
  const overlays = Object.fromEntries(site.tiers.map((tier) => [tier.id, Overlay.optional()]));
  return strict({
    id: z.string({ error: 'expected an advisory id' }).regex(ADVISORY_ID, {
      error: 'expected an advisory id such as CTSA-2025-0007 (PREFIX-YYYY-NNNN)',
    }),
    title: Text,
    summary: Text,
    kind: z.enum(KINDS, { error: `expected ${KINDS.join(' or ')}` }).default('vulnerability'),
    severity: z.enum(SEVERITIES, { error: `expected a severity: ${SEVERITIES.join(', ')}` }).optional(),
    cvss: z.array(CvssEntry).default([]),
    cves: idList(/^CVE-\d{4}-\d{4,}$/, 'CVE-2025-53770'),
    aliases: z.array(Text).default([]),
    related: z.array(Text).default([]),
    cwes: idList(/^CWE-\d+$/, 'CWE-502'),
    keywords: z.array(Text).default([]),
    products: z.array(Product, { error: 'expected a list of products' }).min(1, { error: 'at least one product is required' }),
    release: Instant.optional(),
    status: z.enum(STATUSES, { error: `expected a status: ${STATUSES.join(', ')}` }).default('final'),
    withdrawn: strict({ at: Instant, reason: Text }).optional(),
    revisions: z.array(strict({ date: Instant, summary: Text })).default([]),
    credits: z.array(Text).default([]),
    references: z.array(Reference).default([]),
    tiers: strict(overlays, 'tier').default({}),
  }).superRefine((advisory, ctx) => {
    if (advisory.status !== 'draft' && advisory.release === undefined) {
      ctx.addIssue({ code: 'custom', path: ['release'], message: 'missing required field "release" (only a draft may leave it out)' });
    }
    advisory.revisions.forEach((revision, index) => {
      const previous = advisory.revisions[index - 1];
      if (previous && Date.parse(revision.date) < Date.parse(previous.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['revisions', index, 'date'],
          message: 'revisions must be listed oldest first',
          input: revision.date,
        });
      }
    });
    for (const tier of site.tiers) {
      if (tier.lead === 'always' && advisory.tiers[tier.id]?.release !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', tier.id, 'release'],
          message: `"${tier.id}" sees every advisory at once (lead: always), so a release override has no meaning`,
        });
      }
    }
  });
}

export type AdvisorySchema = ReturnType<typeof advisorySchema>;
export type Frontmatter = z.output<AdvisorySchema>;
export type FrontmatterInput = z.input<AdvisorySchema>;
export type Reference = z.output<typeof Reference>;
export type Product = z.output<typeof Product>;
export type OverlayFields = z.output<typeof Overlay>;
