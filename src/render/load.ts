import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageData } from './stage.ts';

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
