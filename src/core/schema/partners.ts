import { Encrypter } from 'age-encryption';
import { z } from 'zod';
import { HttpsUrl, Lead, Text } from './fields.ts';
import type { Site } from './site.ts';
import { strict } from './strict.ts';

const PartnerId = z.string({ error: 'expected an id' }).regex(/^[a-z][a-z0-9-]{0,63}$/, {
  error: 'expected an id: a lowercase letter, then up to 63 lowercase letters, digits or dashes',
});

/** An age X25519 recipient: `age1` and 58 bech32 characters that the age library accepts (checksum included). */
const AgeRecipient = z
  .string({ error: 'expected an age public key' })
  .regex(/^age1[02-9ac-hj-np-z]{58}$/, { error: 'expected an age X25519 public key (age1 followed by 58 bech32 characters)' })
  .refine(
    (recipient) => {
      try {
        new Encrypter().addRecipient(recipient);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'not a valid age X25519 public key (its checksum or length is wrong)' },
  );

/**
 * The schema of `content/partners.yaml` for one site: tiers and classes are
 * checked against the site, groups against the file itself.
 */
export function partnersSchema(site: Site) {
  const tierIds = site.tiers.map((tier) => tier.id);
  const classNames = Object.keys(site.classes);
  const tier = z.string({ error: 'expected a tier id' }).refine((id) => tierIds.includes(id), {
    error: `expected one of the tiers ${tierIds.join(', ')}`,
  });
  const classList = z
    .array(z.string({ error: 'expected a class name' }).refine((name) => classNames.includes(name), {
      error: `expected one of the classes ${classNames.join(', ') || '(none defined)'}`,
    }))
    .default([]);

  const Group = strict({
    max_tier: tier.optional(),
    withhold: classList,
    max_lead: Lead.refine((lead) => lead !== 'always', { error: 'max_lead must be a duration such as 0h or 24h' }).optional(),
  });
  const Partner = strict({
    id: PartnerId,
    name: Text,
    tier: tier.refine((id) => site.tiers.find((t) => t.id === id)?.lead !== 'always', {
      error: 'a partner cannot have a tier whose lead is always (it would receive drafts)',
    }),
    groups: z.array(z.string({ error: 'expected a group name' })).default([]),
    withhold: classList,
    recipient: AgeRecipient.optional(),
    /** Where this partner's bundle is served, when not at its tier's URL: the base of its links, feeds, search and exports. */
    url: HttpsUrl.optional(),
  });

  return strict({
    groups: z.record(PartnerId, Group).default({}),
    partners: z.array(Partner).default([]),
  }).superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.partners.forEach((partner, index) => {
      if (seen.has(partner.id)) ctx.addIssue({ code: 'custom', path: ['partners', index, 'id'], message: `duplicate partner id "${partner.id}"` });
      seen.add(partner.id);
      partner.groups.forEach((group, g) => {
        if (!Object.hasOwn(file.groups, group)) {
          ctx.addIssue({
            code: 'custom',
            path: ['partners', index, 'groups', g],
            message: `unknown group "${group}"; expected one of ${Object.keys(file.groups).join(', ') || '(none defined)'}`,
          });
        }
      });
    });
  });
}

export type Partners = z.output<ReturnType<typeof partnersSchema>>;
export type Partner = Partners['partners'][number];
