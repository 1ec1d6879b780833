import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { viewLookups, type ViewLookups } from './advisory-page.ts';
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

let lookups: ViewLookups | undefined;

/** The lookups advisory pages take their part of (see `ViewLookups`), built once per process rather than once per page. */
export function pageIndex(): ViewLookups {
  lookups ??= viewLookups(loadPageData());
  return lookups;
}

/**
 * The ids of the advisories whose pages Astro renders, as the render process
 * staged them (`render.json`): the others it takes from the cache. All of
 * them when there is no such file, as in the dev server.
 */
export function advisoriesToRender(): ReadonlySet<string> | undefined {
  const stage = process.env[STAGE_ENV];
  if (!stage) throw new Error(`${STAGE_ENV} is not set: Astro must be run by tierpress build, one tier at a time`);
  const path = join(stage, 'render.json');
  return existsSync(path) ? new Set(JSON.parse(readFileSync(path, 'utf8')) as string[]) : undefined;
}

/**
 * A path of the bundle as its pages link it (`advisories/X/` to
 * `/partner/advisories/X/`): every link, script and stylesheet of a
 * component goes through here, so a bundle served below a path stays inside it.
 */
export function href(path: string): string {
  return sitePath(loadPageData().base, path);
}
