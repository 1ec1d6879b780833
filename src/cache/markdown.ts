import pMap from 'p-map';
import type { ProjectedAdvisory } from '../core/project/project.ts';
import { advisoryHtml, type AdvisoryHtml, type MarkdownView } from '../render/stage.ts';
import { rethrowCollected } from '../util/pool.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** The cache key of an advisory's Markdown as HTML: its id, its body and notes (the projected trees, as JSON), and the view's options (as JSON). */
export function markdownKey(advisory: Pick<ProjectedAdvisory, 'id' | 'body' | 'notes'>, view: string): string {
  return cacheKey(view, advisory.id, JSON.stringify(advisory.body), JSON.stringify(advisory.notes));
}

/** A stand-in for `advisoryHtml`, and what to do once the view's page data is made. */
export interface CachedMarkdown {
  /** `advisoryHtml`, or its HTML from the cache when the advisory and the view are those the entry was made from. */
  html: (advisory: ProjectedAdvisory, view: MarkdownView) => AdvisoryHtml;
  /** Keeps what `html` rendered; returns how many advisories it rendered and took from the cache. */
  save: () => Promise<{ rendered: number; cached: number }>;
}

/**
 * Fetches beforehand the HTML of `advisories` rendered with `view` (the
 * store's reads are asynchronous, `pageData` is not). `html` uses an entry
 * only for the very advisory object it was fetched for and a view with the
 * same JSON; anything else is rendered.
 */
export async function cachedMarkdown(store: CacheStore, advisories: readonly ProjectedAdvisory[], view: MarkdownView): Promise<CachedMarkdown> {
  const viewJson = JSON.stringify(view);
  const keys = new Map(advisories.map((advisory) => [advisory, markdownKey(advisory, viewJson)]));
  // Bounded: tens of thousands of entries at once would exceed the open-file limit.
  const found = await pMap(keys.values(), (key) => store.get<AdvisoryHtml>(key), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
  const entries = new Map([...keys.values()].map((key, index) => [key, found[index]]));
  const made = new Map<string, AdvisoryHtml>();
  let cached = 0;
  return {
    html(advisory, given) {
      const json = JSON.stringify(given);
      const key = json === viewJson ? keys.get(advisory) ?? markdownKey(advisory, json) : markdownKey(advisory, json);
      const entry = entries.get(key);
      if (entry) {
        cached++;
        return entry;
      }
      const html = advisoryHtml(advisory, given);
      made.set(key, html);
      return html;
    },
    async save() {
      await pMap(made, ([key, html]) => store.put(key, html), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
      return { rendered: made.size, cached };
    },
  };
}
