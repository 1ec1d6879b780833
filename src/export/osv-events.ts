import type { Bound } from './range-text.ts';

/** One OSV range event. */
export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string };

/** What an ecosystem reads in one range text: exact versions, or the events of one interval. */
export type Reading = { versions: string[] } | { events: OsvEvent[] };

/**
 * The events of the interval from `introduced` (inclusive; `0` is OSV's "from
 * the first version") to `upper`: `fixed` when the upper end is excluded,
 * `last_affected` when it is included, nothing when there is none.
 */
export function intervalEvents(introduced: string, upper: Bound | undefined): OsvEvent[] {
  if (!upper) return [{ introduced }];
  return [{ introduced }, upper.inclusive ? { last_affected: upper.version } : { fixed: upper.version }];
}
