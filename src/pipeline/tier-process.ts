// One tier's render, in its own process: Markdown to HTML, Astro, feeds, exports, then pagefind. With a cache,
// an advisory's HTML, its page and its CSAF and OSV files are taken from it when made from exactly the same input before.
// It reads only its own staging folder (TIERPRESS_STAGE), which holds only the tier's projection.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cachedMarkdown } from '../cache/markdown.ts';
import { cachedExports } from '../cache/exports.ts';
import { completePages, planPages } from '../cache/pages.ts';
import { CacheStore } from '../cache/store.ts';
import { advisoryExportInput, bundleExportFiles } from '../export/advisory.ts';
import { atomFeed, jsonFeed, robotsTxt } from '../export/feeds.ts';
import { SENTINEL } from '../bundle/sentinels.ts';
import { indexSite } from '../index/shards.ts';
import { watchChildPeak } from '../index/peak-memory.ts';
import { STAGE_ENV } from '../render/load.ts';
import { searchShards } from '../render/search-shards.ts';
import { markdownView, pageData, type PageData } from '../render/stage.ts';
import { STAGE, type TierInput, type TierMessage } from './stage-files.ts';

const report = (message: TierMessage) => process.send?.(message);

/** Astro leaves services (esbuild) running; the tier process ends itself once its result is delivered. */
const finish = (message: TierMessage, code: number) =>
  process.send ? process.send(message, () => process.exit(code)) : process.exit(code);

async function renderTier(stage: string): Promise<void> {
  const input = JSON.parse(readFileSync(join(stage, STAGE.projection), 'utf8')) as TierInput;
  report({ type: 'progress', step: 'render' });
  const started = performance.now();
  const viewInput = { site: { ...input.site, classes: {} }, tier: input.tier, at: input.at, advisories: input.advisories, baseUrl: input.baseUrl };
  const markdownStore = input.cache ? await CacheStore.open(input.cache.root, input.cache.version, 'markdown') : undefined;
  const markdown = markdownStore ? await cachedMarkdown(markdownStore, input.advisories, markdownView(viewInput)) : undefined;
  const pagesJson = JSON.stringify(pageData(viewInput, markdown?.html));
  await markdown?.save();
  writeFileSync(join(stage, STAGE.pages), pagesJson);
  // The page data as Astro reads it, parsed from the very text it reads: each advisory page's key is made from this.
  const data = JSON.parse(pagesJson) as PageData;
  const pageStore = input.cache ? await CacheStore.open(input.cache.root, input.cache.version, 'pages') : undefined;
  const aside = join(stage, STAGE.cached);
  const plan = await planPages(data, pageStore, aside);
  writeFileSync(join(stage, STAGE.render), JSON.stringify(plan.render.map((page) => page.id)));

  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Astro's `site` and `base` (astro.config.mjs): where this view's bundles are served.
  process.env.TIERPRESS_BASE_URL = data.base.url;
  const { build } = await import('astro');
  // `sync: false` (an internal option, astro pinned exactly): this site has no content collections,
  // so nothing is written outside the tier's own outDir.
  await (build as (config: object, options: object) => Promise<void>)({ root: process.cwd(), logLevel: 'warn' }, { sync: false });

  const site = join(stage, STAGE.site);
  await completePages(plan, site, aside, pageStore);
  writeFileSync(join(site, 'feed.xml'), atomFeed(data));
  writeFileSync(join(site, 'feed.json'), jsonFeed(data));
  writeFileSync(join(site, 'robots.txt'), robotsTxt(data));
  // Machine-readable exports, from the projection alone; `{{mark}}` stays a sentinel, filled in per bundle.
  const context = {
    site: { ...input.site, classes: {} },
    tier: input.tier,
    at: input.at,
    baseUrl: data.base.url,
    mark: SENTINEL.mark,
    ...(input.openpgp ? { openpgp: input.openpgp } : {}),
  };
  // Each advisory's own files by exactly their input; the files that span the bundle made from them every build.
  const exportStore = input.cache ? await CacheStore.open(input.cache.root, input.cache.version, 'exports') : undefined;
  const exports = await cachedExports(exportStore, input.advisories.map((advisory) => advisoryExportInput(advisory, context)));
  for (const file of bundleExportFiles(exports.exports, context)) {
    mkdirSync(dirname(join(site, file.path)), { recursive: true });
    writeFileSync(join(site, file.path), file.content);
  }
  const pages = readdirSync(site, { recursive: true }).filter((file) => String(file).endsWith('.html')).length;
  const renderSeconds = (performance.now() - started) / 1000;

  report({ type: 'progress', step: 'index' });
  const indexStarted = performance.now();
  const stopWatching = watchChildPeak('pagefind');
  // The shards the search page merges: one index per year, each kept in the cache by exactly what it was made from.
  const cache = input.cache ? await CacheStore.open(input.cache.root, input.cache.version, 'search') : undefined;
  const search = await indexSite(site, searchShards(data.advisories), cache);
  const pagefindPeak = stopWatching();
  finish({
    type: 'done',
    pages,
    advisoryPages: { rendered: plan.render.map((page) => page.id), cached: plan.cached.length },
    exports: { made: exports.made, cached: exports.cached },
    renderSeconds,
    indexSeconds: (performance.now() - indexStarted) / 1000,
    maxRss: process.resourceUsage().maxRSS * 1024,
    pagefindPeak,
    search: { shards: search.indexed.length + search.cached, indexed: search.indexed },
  }, 0);
}

const stage = process.env[STAGE_ENV];
try {
  if (!stage) throw new Error(`${STAGE_ENV} is not set`);
  await renderTier(stage);
} catch (error) {
  finish({ type: 'failed', message: (error as Error).stack ?? String(error) }, 1);
}
