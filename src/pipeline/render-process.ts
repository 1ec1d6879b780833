import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ViewProjection } from '../core/project/summary.ts';
import type { Content } from '../core/validate/content.ts';
import { trackChild } from './interrupt.ts';
import { STAGE, type SearchShards, type TierInput, type TierMessage } from './stage-files.ts';

/** What rendering one view cost. */
export interface RenderStats {
  pages: number;
  /** Advisory pages Astro rendered, and advisory pages taken from the cache (whose input was exactly that of a build before). */
  advisoryPagesRendered: number;
  advisoryPagesCached: number;
  /** Advisories whose CSAF and OSV files were made, and taken from the cache (made from exactly the same input before). */
  exportsMade: number;
  exportsCached: number;
  renderSeconds: number;
  indexSeconds: number;
  /** Peak resident memory of the render process and of its pagefind service, in bytes. */
  maxRss: number;
  pagefindPeak: number;
  search: SearchShards;
}

/** Writes a view's projection, its render's only input, into its own staging folder, with the public OpenPGP key its exports name. */
export async function stageView(stage: string, content: Content, projection: ViewProjection, at: string, baseUrl: string, openpgp?: { fingerprint: string; publicKey: string }, cache?: { root: string; version: string }): Promise<void> {
  const { tier, rank } = projection.view;
  const input: TierInput = {
    site: { site: content.site.site, publisher: content.site.publisher, tiers: content.site.tiers.slice(0, rank + 1) },
    tier,
    baseUrl,
    at,
    advisories: projection.advisories,
    ...(openpgp ? { openpgp: { fingerprint: openpgp.fingerprint, publicKey: openpgp.publicKey } } : {}),
    ...(cache ? { cache: { root: cache.root, version: cache.version } } : {}),
  };
  await mkdir(stage, { recursive: true });
  await writeFile(join(stage, STAGE.projection), JSON.stringify(input));
}

/**
 * Renders a staged view in its own process (Markdown to HTML, Astro, feeds,
 * pagefind) and relays its progress; rejects with the process's output when
 * it fails.
 */
export function renderInProcess(projectRoot: string, stage: string, label: string, advisories: number, log: (line: string) => void): Promise<RenderStats> {
  const started = performance.now();
  const say = (text: string) => log(`[${label}] ${text}`);
  return new Promise((resolve, reject) => {
    const child = fork(join(projectRoot, 'src', 'pipeline', 'tier-process.ts'), [], {
      cwd: projectRoot,
      env: { ...process.env, TIERPRESS_STAGE: stage, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group: an interrupted build kills it with the esbuild and pagefind processes it started.
      detached: true,
    });
    trackChild(child);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    let result: TierMessage | undefined;
    child.on('message', (message: TierMessage) => {
      if (message.type === 'progress') say(message.step === 'render' ? `rendering ${advisories} advisories` : 'indexing for search');
      else result = message;
    });
    child.on('error', (error) => reject(new Error(`[${label}] could not start the render process: ${error.message}`, { cause: error })));
    child.on('exit', (code) => {
      if (result?.type === 'done' && code === 0) {
        const { pages, advisoryPages, exports, renderSeconds, indexSeconds, maxRss, pagefindPeak, search } = result;
        say(`rendered ${pages - advisoryPages.cached} pages (${advisoryPages.cached} from the cache) in ${((performance.now() - started) / 1000).toFixed(1)} s${renderedNames(advisoryPages)}`);
        say(exportsLine(exports));
        say(searchLine(search));
        resolve({
          pages,
          advisoryPagesRendered: advisoryPages.rendered.length,
          advisoryPagesCached: advisoryPages.cached,
          exportsMade: exports.made,
          exportsCached: exports.cached,
          renderSeconds,
          indexSeconds,
          maxRss,
          pagefindPeak,
          search,
        });
      } else {
        const reason = result?.type === 'failed' ? result.message : `exited with status ${code}`;
        reject(new Error(`[${label}] rendering failed: ${reason}${output.trim() ? `\n${output.trim()}` : ''}`));
      }
    });
  });
}

/** The log line of a view's exports: of how many advisories the CSAF and OSV files were made, and how many came from the cache. */
export function exportsLine(exports: { made: number; cached: number }): string {
  return `exports (CSAF, OSV): made for ${exports.made} of ${exports.made + exports.cached} advisories, ${exports.cached} from the cache`;
}

/** The log line of a view's search index: how many shards pagefind indexed (named), and how many came from the cache. */
export function searchLine(search: SearchShards): string {
  const indexed = search.indexed.length > 0 ? ` (${search.indexed.join(', ')})` : '';
  return `search index: indexed ${search.indexed.length} of ${search.shards} shards${indexed}, ${search.shards - search.indexed.length} from the cache`;
}

/** When the cache gave most advisory pages: which few were rendered (`; advisory pages rendered: CTSA-2025-0007`), for the author who changed them. */
function renderedNames(pages: { rendered: string[]; cached: number }): string {
  if (pages.cached === 0 || pages.rendered.length > 5) return '';
  return `; advisory pages rendered: ${pages.rendered.length === 0 ? 'none' : pages.rendered.join(', ')}`;
}
