import { PackageURL } from 'packageurl-js';
import type { Product } from '../../core/schema/advisory.ts';

/** The product ids one `products` entry of an advisory became. */
export interface ProductIds {
  /** One per affected range. */
  affected: string[];
  /** One per fixed version. */
  fixed: string[];
}

interface Leaf {
  category: 'product_version' | 'product_version_range';
  name: string;
  product: { name: string; product_id: string; product_identification_helper?: { purl: string } };
}

/**
 * `product_tree` of an advisory: vendor → product name → one branch per
 * affected range (`product_version_range`) and per fixed version
 * (`product_version`). Products are grouped by name and every distinct leaf
 * gets one id, CSAFPID-0001 on, in the order written, so ids are unique and
 * stable (mandatory test 6.1.2). Also returns, per product, the ids it became.
 */
export function productTree(products: readonly Product[], vendor: string) {
  const byName = new Map<string, Map<string, Leaf>>();
  let count = 0;
  const leaf = (product: Product, category: Leaf['category'], version: string, purl: string | undefined): string => {
    const leaves = byName.get(product.name) ?? new Map<string, Leaf>();
    byName.set(product.name, leaves);
    const key = `${category}\0${version}\0${purl ?? ''}`;
    const existing = leaves.get(key);
    if (existing) return existing.product.product_id;
    const product_id = `CSAFPID-${String(++count).padStart(4, '0')}`;
    leaves.set(key, {
      category,
      name: version,
      product: { name: `${product.name} ${version}`, product_id, ...(purl ? { product_identification_helper: { purl } } : {}) },
    });
    return product_id;
  };

  const ids = products.map(
    (product): ProductIds => ({
      affected: product.affected.map((range) => leaf(product, 'product_version_range', range, product.purl)),
      fixed: (product.fixed ?? []).map((version) =>
        leaf(product, isRange(version) ? 'product_version_range' : 'product_version', version, purlAt(product.purl, version)),
      ),
    }),
  );
  const tree = {
    branches: [
      {
        branches: [...byName].map(([name, leaves]) => ({ branches: [...leaves.values()], category: 'product_name', name })),
        category: 'vendor',
        name: vendor,
      },
    ],
  };
  return { tree, ids };
}

/**
 * Whether a fixed "version" is really a range: the words and operators that
 * mandatory test 6.1.31 rejects in a `product_version`, or a wildcard.
 */
function isRange(version: string): boolean {
  const words = version.toLowerCase().split(/\s+/);
  return /[<>*]/.test(version) || ['after', 'all', 'before', 'earlier', 'later', 'prior', 'versions'].some((word) => words.includes(word));
}

/**
 * The purl of a fixed version: a purl without a version gets this one; a purl
 * that names a version keeps it (it names an edition, such as `@2019`, that
 * the fixed build belongs to); a fixed text that is no version, or one the
 * purl type refuses, leaves it as it is.
 */
function purlAt(purl: string | undefined, version: string): string | undefined {
  if (!purl) return undefined;
  const parsed = PackageURL.fromString(purl);
  if (parsed.version || /\s/.test(version)) return purl;
  try {
    return new PackageURL(parsed.type, parsed.namespace, parsed.name, version, parsed.qualifiers, parsed.subpath).toString();
  } catch {
    // A version the purl type refuses (a golang `v1.2` is not semver): kept as it is, like a fixed text that is no version.
    return purl;
  }
}
