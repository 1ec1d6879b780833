import { describe, expect, it } from 'vitest';
import { threadedParser } from '../../src/pipeline/parse-threads.ts';
import { readContent } from '../../src/pipeline/read.ts';
import { validateContent, validateContentWith } from '../../src/core/validate/content.ts';
import { files, frontmatter } from '../helpers/content.ts';

describe('parsing on threads', () => {
  it('gives exactly what parsing on one thread gives, in the same order', async () => {
    const read = await readContent('tests/fixtures/rustsec/content');
    const inline = validateContent(read.files!);
    const threaded = await validateContentWith(read.files!, threadedParser(10));
    expect(threaded.problems).toEqual([]);
    expect(threaded.content).toEqual(inline.content);
  });

  it('reports the problems of every thread, sorted by file', async () => {
    const broken = files({
      'advisories/2025/CTSA-2025-0001.md': `${frontmatter()}\n<b>html</b>\n`,
      'advisories/2025/CTSA-2025-0002.md': frontmatter('CTSA-2025-0002'),
      'advisories/2025/CTSA-2025-0003.md': `${frontmatter('CTSA-2025-0003')}\n:::poc\nunclosed\n`,
    });
    const threaded = await validateContentWith(broken, threadedParser(1));
    expect(threaded.problems.map((p) => p.file)).toEqual([
      'content/advisories/2025/CTSA-2025-0001.md',
      'content/advisories/2025/CTSA-2025-0001.md',
      'content/advisories/2025/CTSA-2025-0003.md',
    ]);
    expect(threaded.problems).toEqual(validateContent(broken).problems);
  });
});
