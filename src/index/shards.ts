import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pMap from 'p-map';
import { cacheKey } from '../cache/store.ts';
import { listFiles } from '../util/files.ts';
import { rethrowCollected } from '../util/pool.ts';
import { INDEX_OPTIONS, PAGEFIND_VERSION, indexedPages, isRuntimeFile, runtimeFiles, withPagefind, type IndexFiles, type Indexer, type IndexPage } from './pagefind.ts';

/** One index of a bundle's search: the pages it holds, and the folder it is written to. */
export interface ShardPlan {
  /** Named in logs and reports (the year). */
  name: string;
  /** Below the bundle, ending in `/`; the first shard's folder also gets pagefind's runtime. */
  folder: string;
  /** Bundle paths of its pages, each with a `data-pagefind-body`. */
  pages: readonly string[];
}

/** Where indexes are kept by the hash of what they were made from (a `CacheStore`). */
export interface IndexCache {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
}

/** What indexing a bundle did. */
export interface SearchIndexResult {
  /** Pages in the search index, every shard together. */
  pages: number;
  /** Names of the shards pagefind indexed in this run, in plan order. */
  indexed: string[];
  /** How many shards were written from the cache instead. */
  cached: number;
}

/** A cache entry: an index's files (pagefind's runtime left out), path and bytes. */
type Entry = Array<[string, Uint8Array]>;

const PAGE_BODY = Buffer.from('data-pagefind-body');

/**
 * Builds a bundle's search index from its own rendered pages only, one
 * pagefind index per shard, each in its folder, and pagefind's runtime in
 * the first shard's. A shard whose exact inputs (pagefind's version and
 * options, each page's URL and bytes) were indexed before is written from
 * `cache` instead. Every page with a search body must be in exactly one
 * shard and every shard page must have one: a page missing from search, or
 * indexed whole, is an error. The pagefind service is closed whatever happens.
 */
export async function indexSite(siteDir: string, shards: readonly ShardPlan[], cache?: IndexCache): Promise<SearchIndexResult> {
  try {
    await checkCoverage(siteDir, shards);
    const result: SearchIndexResult = { pages: 0, indexed: [], cached: 0 };
    await withPagefind(async (index) => {
      // Two shards at a time: each is its own index (pages still added one at a time, in order), so pagefind can use a
      // second core where the build leaves one free; the bytes are the same as one at a time.
      const made = await pMap(
        shards,
        async (shard) => {
          const { files, cached } = await shardFiles(siteDir, shard, index, cache);
          await writeFiles(join(siteDir, shard.folder), files);
          return cached;
        },
        { concurrency: 2, stopOnError: false },
      ).catch(rethrowCollected);
      shards.forEach((shard, i) => {
        if (made[i]) result.cached += 1;
        else result.indexed.push(shard.name);
        result.pages += shard.pages.length;
      });
      if (shards.length > 0) await writeFiles(join(siteDir, shards[0]!.folder), await runtime(index, cache));
    });
    return result;
  } catch (error) {
    throw new Error(`search indexing failed: ${(error as Error).message}`, { cause: error });
  }
}

/** Every page with a search body is in a shard, once; every shard page exists and has one. */
async function checkCoverage(siteDir: string, shards: readonly ShardPlan[]): Promise<void> {
  const planned = new Map<string, string>();
  for (const shard of shards) {
    for (const page of shard.pages) {
      const other = planned.get(page);
      if (other !== undefined) throw new Error(`${page} is in search shards ${other} and ${shard.name}`);
      planned.set(page, shard.name);
    }
  }
  const html = (await listFiles(siteDir)).filter((path) => path.endsWith('.html'));
  const present = new Set(html);
  const missing = [...planned.keys()].filter((page) => !present.has(page));
  if (missing.length > 0) throw new Error(`search shards name pages the bundle does not have: ${missing.join(', ')}`);
  const unplanned = await pMap(html.filter((path) => !planned.has(path)), async (path) => ((await readFile(join(siteDir, path))).includes(PAGE_BODY) ? path : undefined), { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
  const left = unplanned.filter((path) => path !== undefined);
  if (left.length > 0) throw new Error(`pages with a search body (data-pagefind-body) that no search shard holds: ${left.join(', ')}`);
}

/** A shard's files, from the cache when its exact inputs were indexed before, else from pagefind (and then kept). */
async function shardFiles(siteDir: string, shard: ShardPlan, index: Indexer, cache: IndexCache | undefined): Promise<{ files: IndexFiles; cached: boolean }> {
  const paths = [...shard.pages].sort();
  const bytes = await pMap(paths, (path) => readFile(join(siteDir, path)), { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
  const pages = paths.map((path, i) => {
    if (!bytes[i]!.includes(PAGE_BODY)) throw new Error(`${path} has no data-pagefind-body: pagefind would index the whole page`);
    // The URL pagefind gives a page it finds on disk: its folder, below the bundle's base.
    return { url: `/${path.replace(/index\.html$/, '')}`, bytes: bytes[i]! };
  });
  const key = cacheKey(
    'search shard',
    PAGEFIND_VERSION,
    JSON.stringify(INDEX_OPTIONS),
    ...pages.flatMap((page) => [page.url, createHash('sha256').update(page.bytes).digest('hex')]),
  );
  const hit = fromEntry(await cache?.get<Entry>(key));
  if (hit && indexedPages(hit) === pages.length) return { files: hit, cached: true };
  const made = await index(pages.map((page): IndexPage => ({ url: page.url, html: page.bytes.toString('utf8') })));
  const files = new Map([...made].filter(([path]) => !isRuntimeFile(path)));
  const count = indexedPages(files);
  if (count !== pages.length) throw new Error(`pagefind indexed ${count} pages of search shard ${shard.name}, expected ${pages.length}`);
  await cache?.put(key, [...files] satisfies Entry);
  return { files, cached: false };
}

/** Pagefind's runtime files: the same bytes for every index of a pagefind version, so cached by that alone. */
async function runtime(index: Indexer, cache: IndexCache | undefined): Promise<IndexFiles> {
  const key = cacheKey('pagefind runtime', PAGEFIND_VERSION, JSON.stringify(INDEX_OPTIONS));
  const hit = fromEntry(await cache?.get<Entry>(key));
  if (hit && hit.has('pagefind.js')) return hit;
  const files = await runtimeFiles(index);
  await cache?.put(key, [...files] satisfies Entry);
  return files;
}

/** A cache entry as files; undefined for anything else (a damaged or foreign entry is a miss). */
function fromEntry(entry: unknown): IndexFiles | undefined {
  if (!Array.isArray(entry)) return undefined;
  const files: IndexFiles = new Map();
  for (const item of entry) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !(item[1] instanceof Uint8Array)) return undefined;
    // Paths as pagefind names them below an index folder: never absolute, never climbing out of it.
    if (item[0].startsWith('/') || item[0].split('/').includes('..')) return undefined;
    files.set(item[0], item[1]);
  }
  return files;
}

async function writeFiles(dir: string, files: IndexFiles): Promise<void> {
  for (const folder of new Set([...files.keys()].map((path) => dirname(join(dir, path))))) await mkdir(folder, { recursive: true });
  await pMap([...files], ([path, content]) => writeFile(join(dir, path), content), { concurrency: 32, stopOnError: false }).catch(rethrowCollected);
}
