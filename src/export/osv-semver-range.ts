import semver, { type Comparator, type SemVer } from 'semver';
import { intervalEvents, type Reading } from './osv-events.ts';
import type { Bound, RangeText } from './range-text.ts';

// A partial version `1` or `1.2`, which stands for a whole series; full versions are checked by the library.
const PARTIAL = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*))?$/;

// includePrerelease: comparisons are by SemVer precedence over every version, pre-releases included, as OSV's SEMVER
// ranges are; the library then writes a partial's series with `-0` (`< 2.0` is `< 2.0.0-0`, before 2.0's pre-releases).
const OPTIONS = { includePrerelease: true };

/** The least SemVer version, which OSV's `introduced: 0` stands for. */
const LEAST = new semver.SemVer('0.0.0-0');

interface Edge {
  version: SemVer;
  inclusive: boolean;
}

/**
 * How a SemVer ecosystem (crates.io, npm, Go, Hex) reads a range text, by
 * node-semver with pre-releases included: a partial version is its whole
 * series as in Cargo and npm, its pre-releases too (`<= 1.2` is `< 1.3.0-0`,
 * `> 1.2` is `>= 1.3.0-0`), `^` and `~` are Cargo's caret and tilde, full
 * exact versions are listed in `versions` (a partial one is its series;
 * several that are not all full are not read). An exclusive lower bound `> v`, for which OSV has no
 * event, becomes `introduced` at the least version above v (`successor`), so
 * the interval is the same. Undefined for a version that is not SemVer or an
 * empty interval (`> 1.0, < 0.5`).
 */
export function semverReading(text: RangeText): Reading | undefined {
  if (text.kind === 'any') return { events: [{ introduced: '0' }] };
  if (text.kind === 'exact' && text.versions.every((version) => semver.valid(version))) return { versions: text.versions.map(exactVersion) };
  if (text.kind === 'exact' && text.versions.length > 1) return undefined;
  const comparisons = comparisonsOf(text);
  if (comparisons.some(({ version }) => !semver.valid(version) && !PARTIAL.test(version))) return undefined;
  const comparators = comparisons.map(({ operator, version }) => comparatorsOf(`${operator}${version}`));
  // Every comparison must hold: one the library refuses leaves the text unread rather than read without it.
  if (comparators.some((list) => list === undefined)) return undefined;
  const interval = fold(comparators.flat() as Comparator[]);
  if (!interval) return undefined;
  const lower = interval.lower && (interval.lower.inclusive ? interval.lower.version : successor(interval.lower.version));
  const upper = interval.upper;
  if (lower === null) return undefined;
  if (upper) {
    const order = semver.compare(lower ?? LEAST, upper.version);
    if (order > 0 || (order === 0 && !upper.inclusive)) return undefined;
  }
  const end: Bound | undefined = upper && { version: upper.version.version, inclusive: upper.inclusive };
  return { events: intervalEvents(lower ? lower.version : '0', end) };
}

/** The comparisons of a text in the library's syntax (a partial exact version is the library's X-range). */
function comparisonsOf(text: Exclude<RangeText, { kind: 'any' }>): { operator: string; version: string }[] {
  if (text.kind === 'exact') return text.versions.map((version) => ({ operator: '', version }));
  if (text.kind !== 'bounds') return [{ operator: text.kind === 'caret' ? '^' : '~', version: text.version }];
  return [
    ...(text.lower ? [{ operator: text.lower.inclusive ? '>=' : '>', version: text.lower.version }] : []),
    ...(text.upper ? [{ operator: text.upper.inclusive ? '<=' : '<', version: text.upper.version }] : []),
  ];
}

/**
 * The least SemVer version above `version` by SemVer precedence (build
 * metadata ignored): for a release X.Y.Z it is X.Y.(Z+1)-0, the least
 * pre-release of the next patch; for a pre-release it is the same version with
 * one more identifier, `.0` (`1.2.3-alpha` → `1.2.3-alpha.0`). No version lies
 * strictly between the two, so `> v` and `>= successor(v)` are the same set.
 * Null when the next patch number is past what the library represents.
 */
export function successor(version: SemVer): SemVer | null {
  const { major, minor, patch, prerelease } = version;
  // null past the library's largest patch number (Number.MAX_SAFE_INTEGER), where there is no next release to name.
  return semver.parse(prerelease.length === 0 ? `${major}.${minor}.${patch + 1}-0` : `${major}.${minor}.${patch}-${prerelease.join('.')}.0`);
}

/** An exact version as OSV lists it: without a leading `v`, with its build metadata. */
function exactVersion(text: string): string {
  const version = new semver.SemVer(text);
  return version.build.length > 0 ? `${version.version}+${version.build.join('.')}` : version.version;
}

/** The library's comparators for one comparison, caret or tilde; undefined when it refuses the text. */
function comparatorsOf(text: string): readonly Comparator[] | undefined {
  try {
    const range = new semver.Range(text, OPTIONS);
    // One comparison never gives alternatives (`||`); should the library ever do so, the text is not read.
    return range.set.length === 1 ? range.set[0] : undefined;
  } catch {
    return undefined;
  }
}

/** The tightest lower and upper edges of comparators that must all hold; undefined when one is not a plain comparison. */
function fold(comparators: readonly Comparator[]): { lower?: Edge; upper?: Edge } | undefined {
  let lower: Edge | undefined;
  let upper: Edge | undefined;
  for (const comparator of comparators) {
    // The library's "any version" comparator (from `*` parts of a desugared range) carries no version and no edge.
    if (!(comparator.semver instanceof semver.SemVer)) continue;
    const { operator, semver: version } = comparator;
    if (!['>', '>=', '<', '<=', ''].includes(operator)) return undefined;
    // `''` is an exact version: both edges at once.
    if (operator !== '<' && operator !== '<=') lower = tighter(lower, { version, inclusive: operator !== '>' }, 1);
    if (operator !== '>' && operator !== '>=') upper = tighter(upper, { version, inclusive: operator !== '<' }, -1);
  }
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/** Of two edges on the same side, the one that admits less: the greater lower (sign 1) or the lesser upper (sign -1). */
function tighter(current: Edge | undefined, next: Edge, sign: 1 | -1): Edge {
  if (!current) return next;
  const order = semver.compare(next.version, current.version) * sign;
  if (order !== 0) return order > 0 ? next : current;
  return next.inclusive ? current : next;
}
