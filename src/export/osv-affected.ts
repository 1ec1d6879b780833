import { PackageURL } from 'packageurl-js';
import type { Product } from '../core/schema/advisory.ts';
import { ecosystemReading } from './osv-ecosystem-range.ts';
import type { OsvEvent, Reading } from './osv-events.ts';
import { semverReading } from './osv-semver-range.ts';
import { rangeText } from './range-text.ts';

/** The OSV range type of an ecosystem: SEMVER where its versions are ordered by SemVer 2.0 precedence, ECOSYSTEM otherwise. */
export type RangeType = 'SEMVER' | 'ECOSYSTEM';

/**
 * purl types whose OSV ecosystem and package name follow from the purl alone,
 * with the range type their versions take. Others (generic, deb, apk, docker,
 * github, …) need a release or distribution OSV requires and a purl does not
 * give, or have no OSV ecosystem, so they get no `package`. Pub is ECOSYSTEM:
 * pub orders versions by their build metadata too, which SemVer ignores.
 */
const ECOSYSTEMS: Record<string, { ecosystem: string; separator: string; type: RangeType }> = {
  cargo: { ecosystem: 'crates.io', separator: '/', type: 'SEMVER' },
  composer: { ecosystem: 'Packagist', separator: '/', type: 'ECOSYSTEM' },
  conan: { ecosystem: 'ConanCenter', separator: '/', type: 'ECOSYSTEM' },
  cran: { ecosystem: 'CRAN', separator: '/', type: 'ECOSYSTEM' },
  gem: { ecosystem: 'RubyGems', separator: '/', type: 'ECOSYSTEM' },
  golang: { ecosystem: 'Go', separator: '/', type: 'SEMVER' },
  hackage: { ecosystem: 'Hackage', separator: '/', type: 'ECOSYSTEM' },
  hex: { ecosystem: 'Hex', separator: '/', type: 'SEMVER' },
  maven: { ecosystem: 'Maven', separator: ':', type: 'ECOSYSTEM' },
  npm: { ecosystem: 'npm', separator: '/', type: 'SEMVER' },
  nuget: { ecosystem: 'NuGet', separator: '/', type: 'ECOSYSTEM' },
  pub: { ecosystem: 'Pub', separator: '/', type: 'ECOSYSTEM' },
  pypi: { ecosystem: 'PyPI', separator: '/', type: 'ECOSYSTEM' },
};

/**
 * One OSV `affected` entry per product. With a purl of a known ecosystem it
 * names the package (purl without version, as OSV asks) and gives the ranges
 * and exact versions its `affected` texts describe, one range per interval,
 * when every text can be read exactly (`affectedVersions`). The ranges and
 * fixed versions as written are always kept in `database_specific`.
 */
export function osvAffected(product: Product) {
  const purl = product.purl ? attempt(() => PackageURL.fromString(product.purl!)) : undefined;
  // Own keys only: a purl type such as `constructor` must not find an inherited property.
  const known = purl && Object.hasOwn(ECOSYSTEMS, purl.type) ? ECOSYSTEMS[purl.type] : undefined;
  const read = known ? affectedVersions(product.affected, known.type) : undefined;
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
    ...(read && read.ranges.length > 0 ? { ranges: read.ranges } : {}),
    ...(read && read.versions.length > 0 ? { versions: read.versions } : {}),
    database_specific: {
      product: product.name,
      ...(product.purl ? { purl: product.purl } : {}),
      affected: product.affected,
      ...(product.fixed ? { fixed: product.fixed } : {}),
    },
  };
}

/** How one `affected` text reads as versions of the given range type, or undefined when it cannot be read exactly. */
export function readAffected(text: string, type: RangeType): Reading | undefined {
  const shape = rangeText(text);
  if (!shape) return undefined;
  return type === 'SEMVER' ? semverReading(shape) : ecosystemReading(shape);
}

/**
 * The OSV ranges (one per interval) and exact versions of a product's
 * `affected` texts, or undefined when any text cannot be read exactly. OSV
 * readers take the ranges and versions as the whole affected set, so reading
 * only some texts would say that the versions of the others are not affected.
 */
export function affectedVersions(texts: readonly string[], type: RangeType): { ranges: { type: RangeType; events: OsvEvent[] }[]; versions: string[] } | undefined {
  const readings = texts.map((text) => readAffected(text, type));
  if (readings.some((reading) => reading === undefined)) return undefined;
  const ranges = (readings as Reading[]).flatMap((reading) => ('events' in reading ? [{ type, events: reading.events }] : []));
  const versions = (readings as Reading[]).flatMap((reading) => ('versions' in reading ? reading.versions : []));
  return { ranges, versions: [...new Set(versions)] };
}

/** The value of `make`, or undefined where the purl library refuses the input. */
function attempt<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}
