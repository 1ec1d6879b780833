import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProjectedAdvisory } from '../core/project/project.ts';

/**
 * Copies into a bundle exactly the assets its visible content refers to,
 * under the same path below `assets/`. Returns how many were copied.
 */
export async function copyAssets(contentDir: string, site: string, advisories: readonly ProjectedAdvisory[]): Promise<number> {
  const assets = [...new Set(advisories.flatMap((advisory) => advisory.assets))].sort();
  for (const asset of assets) {
    await mkdir(dirname(join(site, asset)), { recursive: true });
    await copyFile(join(contentDir, asset), join(site, asset));
  }
  return assets.length;
}
