/**
 * One part of a view's search index: the pages of the advisories of one
 * year, indexed on their own, so that a change re-indexes only its year.
 */
export interface SearchShard {
  /** The year, as the pages' year filter writes it. */
  name: string;
  /** Its folder in the bundle, ending in `/`: `pagefind/` for the newest year, `pagefind/<year>/` for each other. */
  folder: string;
  /** Bundle paths of its pages (`advisories/<id>/index.html`), sorted: the order they are indexed in. */
  pages: string[];
}

/** The folder of every shard but the newest year's, below `pagefind/`: four digits, never the name of one of pagefind's own folders. */
export const SHARD_FOLDER = /^\d{4}$/;

/**
 * A view's search shards, newest year first. The first is the primary:
 * written to `pagefind/` beside pagefind's runtime, which the search page
 * loads; the others are merged into it in the browser (`mergeIndex`). A
 * view without advisories has one primary shard without pages, so the
 * search page always finds an index.
 */
export function searchShards(advisories: ReadonlyArray<{ id: string; year: number }>): SearchShard[] {
  const byYear = new Map<number, string[]>();
  for (const advisory of advisories) {
    if (!Number.isInteger(advisory.year) || advisory.year < 1000 || advisory.year > 9999) throw new Error(`${advisory.id}: year ${advisory.year} cannot name a search shard`);
    const pages = byYear.get(advisory.year) ?? [];
    pages.push(`advisories/${advisory.id}/index.html`);
    byYear.set(advisory.year, pages);
  }
  const years = [...byYear.keys()].sort((a, b) => b - a);
  if (years.length === 0) return [{ name: 'none', folder: 'pagefind/', pages: [] }];
  return years.map((year, i) => ({
    name: String(year),
    folder: i === 0 ? 'pagefind/' : `pagefind/${year}/`,
    pages: byYear.get(year)!.sort(),
  }));
}
