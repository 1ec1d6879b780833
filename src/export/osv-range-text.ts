/** One end of a range as written: the version text and whether the end is included. */
export interface Bound {
  version: string;
  inclusive: boolean;
}

/**
 * The shape of one `affected` text, before any ecosystem reads its versions:
 * every version (`*`), one version (`= 1.2.3`, `== 1.2.3` or bare `1.2.3`),
 * a Cargo caret or tilde requirement (`^1.2`, `~1.2.3`), or at most one lower
 * and one upper comparison (`> 1.0`, `>= 1.0`, `< 2.0`, `<= 2.0`, or a lower
 * and an upper separated by a comma, in either order).
 */
export type RangeText =
  | { kind: 'any' }
  | { kind: 'exact'; version: string }
  | { kind: 'caret' | 'tilde'; version: string }
  | { kind: 'bounds'; lower?: Bound; upper?: Bound };

// A version token starts with a letter or digit (so `v1.2` passes) and holds no operator, comma or space;
// which tokens are versions is each ecosystem's call, not this grammar's.
const PART = /^(>=|<=|==|=|>|<|\^|~)?\s*([0-9A-Za-z][0-9A-Za-z.+_!-]*)$/;

/**
 * The shape of a range text, or undefined when it is none of the forms above:
 * unknown operators (`~>`, `!=`, `||`), several lower or upper bounds
 * (`>= 2.0, >= 3.0`), a caret, tilde or exact version combined with anything,
 * prose. Never throws.
 */
export function rangeText(text: string): RangeText | undefined {
  if (text.trim() === '*') return { kind: 'any' };
  const parts = text.split(',').map((part) => PART.exec(part.trim()));
  if (parts.length > 2 || parts.some((part) => part === null)) return undefined;
  const comparisons = (parts as RegExpExecArray[]).map(([, operator = '', version]) => ({ operator, version: version! }));
  if (comparisons.length === 1) {
    const { operator, version } = comparisons[0]!;
    if (operator === '' || operator === '=' || operator === '==') return { kind: 'exact', version };
    if (operator === '^') return { kind: 'caret', version };
    if (operator === '~') return { kind: 'tilde', version };
  }
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const { operator, version } of comparisons) {
    if ((operator === '>' || operator === '>=') && !lower) lower = { version, inclusive: operator === '>=' };
    else if ((operator === '<' || operator === '<=') && !upper) upper = { version, inclusive: operator === '<=' };
    else return undefined;
  }
  return { kind: 'bounds', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

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
