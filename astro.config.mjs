// Astro renders one tier at a time, from that tier's staging folder only (set by `tierpress build`
// in the tier's own process). Output and caches live inside the staging folder, so concurrent
// tiers share nothing, and outDir sits inside the project as Astro's prerender chunks require.
// `site` and `base` are where the view's bundle is served, set by its render process from the staged
// view (TIERPRESS_BASE_URL): the stylesheet Astro links, like every link of the pages, is below it.
import { join } from 'node:path';
import { defineConfig } from 'astro/config';

const stage = process.env.TIERPRESS_STAGE;
if (!stage) throw new Error('TIERPRESS_STAGE is not set: run Astro through `npm run build`, which renders one tier at a time');
const baseUrl = process.env.TIERPRESS_BASE_URL;
if (!baseUrl) throw new Error('TIERPRESS_BASE_URL is not set: run Astro through `npm run build`, which sets where each bundle is served');
const base = new URL(baseUrl);

export default defineConfig({
  site: base.href,
  base: base.pathname,
  outDir: join(stage, 'site'),
  cacheDir: join(stage, 'cache'),
  output: 'static',
  trailingSlash: 'always',
  compressHTML: true,
  scopedStyleStrategy: 'class',
  // One stylesheet file for every page: inlined, it made each page 6 KB larger for search, audit and seal to read.
  build: { format: 'directory', inlineStylesheets: 'never', assets: 'styles' },
  devToolbar: { enabled: false },
  vite: {
    cacheDir: join(stage, 'cache', 'vite'),
    build: { sourcemap: false },
    logLevel: 'warn',
  },
});
