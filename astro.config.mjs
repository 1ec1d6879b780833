// Astro renders one tier at a time, from that tier's staging folder only (set by `tierpress build`
// in the tier's own process). Output and caches live inside the staging folder, so concurrent
// tiers share nothing, and outDir sits inside the project as Astro's prerender chunks require.
import { join } from 'node:path';
import { defineConfig } from 'astro/config';

const stage = process.env.TIERPRESS_STAGE;
if (!stage) throw new Error('TIERPRESS_STAGE is not set: run Astro through `npm run build`, which renders one tier at a time');

export default defineConfig({
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
