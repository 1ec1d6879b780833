import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pMap from 'p-map';
import { advisoryPageInput, viewLookups } from '../render/advisory-page.ts';
import type { PageData } from '../render/stage.ts';
import { rethrowCollected } from '../util/pool.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** Where an advisory's page is in a bundle (Astro's `build.format: 'directory'`). */
export const advisoryPagePath = (id: string) => join('advisories', id, 'index.html');

/** The cache key of an advisory page: its input (`advisoryPageInput`) as JSON, exactly what its components may read. */
export function advisoryPageKey(input: unknown): string {
  return cacheKey(JSON.stringify(input));
}

/** Which advisory pages of a view Astro renders, and which are taken from the cache. */
export interface PagePlan {
  /** Pages to render, with the keys to keep them under. */
  render: Array<{ id: string; key: string }>;
  /** Ids of the pages found in the cache, put aside until Astro has built the rest. */
  cached: string[];
}

/**
 * Looks up every advisory page of `data` (the page data exactly as Astro
 * reads it) in `store`, by the key of the input its page is made from, and
 * writes each page found into `aside`, out of Astro's output folder, which
 * a build empties. Without a store, every page is rendered.
 */
export async function planPages(data: PageData, store: CacheStore | undefined, aside: string): Promise<PagePlan> {
  const lookups = viewLookups(data);
  const keys = data.advisories.map((advisory) => ({ id: advisory.id, key: advisoryPageKey(advisoryPageInput(advisory, data, lookups)) }));
  if (!store) return { render: keys, cached: [] };
  await mkdir(aside, { recursive: true });
  const found = await pMap(
    keys,
    async ({ id, key }) => {
      const html = await store.get<Uint8Array>(key);
      if (html) await writeFile(join(aside, `${id}.html`), html);
      return html !== undefined;
    },
    { concurrency: 64, stopOnError: false },
  ).catch(rethrowCollected);
  return { render: keys.filter((_, index) => !found[index]), cached: keys.flatMap(({ id }, index) => (found[index] ? [id] : [])) };
}

/**
 * After Astro's build into `site`: moves the pages found in the cache into
 * their place and keeps the pages Astro rendered. Throws when Astro rendered
 * a page it was not asked for or left out one it was: a bundle is never
 * missing a page, and never holds two makings of one.
 */
export async function completePages(plan: PagePlan, site: string, aside: string, store: CacheStore | undefined): Promise<void> {
  await pMap(
    plan.cached,
    async (id) => {
      const path = join(site, advisoryPagePath(id));
      if (await stat(path).catch(() => undefined)) throw new Error(`Astro rendered ${id}'s page, which was taken from the cache`);
      await mkdir(join(site, 'advisories', id), { recursive: true });
      await rename(join(aside, `${id}.html`), path);
    },
    { concurrency: 64, stopOnError: false },
  ).catch(rethrowCollected);
  await rm(aside, { recursive: true, force: true });
  await pMap(
    plan.render,
    async ({ id, key }) => {
      const path = join(site, advisoryPagePath(id));
      const missing = (error: unknown) => {
        throw new Error(`Astro did not render ${id}'s page`, { cause: error });
      };
      if (store) await store.put(key, await readFile(path).catch(missing));
      else await stat(path).catch(missing);
    },
    { concurrency: 64, stopOnError: false },
  ).catch(rethrowCollected);
}
