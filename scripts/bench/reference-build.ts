// One cold build of the reference Astro site (bench/reference) over a bench corpus, measured
// with GNU time: the yardstick the Tierpress figures are divided by.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { measure, type Measured } from './measure.ts';

/** The reference build's outside measurement and how many pages it wrote. */
export interface ReferenceRun extends Measured {
  pages: number;
}

/**
 * Builds bench/reference from the corpus's advisory files with astro's CLI, cwd = the site,
 * with fresh outDir and cacheDir under `<work>/reference` (its astro.config.mjs reads them
 * from the environment), then checks one page per advisory plus the index and removes the output.
 */
export async function buildReference(options: { root: string; content: string; advisories: number; work: string }): Promise<ReferenceRun> {
  const site = join(options.root, 'bench', 'reference');
  const out = join(options.work, 'reference');
  // Cold: no output, no cache, no content-layer data store or generated types from an earlier run.
  await rm(out, { recursive: true, force: true });
  await rm(join(site, '.astro'), { recursive: true, force: true });
  const measured = await measure([join(options.root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
    cwd: site,
    env: { BENCH_REFERENCE_OUT: out, BENCH_REFERENCE_ADVISORIES: join(options.content, 'advisories'), ASTRO_TELEMETRY_DISABLED: '1' },
    log: join(options.work, 'reference.log'),
    timeFile: join(options.work, 'reference.time'),
  });
  const pages = (await readdir(join(out, 'dist'), { recursive: true })).filter((file) => file.endsWith('.html')).length;
  if (pages !== options.advisories + 1) throw new Error(`the reference site wrote ${pages} pages, expected ${options.advisories + 1}`);
  await rm(out, { recursive: true, force: true });
  await rm(join(site, '.astro'), { recursive: true, force: true });
  return { ...measured, pages };
}
