import pMap from 'p-map';
import type { ParseAdvisories, ParsedAdvisory } from '../core/validate/content.ts';
import { rethrowCollected } from '../util/pool.ts';
import { cacheKey, type CacheStore } from './store.ts';

/** How many advisory files a run parsed, and how many it took from the cache. */
export interface ParseCounts {
  parsed: number;
  reused: number;
}

/**
 * A parser that takes each advisory file's result (the validated advisory,
 * or its problems) from the cache when the file's bytes, its path and name,
 * and what it is validated against (site.yaml and the list of assets) are
 * exactly those of a run before, and parses only the others with `parse`.
 */
export function cachedParser(parse: ParseAdvisories, store: CacheStore, counts: ParseCounts): ParseAdvisories {
  return async (files, context) => {
    const against = cacheKey(JSON.stringify(context.site), JSON.stringify(context.assets));
    const keys = files.map((file) => cacheKey(against, file.path, file.name, file.bytes));
    // Bounded: tens of thousands of entries at once would exceed the open-file limit.
    const found = await pMap(keys, (key) => store.get<ParsedAdvisory>(key), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
    const missing = files.flatMap((file, index) => (found[index] === undefined ? [{ file, index }] : []));
    const parsed = await parse(missing.map((entry) => entry.file), context);
    const results = found as ParsedAdvisory[];
    missing.forEach((entry, position) => (results[entry.index] = parsed[position]!));
    await pMap(missing, ({ index }) => store.put(keys[index]!, results[index]), { concurrency: 64, stopOnError: false }).catch(rethrowCollected);
    counts.parsed += missing.length;
    counts.reused += files.length - missing.length;
    return results;
  };
}
