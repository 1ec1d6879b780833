import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PassageTiers } from './passages.ts';
import type { PageData } from './stage.ts';
import { sitePath } from './urls.ts';

/** The environment variable naming the staging folder of the tier being rendered. */
export const STAGE_ENV = 'TIERPRESS_STAGE';

let cached: PageData | undefined;

/**
 * The page data of the tier being rendered, read once per process from its
 * own staging folder: Astro never sees content/ or another tier.
 */
export function loadPageData(): PageData {
  if (cached) return cached;
  const stage = process.env[STAGE_ENV];
  if (!stage) throw new Error(`${STAGE_ENV} is not set: Astro must be run by tierpress build, one tier at a time`);
  cached = JSON.parse(readFileSync(join(stage, 'pages.json'), 'utf8')) as PageData;
  return cached;
}

/** Lookups every advisory page needs, built once per process rather than once per page. */
export interface PageIndex {
  /** Ids of the advisories this bundle has pages for. */
  visible: ReadonlySet<string>;
  /** Product name to its page's slug. */
  slugs: ReadonlyMap<string, string>;
  /** The lowest tier and the tier names, to label passages the lowest tier does not receive. */
  passageTiers: PassageTiers;
}

let index: PageIndex | undefined;

/** The lookups of the tier being rendered (see `PageIndex`). */
export function pageIndex(): PageIndex {
  if (index) return index;
  const data = loadPageData();
  index = {
    visible: new Set(data.advisories.map((advisory) => advisory.id)),
    slugs: new Map(data.products.map((product) => [product.name, product.slug])),
    passageTiers: { lowest: data.tiers[0]!.id, names: Object.fromEntries(data.tiers.map((tier) => [tier.id, tier.name])) },
  };
  return index;
}

/**
 * A path of the bundle as its pages link it (`advisories/X/` to
 * `/partner/advisories/X/`): every link, script and stylesheet of a
 * component goes through here, so a bundle served below a path stays inside it.
 */
export function href(path: string): string {
  return sitePath(loadPageData().base, path);
}
