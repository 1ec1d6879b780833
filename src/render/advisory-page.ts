import type { PassageTiers } from './passages.ts';
import type { PageAdvisory, PageData } from './stage.ts';

/**
 * What every page of a view shows around its own content: the view's page
 * data without its lists of advisories and products, and without the build
 * instant. An advisory's page does not change with the instant (its own dates
 * say when it was released and revised); were the instant in its chrome,
 * every build at a new instant (the default is now) would render every page
 * again. The pages of the whole view, which do change with it, show it.
 */
export type Chrome = Pick<PageData, 'site' | 'publisher' | 'tier' | 'base' | 'tiers' | 'review' | 'isPublic'>;

/**
 * The chrome of a view's pages, field by field: a field added to PageData
 * reaches the layout only when it is added here, and so to every advisory
 * page's cache key as well.
 */
export function chrome(data: PageData): Chrome {
  const { site, publisher, tier, base, tiers, review, isPublic } = data;
  return { site, publisher, tier, base, tiers, review, isPublic };
}

/**
 * Everything an advisory's page is made from, and all its components may
 * read: the view's chrome, the advisory, whether each advisory it names
 * has a page in this view, and the page slug of each of its products.
 * Its JSON (with the code's version) is the key of the page's HTML in the cache.
 */
export interface AdvisoryPageInput {
  chrome: Chrome;
  advisory: PageAdvisory;
  /** Each related advisory: whether this view has a page for it (a link) or not (its id as text). */
  visible: Record<string, boolean>;
  /** Each of its products' names: the slug of the product's page. */
  slugs: Record<string, string>;
}

/** The lookups of a whole view that advisory pages take their part of: built once per view. */
export interface ViewLookups {
  /** Ids of the advisories this view has pages for. */
  visible: ReadonlySet<string>;
  /** Product name to its page's slug. */
  slugs: ReadonlyMap<string, string>;
}

/** The lookups of a view's page data (see `ViewLookups`). */
export function viewLookups(data: PageData): ViewLookups {
  return {
    visible: new Set(data.advisories.map((advisory) => advisory.id)),
    slugs: new Map(data.products.map((product) => [product.name, product.slug])),
  };
}

/**
 * The input of `advisory`'s page in the view of `data`: a new object that
 * holds exactly what the page may read, and of the view's lists only the
 * entries the advisory names. Pure: the same view and advisory give the same JSON.
 */
export function advisoryPageInput(advisory: PageAdvisory, data: PageData, lookups: ViewLookups): AdvisoryPageInput {
  const slug = (name: string) => {
    const found = lookups.slugs.get(name);
    if (found === undefined) throw new Error(`${advisory.id}: product "${name}" has no page in this view`);
    return found;
  };
  return {
    chrome: chrome(data),
    advisory,
    visible: Object.fromEntries(advisory.related.map((id) => [id, lookups.visible.has(id)])),
    slugs: Object.fromEntries(advisory.products.map((product) => [product.name, slug(product.name)])),
  };
}

/** The lowest tier and the tier names of a view, to label passages the lowest tier does not receive. */
export function passageTiers(chrome: Pick<Chrome, 'tiers'>): PassageTiers {
  return { lowest: chrome.tiers[0]!.id, names: Object.fromEntries(chrome.tiers.map((tier) => [tier.id, tier.name])) };
}
