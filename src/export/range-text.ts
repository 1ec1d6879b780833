/**
 * The one reading of an advisory's version texts (`affected`, `fixed`) that
 * every export shares: OSV turns its shapes into ranges of an ecosystem,
 * CSAF into vers strings. What each version means is the consumer's call.
 */

/** One end of a range as written: the version text and whether the end is included. */
export interface Bound {
  version: string;
  inclusive: boolean;
}

/**
 * The shape of one version text: every version (`*`); one or more single
 * versions (`= 1.2.3`, `== 1.2.3` or bare `1.2.3`, comma-separated, each
 * listed once in the order written); a Cargo caret or tilde requirement
 * (`^1.2`, `~1.2.3`); or at most one lower and one upper comparison (`> 1.0`,
 * `>= 1.0`, `< 2.0`, `<= 2.0`, or a lower and an upper separated by a comma,
 * in either order).
 */
export type RangeText =
  | { kind: 'any' }
  | { kind: 'exact'; versions: string[] }
  | { kind: 'caret' | 'tilde'; version: string }
  | { kind: 'bounds'; lower?: Bound; upper?: Bound };

// A version is printable ASCII (`ASCII`) without white space, the separators `,` and `|`, the comparison characters
// `<`, `>`, `=` and the wildcard `*`, and does not start with an operator's `^`, `~` or `!` (so `!= 1.2` and `~> 1.2`
// are no versions); inside it `~` (Debian's `1.0~rc1`), `!` (PyPI's epoch `1!2.0`), `:` and `%` may stand.
// Which tokens are versions of an ecosystem is each consumer's call, not this grammar's.
const PART = /^(>=|<=|==|=|>|<|\^|~)?\s*([^\s,<=>|*^~!][^\s,<=>|*]*)$/;
const ASCII = /^[\x21-\x7e]+$/;

/**
 * The shape of a version text, or undefined when it is none of the forms
 * above: unknown operators (`~>`, `!=`, `||`, `=>`), several lower or upper
 * bounds (`>= 2.0, >= 3.0`), three comparisons, a caret, tilde or single
 * version combined with a comparison, white space or non-ASCII inside a
 * version, prose, an empty text or part. Never throws.
 */
export function rangeText(text: string): RangeText | undefined {
  if (text.trim() === '*') return { kind: 'any' };
  const parts = text.split(',').map((part) => PART.exec(part.trim()));
  if (parts.some((part) => part === null || !ASCII.test(part[2]!))) return undefined;
  const comparisons = (parts as RegExpExecArray[]).map(([, operator = '', version]) => ({ operator, version: version! }));
  if (comparisons.every(({ operator }) => operator === '' || operator === '=' || operator === '==')) {
    return { kind: 'exact', versions: [...new Set(comparisons.map(({ version }) => version))] };
  }
  if (comparisons.length === 1) {
    const { operator, version } = comparisons[0]!;
    if (operator === '^') return { kind: 'caret', version };
    if (operator === '~') return { kind: 'tilde', version };
  }
  if (comparisons.length > 2) return undefined;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const { operator, version } of comparisons) {
    if ((operator === '>' || operator === '>=') && !lower) lower = { version, inclusive: operator === '>=' };
    else if ((operator === '<' || operator === '<=') && !upper) upper = { version, inclusive: operator === '<=' };
    else return undefined;
  }
  return { kind: 'bounds', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

const DOTTED = /^\d+(\.\d+)*$/;

/**
 * The numeric order of two versions made only of dot-separated numbers,
 * missing numbers read as 0 (`1.0` and `1.0.0` are 0 apart), with no limit on
 * their size; undefined when either is any other version.
 */
export function numericOrder(a: string, b: string): number | undefined {
  if (!DOTTED.test(a) || !DOTTED.test(b)) return undefined;
  const left = a.split('.').map(BigInt);
  const right = b.split('.').map(BigInt);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const x = left[index] ?? 0n;
    const y = right[index] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
