/**
 * Version ranges as CSAF 2.0 wants them in `product_version_range` names:
 * the vers form (Version Range Specifier, package-url project), canonical:
 * constraints sorted by version, `|` between them, equality without `=`.
 */

import { numericOrder, rangeText } from '../range-text.ts';

/**
 * purl types that are also vers types: vers names each package ecosystem's
 * versioning scheme after its purl type. Every other type (generic, github,
 * docker…) and a product without purl get `generic`.
 */
const VERS_TYPES = new Set(['alpm', 'apk', 'cargo', 'composer', 'cpan', 'deb', 'gem', 'golang', 'hackage', 'maven', 'npm', 'nuget', 'pypi', 'rpm']);

/** The vers type for a product with this purl type (or none). */
export function versType(purlType: string | undefined): string {
  return purlType !== undefined && VERS_TYPES.has(purlType) ? purlType : 'generic';
}

/** What an `affected` or fixed text is, read exactly. */
export type VersionText =
  /** One or more single versions: each is a `product_version`, as CSAF prefers to enumerate them. */
  | { kind: 'versions'; versions: string[] }
  /** A range, as a canonical vers string. */
  | { kind: 'range'; vers: string }
  /** Text this cannot read exactly: kept as written. */
  | { kind: 'text' };

interface Constraint {
  operator: '<' | '<=' | '>' | '>=';
  version: string;
}

/**
 * Reads a version text of an advisory by the exports' one grammar
 * (`rangeText`): `*` is every version (`vers:all/*`, the form CSAF 2.0
 * §3.1.2.3.2 prescribes); single versions, bare or with `=` or `==`, are
 * versions to enumerate; one comparison, or a lower and an upper bound in
 * either order, is a range. Anything else is text: what the grammar does not
 * read (prose, `!=`, two lower bounds), a Cargo caret or tilde (vers has
 * neither, and what they span is the ecosystem's), and bounds whose order is
 * plainly empty (`>= 2.0, < 1.0`, `>= 2.0, < 2.0.0`).
 */
export function readVersionText(text: string, type: string): VersionText {
  const shape = rangeText(text);
  if (shape?.kind === 'any') return { kind: 'range', vers: 'vers:all/*' };
  if (shape?.kind === 'exact') return { kind: 'versions', versions: shape.versions };
  if (shape?.kind !== 'bounds') return { kind: 'text' };
  const { lower, upper } = shape;
  // vers needs the lower bound first in version order; where both are plain numbers, an empty range is refused.
  const order = lower && upper ? numericOrder(lower.version, upper.version) : undefined;
  if (order !== undefined && order >= 0) return { kind: 'text' };
  const constraints: Constraint[] = [
    ...(lower ? [{ operator: lower.inclusive ? '>=' : '>', version: lower.version } as const] : []),
    ...(upper ? [{ operator: upper.inclusive ? '<=' : '<', version: upper.version } as const] : []),
  ];
  return { kind: 'range', vers: vers(type, constraints) };
}

function vers(type: string, constraints: readonly Constraint[]): string {
  return `vers:${type}/${constraints.map((constraint) => `${constraint.operator}${encodeVersion(constraint.version)}`).join('|')}`;
}

/** The characters vers reserves are percent-encoded in a version (vers §5.3.3.2). */
function encodeVersion(version: string): string {
  return version.replace(/[%<>=!*|]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
