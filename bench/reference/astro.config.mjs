// The reference site of `npm run bench`: plain Astro 7 over the same Markdown, default engine
// (Sätteri), no tiering. scripts/bench/reference.ts sets the folders, fresh for every build, so
// each build is cold and nothing is written into the repository.
import { defineConfig } from 'astro/config';

const out = process.env.BENCH_REFERENCE_OUT;
if (!out) throw new Error('BENCH_REFERENCE_OUT is not set: run the reference through `npm run bench`');

export default defineConfig({
  outDir: `${out}/dist`,
  cacheDir: `${out}/cache`,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  vite: { cacheDir: `${out}/cache/vite`, logLevel: 'warn' },
});
