import { intervalEvents, type Reading } from './osv-events.ts';
import { numericOrder, type RangeText } from './range-text.ts';

// Versions in these ecosystems start with a digit; a word (`all`, `latest`, `unknown`) or a wildcard part (`1.2.x`)
// is prose or a pattern, not a version to list or compare.
const VERSION = /^\d[0-9A-Za-z.+_!-]*$/;
const WILDCARD = /(^|\.)[xX](\.|$)/;

const isVersion = (text: string) => VERSION.test(text) && !WILDCARD.test(text);

/**
 * How an ecosystem with its own version order (PyPI, Maven, NuGet, RubyGems,
 * Packagist, …) reads a range text, as OSV ECOSYSTEM ranges: the versions are
 * the ecosystem's, compared by its own rules, so they are written as given.
 * Undefined for a word or a wildcard where a version belongs (`all`,
 * `1.2.x`), and where the range cannot be exact without knowing those rules: an
 * exclusive lower bound (`> 1.0` has no OSV event, and the least version above
 * 1.0 depends on the ecosystem), a caret or tilde (each ecosystem means
 * something else by them), and a lower and an upper bound whose order is not
 * plain (see `dottedOrder`), since events out of order would not describe an
 * empty or reversed range.
 */
export function ecosystemReading(text: RangeText): Reading | undefined {
  if (text.kind === 'any') return { events: [{ introduced: '0' }] };
  if (text.kind === 'exact') return text.versions.every(isVersion) ? { versions: text.versions } : undefined;
  if (text.kind !== 'bounds' || (text.lower && !text.lower.inclusive)) return undefined;
  const { lower, upper } = text;
  if ((lower && !isVersion(lower.version)) || (upper && !isVersion(upper.version))) return undefined;
  if (lower && upper) {
    const order = dottedOrder(lower.version, upper.version);
    if (order === undefined || order > 0 || (order === 0 && !upper.inclusive)) return undefined;
  }
  return { events: intervalEvents(lower?.version ?? '0', upper) };
}

/**
 * The order of two versions that every ecosystem here orders alike: both
 * plain dotted numbers (`16.0.10930.20011`) that differ in some number, or the
 * same text. Undefined otherwise: `1.0` and `1.0.0` are equal in PyPI and
 * Maven but not in Hackage or CRAN, and pre-release and other suffixes sort
 * differently in each ecosystem.
 */
export function dottedOrder(a: string, b: string): number | undefined {
  if (a === b) return 0;
  const order = numericOrder(a, b);
  return order === 0 ? undefined : order;
}
