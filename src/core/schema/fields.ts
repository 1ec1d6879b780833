import { z } from 'zod';
import { instantProblem } from './instant-problem.ts';

/** Text written by a person: a non-empty string, rendered escaped wherever it appears. */
export const Text = z
  .string({ error: 'expected text' })
  .refine((value) => value.trim().length > 0, { error: 'must not be empty' });

/** Identifier of a tier, a content class or a group. */
export const TierId = z.string({ error: 'expected a tier id' }).regex(/^[a-z][a-z0-9-]{0,31}$/, {
  error: 'expected a tier id: a lowercase letter, then up to 31 lowercase letters, digits or dashes',
});

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2})))?$/;

/**
 * Parses an RFC 3339 date-time with seconds, or a plain date meaning midnight
 * UTC, into milliseconds since the epoch. Returns undefined for anything else,
 * including impossible dates such as 30 February.
 */
export function parseInstant(value: string): number | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const fraction = m[7] ? Number(`0${m[7]}`) : 0;
  if (month! < 1 || month! > 12 || day! < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = m[10] ? Number(m[10]) : 0;
  const offsetMinutes = m[11] ? Number(m[11]) : 0;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  // Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear takes the year as given.
  const check = new Date(0);
  check.setUTCFullYear(year!, month! - 1, day!);
  check.setUTCHours(hour, minute, second, 0);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day) return undefined;
  const sign = m[9] === '-' ? -1 : 1;
  const ms = check.getTime() + Math.round(fraction * 1000) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  // An offset can carry 0000-01-01 or 9999-12-31 out of the years RFC 3339 can write.
  return ms >= FIRST_INSTANT && ms <= LAST_INSTANT ? ms : undefined;
}

/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants RFC 3339 can write, in milliseconds. */
export const FIRST_INSTANT = -62_167_219_200_000;
export const LAST_INSTANT = 253_402_300_799_999;

/** An instant in UTC, normalised to `YYYY-MM-DDTHH:MM:SS(.sss)Z`. */
export const Instant = z.string({ error: 'expected a date-time such as 2025-07-22T17:00:00Z' }).transform((value, ctx) => {
  const ms = parseInstant(value);
  if (ms === undefined) {
    const message = instantProblem(value);
    ctx.addIssue({ code: 'custom', message, input: value, params: { shown: message.includes(value) } });
    return z.NEVER;
  }
  return formatInstant(ms);
});

/**
 * Milliseconds since the epoch as the canonical instant text (milliseconds
 * only when present), with a four-digit year from 0000 to 9999. An instant
 * outside those years (a lead before 0000-01-01) is written from
 * 0000-01-01T00:00:00Z rather than in the six-digit form RFC 3339 lacks: no
 * build runs that early, so nothing becomes visible sooner or later by it.
 */
export function formatInstant(ms: number): string {
  const iso = new Date(Math.min(Math.max(ms, FIRST_INSTANT), LAST_INSTANT)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** How long before release a tier receives an advisory; `always` means at once, drafts included. */
export const Lead = z
  .string({ error: 'expected a lead such as 0h, 24h, 5d or always' })
  .transform((value, ctx): number | 'always' => {
    if (value === 'always') return 'always';
    const m = /^(0|[1-9]\d{0,5})([hd])$/.exec(value);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'expected a lead such as 0h, 24h, 5d or always', input: value });
      return z.NEVER;
    }
    return Number(m[1]) * (m[2] === 'd' ? 24 : 1) * 3_600_000;
  });

/** An absolute web address; only http and https are allowed in frontmatter. */
export const WebUrl = z.string({ error: 'expected a URL' }).refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length > 0 && !/\s/.test(value);
    } catch {
      return false;
    }
  },
  { error: 'expected an absolute http or https URL' },
);

/**
 * Where a bundle is served from: https only, checked here rather than when the
 * exports are written, since CSAF provider metadata and feeds state it.
 */
export const HttpsUrl = WebUrl.refine((value) => URL.parse(value)?.protocol !== 'http:', { error: 'expected an https URL: bundles are served over TLS' }).refine(
  (value) => {
    const url = URL.parse(value);
    return !url || (url.search === '' && url.hash === '' && url.username === '' && url.password === '');
  },
  { error: 'expected the URL a bundle is served at: a host and an optional path, without query, fragment or credentials' },
);

/** One value or a list of them, always read as a list. */
export function oneOrMany<T extends z.ZodType>(item: T, what: string) {
  return z
    .union([item, z.array(item).min(1, { error: `expected at least one ${what}` })], {
      error: `expected ${what} or a list of them`,
    })
    .transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);
}
