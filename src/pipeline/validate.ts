import { validateContentWith, type Content } from '../core/validate/content.ts';
import { ContentError, type Problem } from '../core/validate/problem.ts';
import { threadedParser } from './parse-threads.ts';
import { readContent } from './read.ts';

/**
 * Stages read, parse and validate: the content folder into validated
 * content, advisories parsed on worker threads. Any error stops the build
 * here, every one of them reported at once.
 */
export async function loadValidContent(dir: string): Promise<{ content: Content; warnings: Problem[] }> {
  const read = await readContent(dir);
  if (!read.files) throw new ContentError(read.problems);
  const { content, problems, warnings } = await validateContentWith(read.files, threadedParser());
  if (!content) throw new ContentError(problems);
  return { content, warnings };
}
