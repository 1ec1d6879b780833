import { PackageURL } from 'packageurl-js';
import type { Product } from '../../core/schema/advisory.ts';
import { readVersionText, versType } from './vers.ts';

/** The product ids one `products` entry of an advisory became. */
export interface ProductIds {
  /** Those of its affected versions and ranges. */
  affected: string[];
  /** Those of its fixed versions. */
  fixed: string[];
}

interface Leaf {
  category: 'product_version' | 'product_version_range';
  name: string;
  product: { name: string; product_id: string; product_identification_helper?: { purl: string } };
}

/** Who publishes: its vendor names the vendor branch of products that name none. */
export interface TreePublisher {
  name: string;
  vendor?: string;
}

/**
 * `product_tree` of an advisory: vendor → product name → one leaf per
 * affected or fixed version or range. Single versions are `product_version`
 * leaves (CSAF prefers them to a range of one); ranges are
 * `product_version_range` leaves named in the vers form, or as written where
 * the text is not a comparison `readVersionText` can read exactly. The vendor
 * is the product's `vendor`, else the publisher's `vendor`, else the
 * publisher's name. Every distinct leaf gets one id, CSAFPID-0001 on, in the
 * order written, so ids are unique and stable (mandatory test 6.1.2). Also
 * returns, per product, the ids it became.
 */
export function productTree(products: readonly Product[], publisher: TreePublisher) {
  const vendors = new Map<string, Map<string, Map<string, Leaf>>>();
  let count = 0;
  const leaf = (product: Product, category: Leaf['category'], name: string, written: string, purl: string | undefined): string => {
    const vendor = product.vendor ?? publisher.vendor ?? publisher.name;
    const byName = vendors.get(vendor) ?? new Map<string, Map<string, Leaf>>();
    vendors.set(vendor, byName);
    const leaves = byName.get(product.name) ?? new Map<string, Leaf>();
    byName.set(product.name, leaves);
    const key = `${category}\0${name}\0${purl ?? ''}`;
    const existing = leaves.get(key);
    if (existing) return existing.product.product_id;
    const product_id = `CSAFPID-${String(++count).padStart(4, '0')}`;
    leaves.set(key, {
      category,
      name,
      // The full name is for people: the range as the advisory writes it, not its vers form.
      product: { name: `${product.name} ${written}`, product_id, ...(purl ? { product_identification_helper: { purl } } : {}) },
    });
    return product_id;
  };
  const idsOf = (product: Product, text: string, fixed: boolean): string[] => {
    const purl = parsePurl(product.purl);
    const read = readVersionText(text, versType(purl?.type));
    if (read.kind === 'versions') return read.versions.map((version) => leaf(product, 'product_version', version, version, purlWith(purl, version)));
    // A fixed text that is neither a version nor a range (a date, a build name) is the one version it names.
    if (read.kind === 'text' && fixed && !isRange(text)) return [leaf(product, 'product_version', text, text, purlWith(purl, text))];
    return [leaf(product, 'product_version_range', read.kind === 'range' ? read.vers : text, text, purlWith(purl, undefined))];
  };

  const ids = products.map(
    (product): ProductIds => ({
      affected: product.affected.flatMap((text) => idsOf(product, text, false)),
      fixed: (product.fixed ?? []).flatMap((text) => idsOf(product, text, true)),
    }),
  );
  const tree = {
    branches: [...vendors].map(([vendor, byName]) => ({
      branches: [...byName].map(([name, leaves]) => ({ branches: [...leaves.values()], category: 'product_name', name })),
      category: 'vendor',
      name: vendor,
    })),
  };
  return { tree, ids };
}

/**
 * Whether a fixed text that is no version is really a range: the words and
 * operators that mandatory test 6.1.31 rejects in a `product_version`, or a wildcard.
 */
function isRange(version: string): boolean {
  const words = version.toLowerCase().split(/\s+/);
  return /[<>*]/.test(version) || ['after', 'all', 'before', 'earlier', 'later', 'prior', 'versions'].some((word) => words.includes(word));
}

function parsePurl(purl: string | undefined): PackageURL | undefined {
  return purl === undefined ? undefined : PackageURL.fromString(purl);
}

/**
 * The purl that identifies one leaf: with the leaf's version for a single
 * version, without any version for a range (a purl names one version or
 * none, and a range is not one). A version in the advisory's purl (an
 * edition such as `@2019`) is replaced either way, since a purl's version is
 * the package version the leaf names. Where the purl type refuses the
 * version (packageurl-js checks some types' rules), the purl without a
 * version still names the package; where it refuses that too (a type that
 * needs a version), the leaf gets no helper rather than a wrong one.
 */
function purlWith(purl: PackageURL | undefined, version: string | undefined): string | undefined {
  if (!purl) return undefined;
  for (const candidate of version === undefined ? [undefined] : [version, undefined]) {
    try {
      return new PackageURL(purl.type, purl.namespace, purl.name, candidate, purl.qualifiers, purl.subpath).toString();
    } catch {
      // Refused: the next candidate, if any.
    }
  }
  return undefined;
}
