import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// One frozen processor for the whole run: building it per file costs more than parsing small files.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).freeze();

/**
 * Parses Markdown (CommonMark, GFM, generic directives) into mdast with
 * positions. Nothing is interpreted here: gates and rules come later.
 */
export function parseMarkdown(source: string): Root {
  return processor.runSync(processor.parse(source)) as Root;
}
