/**
 * Version ranges as CSAF 2.0 wants them in `product_version_range` names:
 * the vers form (Version Range Specifier, package-url project), canonical:
 * constraints sorted by version, `|` between them, equality without `=`.
 */

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

type Operator = '<' | '<=' | '>' | '>=' | '=';
interface Constraint {
  operator: Operator;
  version: string;
}

// A version has no white space, comma or comparison character of its own; anything else is left as text.
const CONSTRAINT = /^(<=|>=|<|>|=)?\s*([^\s,<>=!|*]+)$/;

/**
 * Reads a version text of an advisory: `*` (every version: `vers:all/*`,
 * the form CSAF 2.0 §3.1.2.3.2 prescribes), one comparison (`< 2.0`,
 * `<= 2.0`, `> 1.0`, `>= 1.0`), a lower and an upper bound in either order
 * (`>= 1.0, < 2.0`, `> 1.0, <= 2.0`), or single versions, bare or with `=`,
 * comma-separated. Anything else (`before 2024-05-07`, `!= 1.2`, two lower
 * bounds, a bound on each side of nothing) is text.
 */
export function readVersionText(text: string, type: string): VersionText {
  const trimmed = text.trim();
  if (trimmed === '*') return { kind: 'range', vers: 'vers:all/*' };
  const constraints: Constraint[] = [];
  for (const part of trimmed.split(',')) {
    const match = CONSTRAINT.exec(part.trim());
    if (!match || !isVersChars(match[2]!)) return { kind: 'text' };
    constraints.push({ operator: (match[1] ?? '=') as Operator, version: match[2]! });
  }
  if (constraints.every((constraint) => constraint.operator === '=')) {
    const versions = [...new Set(constraints.map((constraint) => constraint.version))];
    return { kind: 'versions', versions };
  }
  if (constraints.length === 1) return { kind: 'range', vers: vers(type, constraints) };
  if (constraints.length !== 2) return { kind: 'text' };
  const lower = constraints.find((constraint) => constraint.operator === '>' || constraint.operator === '>=');
  const upper = constraints.find((constraint) => constraint.operator === '<' || constraint.operator === '<=');
  if (!lower || !upper) return { kind: 'text' };
  // vers needs the lower bound first in version order; where both are plain numbers, an empty range is refused.
  const order = compareNumeric(lower.version, upper.version);
  if (order !== undefined && order >= 0) return { kind: 'text' };
  return { kind: 'range', vers: vers(type, [lower, upper]) };
}

function vers(type: string, constraints: readonly Constraint[]): string {
  return `vers:${type}/${constraints.map((constraint) => `${constraint.operator === '=' ? '' : constraint.operator}${encodeVersion(constraint.version)}`).join('|')}`;
}

/** Printable ASCII only: vers has no room for other characters, and a version with them is left as text. */
function isVersChars(version: string): boolean {
  return /^[\x21-\x7e]+$/.test(version);
}

/** The characters vers reserves are percent-encoded in a version (vers §5.3.3.2). */
function encodeVersion(version: string): string {
  return version.replace(/[%<>=!*|]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Order of two versions made only of dot-separated numbers; undefined for any other version. */
function compareNumeric(a: string, b: string): number | undefined {
  if (!/^\d+(\.\d+)*$/.test(a) || !/^\d+(\.\d+)*$/.test(b)) return undefined;
  const left = a.split('.').map(BigInt);
  const right = b.split('.').map(BigInt);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0n) - (right[index] ?? 0n);
    if (difference !== 0n) return difference < 0n ? -1 : 1;
  }
  return 0;
}
