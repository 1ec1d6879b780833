import { PackageURL } from 'packageurl-js';
import type { Product } from '../core/schema/advisory.ts';

/**
 * purl types whose OSV ecosystem and package name follow from the purl alone.
 * Others (generic, deb, apk, …) need a release or distribution OSV requires
 * and a purl does not give, so they get no `package`.
 */
const ECOSYSTEMS: Record<string, { ecosystem: string; separator: string }> = {
  cargo: { ecosystem: 'crates.io', separator: '/' },
  composer: { ecosystem: 'Packagist', separator: '/' },
  conan: { ecosystem: 'ConanCenter', separator: '/' },
  cran: { ecosystem: 'CRAN', separator: '/' },
  gem: { ecosystem: 'RubyGems', separator: '/' },
  golang: { ecosystem: 'Go', separator: '/' },
  hackage: { ecosystem: 'Hackage', separator: '/' },
  hex: { ecosystem: 'Hex', separator: '/' },
  maven: { ecosystem: 'Maven', separator: ':' },
  npm: { ecosystem: 'npm', separator: '/' },
  nuget: { ecosystem: 'NuGet', separator: '/' },
  pub: { ecosystem: 'Pub', separator: '/' },
  pypi: { ecosystem: 'PyPI', separator: '/' },
};

type Event = { introduced: string } | { fixed: string } | { last_affected: string };

/**
 * One OSV `affected` entry per product. With a purl of a known ecosystem it
 * names the package (purl without version, as OSV asks) and turns each range
 * that is a plain comparison (`*`, `< 2.0`, `>= 1.2, < 1.4`, `<= 1.3`) into an
 * ECOSYSTEM range; everything else stays text only. The ranges and fixed
 * versions as written are always kept in `database_specific`.
 */
export function osvAffected(product: Product) {
  const purl = product.purl ? attempt(() => PackageURL.fromString(product.purl!)) : undefined;
  // Own keys only: a purl type such as `constructor` must not find an inherited property.
  const known = purl && Object.hasOwn(ECOSYSTEMS, purl.type) ? ECOSYSTEMS[purl.type] : undefined;
  const ranges = known ? product.affected.map(events).filter((list) => list !== undefined) : [];
  // OSV wants the purl without its version, which some types forbid (a cran purl must have one): then none is given.
  const unversioned = purl && known ? attempt(() => new PackageURL(purl.type, purl.namespace, purl.name, undefined, purl.qualifiers, purl.subpath).toString()) : undefined;
  return {
    ...(purl && known
      ? {
          package: {
            ecosystem: known.ecosystem,
            name: purl.namespace ? `${purl.namespace}${known.separator}${purl.name}` : purl.name,
            ...(unversioned ? { purl: unversioned } : {}),
          },
        }
      : {}),
    ...(ranges.length > 0 ? { ranges: ranges.map((list) => ({ type: 'ECOSYSTEM', events: list })) } : {}),
    database_specific: {
      product: product.name,
      ...(product.purl ? { purl: product.purl } : {}),
      affected: product.affected,
      ...(product.fixed ? { fixed: product.fixed } : {}),
    },
  };
}

/** The value of `make`, or undefined where the purl library refuses the input. */
function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

const COMPARISON = /^(>=|<=|<)\s*([^\s,<>=*]+)$/;

/**
 * The OSV events of a range text, or undefined when it is not a plain
 * comparison this can read exactly: `*`, `>= a`, `< b`, `<= b`, or `>= a`
 * then `< b` or `<= b`, comma-separated. (`> a` has no OSV event.)
 */
export function events(range: string): Event[] | undefined {
  if (range.trim() === '*') return [{ introduced: '0' }];
  const parts = range.split(',').map((part) => COMPARISON.exec(part.trim()));
  if (parts.length > 2 || parts.some((part) => part === null)) return undefined;
  const [first, second] = (parts as RegExpExecArray[]).map(([, operator, version]) => ({ operator: operator!, version: version! }));
  const lower = first!.operator === '>=' ? first : undefined;
  const upper = lower ? second : first;
  if (second && !lower) return undefined;
  if (!upper) return [{ introduced: lower!.version }];
  if (upper.operator === '>=') return undefined;
  const end: Event = upper.operator === '<' ? { fixed: upper.version } : { last_affected: upper.version };
  return [{ introduced: lower?.version ?? '0' }, end];
}
