import { cachedParser, type ParseCounts } from '../cache/parsed.ts';
import type { CacheStore } from '../cache/store.ts';
import { validateContentWith, type Content } from '../core/validate/content.ts';
import { ContentError, type Problem } from '../core/validate/problem.ts';
import { threadedParser } from './parse-threads.ts';
import { readContent } from './read.ts';

/**
 * Stages read, parse and validate: the content folder into validated
 * content, advisories parsed on worker threads, or taken from the cache when
 * one is given and holds exactly that file. Any error stops the build here,
 * every one of them reported at once.
 */
export async function loadValidContent(dir: string, cache?: CacheStore): Promise<{ content: Content; warnings: Problem[]; counts: ParseCounts }> {
  const read = await readContent(dir);
  if (!read.files) throw new ContentError(read.problems);
  const counts: ParseCounts = { parsed: 0, reused: 0 };
  const parse = cache ? cachedParser(threadedParser(), cache, counts) : threadedParser();
  const { content, problems, warnings } = await validateContentWith(read.files, parse);
  if (!content) throw new ContentError(problems);
  if (!cache) counts.parsed = content.advisories.length;
  return { content, warnings, counts };
}
