import { z } from 'zod';
import { Text } from './fields.ts';
import { strict } from './strict.ts';

/**
 * One reviewed exception to the audit: a phrase of one advisory's withheld
 * text that bundles may nevertheless hold (because the pipeline writes the
 * same words from visible data), who allowed it, and why.
 */
export const AuditAllowEntrySchema = strict({
  phrase: Text,
  advisory: Text,
  allowed_by: Text,
  reason: Text,
});

/** `content/audit-allow.yaml`: the reviewed exceptions, under `allow`. */
export const AuditAllowSchema = strict({
  allow: z.array(AuditAllowEntrySchema, { error: 'expected a list of entries (phrase, advisory, allowed_by, reason)' }).default([]),
});

export type AuditAllowEntry = z.output<typeof AuditAllowEntrySchema>;
export type AuditAllow = z.output<typeof AuditAllowSchema>;
