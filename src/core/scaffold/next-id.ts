import { ADVISORY_ID } from '../schema/advisory.ts';

/** The prefix of new ids when the content has no advisory to take one from. */
export const DEFAULT_PREFIX = 'ADV';

/** What an id prefix may be: the part of `ADVISORY_ID` before the year. */
export const PREFIX = /^[A-Z][A-Z0-9]{1,15}$/;

/**
 * The prefix the existing advisories use (`CTSA` of CTSA-2025-0007): the
 * most common one, ties going to the first in code-unit order; undefined
 * when there is no advisory id among `ids`.
 */
export function idPrefix(ids: Iterable<string>): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) if (ADVISORY_ID.test(id)) counts.set(id.split('-')[0]!, (counts.get(id.split('-')[0]!) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0];
}

/**
 * The next free id of a prefix and year: one above the highest number in
 * use (compared regardless of case, as duplicate ids are), at least four
 * digits. Gaps are not reused: a number once given may be cited already.
 */
export function nextId(ids: Iterable<string>, prefix: string, year: string): string {
  const pattern = new RegExp(`^${prefix}-${year}-(\\d{4,7})$`, 'i');
  let highest = 0;
  for (const id of ids) highest = Math.max(highest, Number(pattern.exec(id)?.[1] ?? 0));
  return `${prefix}-${year}-${String(highest + 1).padStart(4, '0')}`;
}
