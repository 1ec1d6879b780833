import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

declare module 'mdast-util-directive' {
  interface ContainerDirectiveData {
    /** Every attribute name as written, repeats included (`#x` is `id`, `.x` is `class`). */
    attributeNames?: string[];
  }
  interface LeafDirectiveData {
    /** Every attribute name as written, repeats included (`#x` is `id`, `.x` is `class`). */
    attributeNames?: string[];
  }
  interface TextDirectiveData {
    /** Every attribute name as written, repeats included (`#x` is `id`, `.x` is `class`). */
    attributeNames?: string[];
  }
}

// Types of mdast-util-from-markdown, reached through the package that uses it rather than as a dependency of their own.
type Extension = ReturnType<typeof directiveFromMarkdown>;
type Handle = NonNullable<Extension['exit']>[string];

const ATTRIBUTE_EXITS = ['directiveContainerAttributes', 'directiveLeafAttributes', 'directiveTextAttributes'] as const;

/**
 * Keeps the attribute names of each directive as the parser read them.
 * mdast-util-directive folds `{min=trusted min=public}` into one `min` (the
 * last wins), which would let a repeated attribute change a gate unseen; the
 * list it folds is still there when its exit handler runs, so it is copied
 * first, then the original handler runs unchanged.
 */
function attributeNamesFromMarkdown(): Extension {
  const original = directiveFromMarkdown().exit!;
  const exit: Record<string, Handle> = {};
  for (const name of ATTRIBUTE_EXITS) {
    const handle = original[name]!;
    exit[name] = function (this: ThisParameterType<Handle>, token: Parameters<Handle>[0]) {
      const names = (this.data.directiveAttributes ?? []).map(([key]) => key);
      handle.call(this, token);
      // The original has resumed the buffer it captured the attributes in: the directive is on top again.
      const node = this.stack[this.stack.length - 1];
      if (node?.type === 'containerDirective' || node?.type === 'leafDirective' || node?.type === 'textDirective') {
        node.data = { ...node.data, attributeNames: names };
      }
    };
  }
  return { exit };
}

/** A unified plugin adding `attributeNamesFromMarkdown`; it must come after remark-directive, whose handlers it wraps. */
function remarkAttributeNames(this: Processor) {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push(attributeNamesFromMarkdown());
}

// One frozen processor for the whole run: building it per file costs more than parsing small files.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkAttributeNames).freeze();

/**
 * Parses Markdown (CommonMark, GFM, generic directives) into mdast with
 * positions. Nothing is interpreted here: gates and rules come later.
 */
export function parseMarkdown(source: string): Root {
  return processor.runSync(processor.parse(source)) as Root;
}
