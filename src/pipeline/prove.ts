import { performance } from 'node:perf_hooks';
import pMap from 'p-map';
import { cacheKey, type CacheStore } from '../cache/store.ts';
import { proofWork, proveItems, type ProofItem } from '../core/proof/prove.ts';
import type { Content } from '../core/validate/content.ts';
import { rethrowCollected } from '../util/pool.ts';
import { BuildError } from './errors.ts';
import type { Job } from './plan.ts';

/**
 * Stage prove: each view re-derived from the source text (hidden gates cut
 * out of the Markdown, then parsed again) must equal its projection; any
 * difference stops the build, naming the file, advisory, view and node.
 * With a cache, an advisory already proven for exactly this view, from
 * exactly these inputs, to exactly this projection is not proven again.
 */
export async function proveRenders(content: Content, jobs: readonly Job[], log: (line: string) => void, cache?: CacheStore): Promise<void> {
  const started = performance.now();
  const items = proofWork(jobs.map((job) => job.projection));
  const keys = cache ? proofKeys(content, items) : [];
  const known = cache ? await pMap(keys, (key) => cache.get<true>(key), { concurrency: 64, stopOnError: false }).catch(rethrowCollected) : [];
  const todo = items.flatMap((item, index) => (known[index] ? [] : [{ item, key: keys[index] }]));
  const unproven = proveItems(content, todo.map((entry) => entry.item));
  if (unproven.length > 0) {
    throw new BuildError(
      `the projection proof failed: what a view gets differs from its derivation from the source text\n${unproven
        .map((failure) => `  ${failure.file}: ${failure.advisory} for ${failure.view}: ${failure.difference}`)
        .join('\n')}`,
    );
  }
  if (cache) await pMap(todo, ({ key }) => cache.put(key!, true), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  const seconds = (performance.now() - started) / 1000;
  const reused = items.length - todo.length;
  log(
    `projection proof: ${jobs.length} view${jobs.length === 1 ? '' : 's'} derived again from the source text, all equal` +
      ` (${todo.length} proven${reused > 0 ? `, ${reused} unchanged from the cache` : ''}, ${seconds.toFixed(1)} s)`,
  );
}

/**
 * The key of one item's verdict: everything the derivation and the
 * comparison read — the advisory as written (its file, body text and
 * frontmatter, overlays and their notes included), the site and the assets
 * (the parse options), the view, and the projection it must equal. The
 * store's folder is per version of the code, so the code is in it too.
 */
function proofKeys(content: Content, items: readonly ProofItem[]): string[] {
  const byId = new Map(content.advisories.map((advisory) => [advisory.fields.id, advisory]));
  const setting = cacheKey(JSON.stringify(content.site), JSON.stringify(content.assets));
  const views = new Map<object, string>();
  return items.map(({ projection, projected }) => {
    const advisory = byId.get(projected.id)!;
    let view = views.get(projection);
    if (view === undefined) views.set(projection, (view = JSON.stringify(projection.view)));
    return cacheKey('proof', setting, view, advisory.file, advisory.bodySource, JSON.stringify(advisory.fields), JSON.stringify(projected));
  });
}
